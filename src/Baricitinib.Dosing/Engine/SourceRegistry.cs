using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;
using Baricitinib.Dosing.Sources;

namespace Baricitinib.Dosing.Engine;

/// <summary>
/// The one list of sources: every part of the product (engine, conflict matrix, health check, pages, API, docs and
/// tests) reads the sources from here, so adding a source is adding it to <see cref="Default"/> and nothing else.
/// </summary>
public sealed class SourceRegistry
{
    private readonly Lazy<IReadOnlyList<MatrixRow>> _matrix;

    internal SourceRegistry(IEnumerable<IDosingSource> sources)
    {
        All = [.. sources];
        var duplicate = All.GroupBy(s => s.Info.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Source id '{duplicate.Key}' is registered twice.", nameof(sources));
        }

        Sources = [.. All.Select(s => s.Info)];
        _matrix = new(() => ConflictMatrix.Build(this));
    }

    /// <summary>The product's sources, in display order.</summary>
    public static SourceRegistry Default { get; } = new(
    [
        new FdaPrescribingInformation(),
        new FdaPediatricCovidEua(),
        new EuSmpc(),
        new SeedArticleCalculator(),
        new SeedArticleText(),
        new SeedMonograph(),
    ]);

    internal IReadOnlyList<IDosingSource> All { get; }

    /// <summary>Every source, in display order, with its document and rules.</summary>
    public IReadOnlyList<SourceInfo> Sources { get; }

    /// <summary>The conflict matrix over these sources, computed once.</summary>
    public IReadOnlyList<MatrixRow> Matrix => _matrix.Value;

    /// <summary>The source with this id, or null.</summary>
    public SourceInfo? Find(string id) => Sources.FirstOrDefault(s => s.Id == id);

    /// <summary>This registry with one more source (for a site's own source, and for tests).</summary>
    internal SourceRegistry With(IDosingSource source) => new([.. All, source]);

    /// <summary>The source whose label decides (decisions.md, Primary source): the EU SmPC under EU; under US the FDA
    /// emergency use authorization for a child with COVID-19, otherwise the prescribing information.</summary>
    internal IDosingSource Primary(DosingRequest request)
    {
        var id = (request.Jurisdiction ?? Jurisdiction.Us) switch
        {
            Jurisdiction.Eu => EuSmpc.Id,
            Jurisdiction.Us => request.Indication switch
            {
                Indication.Covid19 when request.AgeYears < 18 => FdaPediatricCovidEua.Id,
                Indication.Covid19 or Indication.RheumatoidArthritis or Indication.AlopeciaAreata or Indication.AtopicDermatitis
                    or Indication.JuvenileIdiopathicArthritis or null => FdaPrescribingInformation.Id,
            },
        };
        foreach (var source in All)
        {
            if (source.Info.Id == id)
            {
                return source;
            }
        }

        throw new InvalidOperationException($"The primary source '{id}' is not registered.");
    }
}

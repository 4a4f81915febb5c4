using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Engine;

/// <summary>The whole rule set: its version and every source with its rules (for the sources page and API).</summary>
public static class RuleSet
{
    /// <summary>Raised whenever any rule changes (<c>YYYY.MM.N</c>).</summary>
    public const string Version = "2026.12.1";

    /// <summary>Every source of the default registry, in display order, with its rules.</summary>
    public static IReadOnlyList<SourceInfo> Sources => SourceRegistry.Default.Sources;

    /// <summary>Every rule whose label wording could not be confirmed ([M] in clinical-sources.md).</summary>
    public static IEnumerable<(string Source, Rule Rule)> UnverifiedRules() =>
        Sources.SelectMany(s => s.Rules.Where(r => !r.Verified).Select(r => (s.Id, r)));
}

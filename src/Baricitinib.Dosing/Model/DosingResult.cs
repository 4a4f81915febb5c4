using System.Text.Json.Serialization;

namespace Baricitinib.Dosing.Model;

/// <summary>The answer to a dosing request.</summary>
/// <param name="RuleSetVersion">Version of the whole rule set (<c>YYYY.MM.N</c>).</param>
/// <param name="Jurisdiction">The jurisdiction whose label is primary.</param>
/// <param name="Indication">The indication asked about.</param>
/// <param name="Recommendation">The primary recommendation.</param>
/// <param name="Flags">Every finding of the primary source, most severe first.</param>
/// <param name="KidneyFunction">The kidney function the primary rule used, and every estimate.</param>
/// <param name="Sources">Every other source's recommendation for the same patient.</param>
public sealed record DosingResult(
    string RuleSetVersion,
    Jurisdiction Jurisdiction,
    Indication Indication,
    Recommendation Recommendation,
    IReadOnlyList<Flag> Flags,
    KidneyFunction KidneyFunction,
    IReadOnlyList<SourceOpinion> Sources)
{
    /// <summary>The public document behind each source, by source id, each with its currency.</summary>
    /// <remarks>Filled in by the app from its label watch; null from the engine alone.</remarks>
    [JsonPropertyOrder(100)]
    public IReadOnlyDictionary<string, SourceDocument>? Documents { get; init; }
}

/// <summary>One source's recommendation.</summary>
/// <param name="Status">Dose, not recommended, not approved, no label dose, silent or needs input.</param>
/// <param name="DoseMg">Dose in mg, only when the status is dose (otherwise null).</param>
/// <param name="Frequency">Frequency, only when the status is dose (otherwise null).</param>
/// <param name="Text">What a clinician reads first, e.g. "1 mg once daily" or "Not recommended".</param>
/// <param name="Duration">Treatment duration (COVID-19), or null.</param>
/// <param name="Source">Id of the source that gave it.</param>
/// <param name="Citation">Where the deciding rule is written, as users read it: public document, revision and section
/// (e.g. "US PI (rev. 06/2026) §2.5, §8.6"), or "This calculator's reading: …" for a product choice.</param>
/// <param name="Verified">False when any rule it rests on could not be confirmed against the label wording.</param>
/// <param name="Alternatives">Doses the source allows under a stated condition.</param>
public sealed record Recommendation(
    RecommendationStatus Status,
    int? DoseMg,
    Frequency? Frequency,
    string Text,
    string? Duration,
    string Source,
    string Citation,
    bool Verified,
    IReadOnlyList<Alternative> Alternatives);

/// <summary>A dose allowed under a stated condition.</summary>
/// <param name="DoseMg">Dose in mg.</param>
/// <param name="Frequency">Frequency.</param>
/// <param name="Text">The dose as text.</param>
/// <param name="When">The condition.</param>
public sealed record Alternative(int DoseMg, Frequency Frequency, string Text, string When);

/// <summary>A finding about the patient, with the rule it comes from.</summary>
/// <param name="Code">Stable flag code (e.g. <c>renal-dose-reduced</c>).</param>
/// <param name="Severity">Stop, warning or info.</param>
/// <param name="Message">Plain-language reason.</param>
/// <param name="Source">Source id, or <c>calculator</c> for the engine's own findings.</param>
/// <param name="Citation">Where the rule is written: public document, revision and section, or "This calculator's reading: …".</param>
public sealed record Flag(string Code, Severity Severity, string Message, string Source, string Citation);

/// <summary>The kidney function the primary rule used.</summary>
/// <param name="MeasureUsed">The measure the primary rule used, or null (dialysis without a value).</param>
/// <param name="Value">Its value, never rounded.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Band">The primary source's band, e.g. <c>30 to &lt;60</c>.</param>
/// <param name="NearBandEdge">True when within 3 units of an edge of the primary source's bands.</param>
/// <param name="Estimates">Every measure given or computed.</param>
public sealed record KidneyFunction(
    KidneyMeasure? MeasureUsed,
    double? Value,
    string? Unit,
    string? Band,
    bool NearBandEdge,
    IReadOnlyList<KidneyEstimate> Estimates);

/// <summary>One kidney-function estimate.</summary>
/// <param name="Measure">What it measures.</param>
/// <param name="Method">How it was obtained.</param>
/// <param name="Value">Its value.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Note">Why it is or is not used, when that needs saying.</param>
public sealed record KidneyEstimate(KidneyMeasure Measure, EstimateMethod Method, double Value, string Unit, string? Note = null)
{
    /// <summary>For a Cockcroft–Gault clearance: the weight it was computed with (actual, ideal or adjusted); null otherwise.</summary>
    public CockcroftGaultWeight? Weight { get; init; }
}

/// <summary>What another source says for the same patient.</summary>
/// <param name="Source">Source id.</param>
/// <param name="Title">Source title.</param>
/// <param name="Recommendation">Its recommendation.</param>
/// <param name="Agreement">Agrees, differs or silent.</param>
/// <param name="Note">What differs and why, what it lacks, or what it adds.</param>
/// <param name="MeasureUsed">The kidney measure its rule used.</param>
/// <param name="Citation">Where its rule is written: public document, revision and section, or its document's title.</param>
public sealed record SourceOpinion(
    string Source,
    string Title,
    Recommendation Recommendation,
    Agreement Agreement,
    string? Note,
    [property: JsonPropertyOrder(2)] KidneyMeasure? MeasureUsed,
    [property: JsonPropertyOrder(3)] string Citation)
{
    // The note and "why" are written when first read (the page reads "why"; the API both), not while calculating.
    private NoteWriter? _write;
    private Texts? _texts;
    private string? _note = Note;
    private string? _why;

    /// <summary>An opinion whose note and "why" are written by <paramref name="write"/> when first read.</summary>
    internal SourceOpinion(string source, string title, Recommendation recommendation, Agreement agreement,
        KidneyMeasure? measureUsed, string citation, NoteWriter write)
        : this(source, title, recommendation, agreement, null, measureUsed, citation) => _write = write;

    /// <summary>What differs and why, what it lacks, or what it adds.</summary>
    [JsonPropertyOrder(1)]
    public string? Note
    {
        get => Written.Note;
        init
        {
            Materialize();
            _note = value;
        }
    }

    /// <summary>The note without the sentence that restates the primary answer (what the page's "Why" shows).</summary>
    [JsonPropertyOrder(4)]
    public string? Why
    {
        get => Written.Why;
        init
        {
            Materialize();
            _why = value;
        }
    }

    /// <summary>For a source that needs an input the user has not given: that field's API name (e.g. <c>weightKg</c>).</summary>
    [JsonPropertyOrder(5)]
    public string? MissingInput { get; init; }

    private (string? Note, string? Why) Written
    {
        get
        {
            if (_write is null)
            {
                return (_note, _why);
            }

            var texts = _texts ??= new Texts(_write.Write());
            return (texts.Note, texts.Why);
        }
    }

    /// <summary>Equal when every property is (the note and "why" by their words, written or not).</summary>
    public bool Equals(SourceOpinion? other) =>
        other is not null
        && Source == other.Source && Title == other.Title && Recommendation == other.Recommendation
        && Agreement == other.Agreement && Note == other.Note && MeasureUsed == other.MeasureUsed
        && Citation == other.Citation && Why == other.Why && MissingInput == other.MissingInput;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Source, Title, Recommendation, Agreement, Note, MeasureUsed, Citation, HashCode.Combine(Why, MissingInput));

    // A copy made with "with" that sets the note or "why" starts from the written words.
    private void Materialize()
    {
        if (_write is not null)
        {
            (_note, _why) = Written;
            _write = null;
            _texts = null;
        }
    }

    /// <summary>Writes the note and "why" of an opinion when they are first read.</summary>
    internal abstract class NoteWriter
    {
        public abstract (string? Note, string? Why) Write();
    }

    private sealed class Texts((string? Note, string? Why) written)
    {
        public string? Note { get; } = written.Note;

        public string? Why { get; } = written.Why;
    }
}

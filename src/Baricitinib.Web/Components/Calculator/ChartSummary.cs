using System.Globalization;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Web.Components.Calculator;

/// <summary>
/// The plain-text note a clinician pastes into the chart: the result in words, the label and its revision, the inputs
/// that decided it, every warning and stop, where the sources disagree, the rule-set version and the local time.
/// Built only from what the page shows (public citations, never internal references).
/// </summary>
public static class ChartSummary
{
    /// <summary>The note as one text, a line per line.</summary>
    public static string For(DosingResult result, CalculatorState state, SourceRegistry registry, DateTimeOffset localTime, string timeZone,
        string? labelNotice = null) =>
        string.Join(Environment.NewLine, Lines(result, state, registry, localTime, timeZone, labelNotice).Select(line => line.Text));

    /// <summary>
    /// The note's lines, each with its kind and its place among lines of that kind, so that the page can keep a line
    /// that did not change where it is when a line before it appears or goes (the print view's text sends only the
    /// lines that changed).
    /// </summary>
    /// <remarks>With <c>labelNotice</c> (the line saying the primary label was revised after the rules were checked)
    /// that line follows the cautions.</remarks>
    public static IReadOnlyList<SummaryLine> Lines(DosingResult result, CalculatorState state, SourceRegistry registry, DateTimeOffset localTime, string timeZone,
        string? labelNotice = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(registry);
        var lines = new List<SummaryLine>(16);
        void Add(SummarySlot slot, string text, int place = 0) => lines.Add(new SummaryLine(slot, place, text));

        var r = result.Recommendation;
        var primary = registry.Find(r.Source);
        Add(SummarySlot.Dose, r.Duration is null ? $"Baricitinib: {r.Text}." : $"Baricitinib: {r.Text}, {r.Duration}.");
        if (primary is not null)
        {
            Add(SummarySlot.Label, $"Label: {primary.Document.Title} ({primary.Document.Revision}), {r.Citation}.");
        }

        if (!r.Verified)
        {
            Add(SummarySlot.Caution, "Caution: a rule behind this result could not be confirmed against the label wording; check the current label.");
        }

        if (labelNotice is not null)
        {
            Add(SummarySlot.Caution, labelNotice, 1);
        }

        for (var i = 0; i < r.Alternatives.Count; i++)
        {
            Add(SummarySlot.Alternative, $"Alternative: {r.Alternatives[i].Text} {r.Alternatives[i].When}.", i);
        }

        Add(SummarySlot.Patient, $"Patient: {string.Join("; ", Inputs(state))}.");
        var k = result.KidneyFunction;
        if (k.Value is { } value && k.MeasureUsed is { } measure)
        {
            var estimate = k.Estimates.FirstOrDefault(e => e.Measure == measure && e.Value == value);
            var method = estimate is null ? "" : $" ({Display.Method(estimate.Method)}{(estimate.Note is { } note ? "; " + note.TrimEnd('.') : "")})";
            Add(SummarySlot.Kidney, $"Kidney function used: {Display.Measure(measure)} {Display.Number(value)} {k.Unit}{method}, band {k.Band ?? "not banded"}.");
        }
        else if (k.Band is not null)
        {
            Add(SummarySlot.Kidney, $"Kidney function used: {k.Band}.");
        }

        var findings = result.Flags.Where(f => f.Severity != Severity.Info).ToList();
        if (findings.Count > 0)
        {
            Add(SummarySlot.FindingsHeading, "Warnings and stops:");
            for (var i = 0; i < findings.Count; i++)
            {
                Add(SummarySlot.Finding, $"- {Display.Severity(findings[i].Severity)}: {findings[i].Message}", i);
            }
        }

        // Only regulatory documents' doses go into the chart; the web documents are said to differ, with no dose
        // (decisions.md, Chart note).
        var differing = result.Sources.Where(s => s.Agreement == Agreement.Differs).ToList();
        var regulatory = differing.Where(s => IsRegulatory(registry, s.Source)).ToList();
        if (differing.Count > 0)
        {
            Add(SummarySlot.DisagreementHeading, "Where the sources disagree:");
            for (var i = 0; i < regulatory.Count; i++)
            {
                var rec = regulatory[i].Recommendation;
                var recovery = rec.Status != RecommendationStatus.Dose && rec.Alternatives.Count > 0
                    ? $" ({string.Join("; ", rec.Alternatives.Select(a => $"{a.Text} {a.When}"))})"
                    : "";
                Add(SummarySlot.Disagreement, $"- {regulatory[i].Title}: {rec.Text}{recovery}", i);
            }

            if (regulatory.Count < differing.Count)
            {
                Add(SummarySlot.WebDocuments, "- Web documents that are not regulatory documents also differ; the calculator page shows them.");
            }
        }

        Add(SummarySlot.RuleSet, $"Rule set {result.RuleSetVersion}; {localTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {timeZone}.");
        Add(SummarySlot.Restates, "This note restates the label; it does not replace the current prescribing information or clinical judgement.");
        return lines;
    }

    private static IEnumerable<string> Inputs(CalculatorState state) =>
        state.Given().Select(name => Fields.Find(name)!)
            .Select(f => f.Kind == FieldKind.Boolean ? f.Label : $"{CalculatorState.PrintLabel(f)} {state.DisplayValue(f)}");

    private static bool IsRegulatory(SourceRegistry registry, string source) => registry.Find(source)?.Document.Kind switch
    {
        DocumentKind.RegulatoryLabel or DocumentKind.EmergencyUseAuthorization => true,
        DocumentKind.ThirdPartyWebPage or null => false,
    };
}

/// <summary>The kinds of line in the chart note, in the order they come.</summary>
public enum SummarySlot
{
    Dose,
    Label,
    Caution,
    Alternative,
    Patient,
    Kidney,
    FindingsHeading,
    Finding,
    DisagreementHeading,
    Disagreement,
    WebDocuments,
    RuleSet,
    Restates,
}

/// <summary>One line of the chart note: its kind, its place among the lines of that kind, and its text.</summary>
public readonly record struct SummaryLine(SummarySlot Slot, int Place, string Text)
{
    /// <summary>Increasing through the note and the same for the same kind and place in every note (a render-tree
    /// sequence number, at most 1,000 lines of one kind).</summary>
    public int Sequence => ((int)Slot * 1000) + Math.Min(Place, 999);
}

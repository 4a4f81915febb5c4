using System.Globalization;
using System.Text;
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
    public static string For(DosingResult result, CalculatorState state, SourceRegistry registry, DateTimeOffset localTime, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(registry);
        var r = result.Recommendation;
        var primary = registry.Find(r.Source);
        var text = new StringBuilder();
        text.Append("Baricitinib: ").Append(r.Text);
        if (r.Duration is not null)
        {
            text.Append(", ").Append(r.Duration);
        }

        text.AppendLine(".");
        if (primary is not null)
        {
            text.Append("Label: ").Append(primary.Document.Title).Append(" (").Append(primary.Document.Revision).Append("), ").Append(r.Citation).AppendLine(".");
        }

        if (!r.Verified)
        {
            text.AppendLine("Caution: a rule behind this result could not be confirmed against the label wording; check the current label.");
        }

        foreach (var a in r.Alternatives)
        {
            text.Append("Alternative: ").Append(a.Text).Append(' ').Append(a.When).AppendLine(".");
        }

        text.Append("Patient: ").Append(string.Join("; ", Inputs(state))).AppendLine(".");
        var k = result.KidneyFunction;
        if (k.Value is { } value && k.MeasureUsed is { } measure)
        {
            var estimate = k.Estimates.FirstOrDefault(e => e.Measure == measure && e.Value == value);
            text.Append("Kidney function used: ").Append(Display.Measure(measure)).Append(' ').Append(Display.Number(value)).Append(' ').Append(k.Unit);
            if (estimate is not null)
            {
                text.Append(" (").Append(Display.Method(estimate.Method)).Append(estimate.Note is { } note ? "; " + note.TrimEnd('.') : "").Append(')');
            }

            text.Append(", band ").Append(k.Band ?? "not banded").AppendLine(".");
        }
        else if (k.Band is not null)
        {
            text.Append("Kidney function used: ").Append(k.Band).AppendLine(".");
        }

        var findings = result.Flags.Where(f => f.Severity != Severity.Info).ToList();
        if (findings.Count > 0)
        {
            text.AppendLine("Warnings and stops:");
            foreach (var f in findings)
            {
                text.Append("- ").Append(Display.Severity(f.Severity)).Append(": ").AppendLine(f.Message);
            }
        }

        var differing = result.Sources.Where(s => s.Agreement == Agreement.Differs).ToList();
        if (differing.Count > 0)
        {
            text.AppendLine("Where the sources disagree:");
            foreach (var s in differing)
            {
                text.Append("- ").Append(s.Title).Append(": ").AppendLine(s.Recommendation.Text);
            }
        }

        text.Append("Rule set ").Append(result.RuleSetVersion).Append("; ")
            .Append(localTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(' ').Append(timeZone).AppendLine(".");
        text.Append("This note restates the label; it does not replace the current prescribing information or clinical judgement.");
        return text.ToString();
    }

    private static IEnumerable<string> Inputs(CalculatorState state) =>
        state.Given().Select(name => Fields.Find(name)!)
            .Select(f => f.Kind == FieldKind.Boolean ? f.Label : $"{f.Label} {state.DisplayValue(f)}");
}

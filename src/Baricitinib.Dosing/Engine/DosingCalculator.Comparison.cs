using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Sources;

namespace Baricitinib.Dosing.Engine;

/// <summary>Every other source against the primary: agreement, and the note that says what differs and why.</summary>
public sealed partial class DosingCalculator
{
    private static SourceOpinion Compare(IDosingSource source, Evaluation eval, IDosingSource primary, Evaluation primaryEval, Recommendation primaryRec)
    {
        var rec = eval.ToRecommendation();
        var agreement = rec.Status is RecommendationStatus.Silent or RecommendationStatus.NeedsInput
            ? Agreement.Silent
            : OutcomeDiffers(rec, primaryRec) || ExtraDoses(rec, primaryRec).Count > 0 ? Agreement.Differs : Agreement.Agrees;
        var citation = rec.Citation.Length > 0 ? rec.Citation : source.Info.Title;
        return new SourceOpinion(source.Info.Id, source.Info.Title, rec.Citation.Length > 0 ? rec : rec with { Citation = citation }, agreement,
            eval.Reading?.Measure, citation, new RowNotes(source, eval, rec, primary, primaryEval, primaryRec))
        {
            MissingInput = eval.MissingInput,
        };
    }

    /// <summary>Writes a row's note and "why" when they are first read.</summary>
    private sealed class RowNotes(IDosingSource source, Evaluation eval, Recommendation rec, IDosingSource primary, Evaluation primaryEval, Recommendation primaryRec)
        : SourceOpinion.NoteWriter
    {
        public override (string? Note, string? Why) Write() => Notes(source, eval, rec, primary, primaryEval, primaryRec);
    }

    private static bool OutcomeDiffers(Recommendation rec, Recommendation primaryRec) =>
        rec.Status != primaryRec.Status
        || (rec.Status == RecommendationStatus.Dose && (rec.DoseMg != primaryRec.DoseMg || rec.Frequency != primaryRec.Frequency))
        || (rec.Status != RecommendationStatus.Dose && !SameRecoveryDoses(rec, primaryRec));

    /// <summary>True when two results without a dose give the same doses once blood counts recover (or neither gives one).</summary>
    private static bool SameRecoveryDoses(Recommendation a, Recommendation b)
    {
        if (a.Alternatives.Count != b.Alternatives.Count)
        {
            return false;
        }

        foreach (var x in a.Alternatives)
        {
            if (!b.Alternatives.Any(y => y.DoseMg == x.DoseMg && y.Frequency == x.Frequency))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly List<Alternative> NoAlternatives = [];

    /// <summary>"1 mg once daily (once ALC ≥ 500 cells/mm³)", or "no dose" for a result without one.</summary>
    private static string Recovery(Recommendation rec) => rec.Alternatives.Count == 0
        ? "no dose"
        : string.Join(" or ", rec.Alternatives.Select(a => $"{a.Text} ({a.When})"));

    private static bool BothAdviseAgainst(RecommendationStatus a, RecommendationStatus b) =>
        a is RecommendationStatus.NotRecommended or RecommendationStatus.NotApproved
        && b is RecommendationStatus.NotRecommended or RecommendationStatus.NotApproved;

    /// <summary>The source's alternatives that are neither the primary dose nor one of its alternatives.</summary>
    private static List<Alternative> ExtraDoses(Recommendation source, Recommendation primary)
    {
        if (source.Status != RecommendationStatus.Dose || primary.Status != RecommendationStatus.Dose || source.Alternatives.Count == 0)
        {
            return NoAlternatives;
        }

        var extra = new List<Alternative>(source.Alternatives.Count);
        foreach (var a in source.Alternatives)
        {
            var allowed = (a.DoseMg == primary.DoseMg && a.Frequency == primary.Frequency)
                || primary.Alternatives.Any(p => p.DoseMg == a.DoseMg && p.Frequency == a.Frequency);
            if (!allowed)
            {
                extra.Add(a);
            }
        }

        return extra;
    }

    /// <summary>"The EU SmPC gives 2 mg once daily (creatinine clearance 30–60 mL/min)." or, without a dose,
    /// "The EU SmPC says not approved: COVID-19 is not an authorised indication in the EU …".</summary>
    private static string Says(IDosingSource source, Recommendation rec, Evaluation e)
    {
        if (rec.Status == RecommendationStatus.Dose)
        {
            // The basis in parentheses, or after "for" when it has parentheses of its own (never nested).
            var basis = e.Basis.Length == 0 ? "" : e.Basis.Contains('(', StringComparison.Ordinal) ? $" for {Lower(e.Basis)}" : $" ({Lower(e.Basis)})";
            return $"{Cap(source.ShortName)} gives {rec.Text}{basis}.";
        }

        var stops = e.Flags.Where(f => f.Severity == Severity.Stop).Select(f => f.Message).Distinct().ToList();
        var reason = stops.Count > 0 ? string.Join(" ", stops) : e.Basis.Length > 0 ? Lower(e.Basis) + "." : "";
        return $"{Cap(source.ShortName)} says {Lower(rec.Text)}{(reason.Length > 0 ? ": " + Lower(reason) : ".")}";
    }

    /// <summary>A source row's note (what differs and why, what it lacks or adds) and its "why" (the note without the
    /// sentence that restates the primary answer).</summary>
    private static (string? Note, string? Why) Notes(IDosingSource source, Evaluation eval, Recommendation rec, IDosingSource primary, Evaluation primaryEval, Recommendation primaryRec)
    {
        var notes = new List<string>();
        string? primarySays = null; // the sentence that restates the primary answer (left out of "why")
        if (rec.Status is RecommendationStatus.Silent or RecommendationStatus.NeedsInput)
        {
            notes.AddRange(eval.Notes.Count > 0 ? eval.Notes : [$"{source.Info.Title} has no rule for this case."]);
        }
        else
        {
            var outcomeDiffers = OutcomeDiffers(rec, primaryRec);
            if (outcomeDiffers && rec.Status == primaryRec.Status && rec.Status != RecommendationStatus.Dose)
            {
                // Same status, different doses once blood counts recover (US 1 mg vs EU 2 mg).
                notes.Add($"Both say {Lower(rec.Text)}; once blood counts recover {source.ShortName} gives {Recovery(rec)}, {primary.ShortName} {Recovery(primaryRec)}.");
            }
            else if (outcomeDiffers && BothAdviseAgainst(rec.Status, primaryRec.Status))
            {
                notes.Add($"Both advise against use, for different reasons. {Says(source, rec, eval)} {Cap(Says(primary, primaryRec, primaryEval))}");
            }
            else if (outcomeDiffers)
            {
                notes.Add(Says(source, rec, eval));
                primarySays = Cap(Says(primary, primaryRec, primaryEval));
                notes.Add(primarySays);
            }

            foreach (var a in ExtraDoses(rec, primaryRec))
            {
                notes.Add($"{Cap(source.ShortName)} also allows {a.Text} ({a.When}), which {primary.ShortName} does not allow for this patient.");
            }

            if (eval.Reading is { } r && primaryEval.Reading is { } pr && r.Measure != pr.Measure)
            {
                notes.Add($"It is applied to {MeasureName(r.Measure)} {Formatting.Kidney(r.Value)} {r.Unit}; {primary.ShortName} to {MeasureName(pr.Measure)} {Formatting.Kidney(pr.Value)} {pr.Unit}.");
            }

            foreach (var f in eval.Flags)
            {
                if (f.Code is FlagCodes.EgfrUsedForCrcl or FlagCodes.CrclUsedForEgfr && eval.Reading is { } fallback)
                {
                    notes.Add(LabelSteps.FallbackMessage(f.Code, fallback.Value));
                }
            }

            notes.AddRange(eval.Notes);
        }

        var note = notes.Count > 0 ? string.Join(" ", notes) : null;
        if (primarySays is null)
        {
            return (note, note);
        }

        notes.Remove(primarySays);
        return (note, notes.Count > 0 ? string.Join(" ", notes) : null);
    }
}

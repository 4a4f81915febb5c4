using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Sources;
using Baricitinib.Dosing.Tests.Engine;
using Baricitinib.Dosing.Validation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Baricitinib.Dosing.Tests.Sources;

/// <summary>
/// The engine asks each source for only the words it shows (every message for the primary label, notes and stop
/// reasons for another source's row, none for an outcome comparison). Leaving words out must never change an
/// outcome: over generated patients (10,000), every source at every detail gives the same status, dose, frequency,
/// duration, alternatives, deciding rules, band and flags (code, severity, source, citation); a row has the same notes
/// and stop reasons as the full evaluation.
/// </summary>
public class DetailLevelTests
{
    private static readonly DosingRequestValidator Validator = new();

    private static string Outcome(Evaluation e)
    {
        var rec = e.ToRecommendation();
        var alternatives = string.Join(",", rec.Alternatives.Select(a => $"{a.DoseMg}/{a.Frequency}/{a.Text}/{a.When}"));
        var flags = string.Join(",", e.Flags.Select(f => $"{f.Code}/{f.Severity}/{f.Source}/{f.Citation}"));
        var rules = string.Join(",", e.DecidingRules.Select(r => r.Id));
        return $"{rec.Status}|{rec.DoseMg}|{rec.Frequency}|{rec.Text}|{rec.Duration}|{rec.Citation}|{rec.Verified}|{alternatives}|{flags}|{rules}|{e.BandLabel}|{e.Row?.Rule.Id}|{e.Reading}|{e.MissingInput}|{e.Basis}";
    }

    private static string Words(Evaluation e) =>
        string.Join("\n", e.Notes) + "\n--\n" + string.Join("\n", e.Flags.Where(f => f.Severity == Severity.Stop).Select(f => f.Message));

    [Property(MaxTest = 10_000)]
    public Property Leaving_words_out_never_changes_what_a_source_says() =>
        Prop.ForAll(Arb.From(SafetyPropertyTests.Patients, SafetyPropertyTests.Simpler), request =>
        {
            if (!Validator.Validate(request).IsValid)
            {
                return true;
            }

            var patient = new Patient(request, KidneyProfile.From(request));
            foreach (var source in SourceRegistry.Default.All)
            {
                var full = source.Evaluate(patient);
                var row = source.Evaluate(patient with { Detail = Detail.Row });
                var outcome = source.Evaluate(patient with { Detail = Detail.Outcome });
                if (Outcome(full) != Outcome(row) || Outcome(full) != Outcome(outcome) || Words(full) != Words(row))
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void An_outcome_comparison_writes_no_message_and_a_row_writes_only_its_stop_reasons()
    {
        var request = new DosingRequest { Indication = Indication.RheumatoidArthritis, AgeYears = 55, Egfr = 20, Pregnant = true };
        var patient = new Patient(request, KidneyProfile.From(request));
        var pi = SourceRegistry.Default.All.Single(s => s.Info.Id == "fda-pi");

        var outcome = pi.Evaluate(patient with { Detail = Detail.Outcome });
        var row = pi.Evaluate(patient with { Detail = Detail.Row });
        var full = pi.Evaluate(patient);

        Assert.All(outcome.Flags, f => Assert.Equal("", f.Message));
        Assert.Equal("eGFR 20 (15 to <30): not recommended.", row.Flags.Single(f => f.Severity == Severity.Stop).Message);
        Assert.Equal("", row.Flags.Single(f => f.Code == FlagCodes.Pregnancy).Message);
        Assert.StartsWith("Pregnancy: not contraindicated in the US", full.Flags.Single(f => f.Code == FlagCodes.Pregnancy).Message, StringComparison.Ordinal);
    }
}

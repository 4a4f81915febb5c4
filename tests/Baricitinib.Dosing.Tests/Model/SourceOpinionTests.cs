using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Model;

/// <summary>A source row's note and "why" are written when first read; to a caller they behave as plain values.</summary>
public class SourceOpinionTests
{
    private static readonly DosingRequest Request = new() { Indication = Indication.RheumatoidArthritis, AgeYears = 55, Egfr = 45 };

    private static SourceOpinion EuRow() => new DosingCalculator().Calculate(Request).Result!.Sources.Single(s => s.Source == "eu-smpc");

    [Fact]
    public void The_note_and_why_of_a_row_read_the_same_every_time()
    {
        var row = EuRow();
        Assert.Equal(
            "The EU SmPC gives 2 mg once daily (creatinine clearance 30–60 mL/min, both ends included). The US prescribing information gives 1 mg once daily (eGFR 30 to <60). No creatinine clearance could be had: eGFR 45 mL/min/1.73 m² stands in for the creatinine clearance this rule is written in (not de-indexed).",
            row.Note);
        Assert.Equal(
            "The EU SmPC gives 2 mg once daily (creatinine clearance 30–60 mL/min, both ends included). No creatinine clearance could be had: eGFR 45 mL/min/1.73 m² stands in for the creatinine clearance this rule is written in (not de-indexed).",
            row.Why);
        Assert.Same(row.Note, row.Note);
    }

    [Fact]
    public void A_row_whose_words_were_read_equals_its_copy_whose_words_were_not()
    {
        var row = EuRow();
        var copy = row with { MissingInput = row.MissingInput }; // made before anything was read
        _ = row.Note;
        Assert.Equal(row, copy);
        Assert.Equal(row.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(row, copy with { Why = "Something else." });
    }

    [Fact]
    public void A_copy_that_changes_the_why_keeps_the_written_note()
    {
        var row = EuRow();
        var copy = row with { Why = "Changed." };
        Assert.Equal("Changed.", copy.Why);
        Assert.Equal(row.Note, copy.Note);
        var plain = new SourceOpinion("s", "Title", row.Recommendation, Agreement.Agrees, "A note.", null, "Cite") { Why = "Why." };
        Assert.Equal(("A note.", "Why."), (plain.Note, plain.Why));
    }
}

namespace Baricitinib.Dosing.Model;

/// <summary>How users read one indication: at the start of a sentence, as a form's choice, inside a sentence.</summary>
/// <param name="Title">At the start of a sentence or a heading ("Rheumatoid arthritis").</param>
/// <param name="Choice">As the form's choice ("COVID-19 (hospitalised)").</param>
/// <param name="InSentence">Inside a sentence ("rheumatoid arthritis"; "COVID-19").</param>
public sealed record IndicationName(string Title, string Choice, string InSentence);

/// <summary>The one table of indication names: the form, the rules' messages and the CDS Hooks cards all read it.</summary>
public static class IndicationNames
{
    /// <summary>Every indication's names; the compiler names this place when an indication is added.</summary>
    public static IndicationName Of(Indication indication) => indication switch
    {
        Indication.RheumatoidArthritis => new("Rheumatoid arthritis", "Rheumatoid arthritis", "rheumatoid arthritis"),
        Indication.AlopeciaAreata => new("Alopecia areata", "Alopecia areata", "alopecia areata"),
        Indication.Covid19 => new("COVID-19", "COVID-19 (hospitalised)", "COVID-19"),
        Indication.AtopicDermatitis => new("Atopic dermatitis", "Atopic dermatitis", "atopic dermatitis"),
        Indication.JuvenileIdiopathicArthritis => new("Juvenile idiopathic arthritis", "Juvenile idiopathic arthritis", "juvenile idiopathic arthritis"),
    };
}

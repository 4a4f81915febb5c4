using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Sources;

/// <summary>Words for messages.</summary>
internal static class Text
{
    public static string Indication(Indication indication) => indication switch
    {
        Model.Indication.RheumatoidArthritis => "Rheumatoid arthritis",
        Model.Indication.AlopeciaAreata => "Alopecia areata",
        Model.Indication.Covid19 => "COVID-19",
        Model.Indication.AtopicDermatitis => "Atopic dermatitis",
        Model.Indication.JuvenileIdiopathicArthritis => "Juvenile idiopathic arthritis",
    };
}

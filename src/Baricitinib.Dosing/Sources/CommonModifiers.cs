using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>The yes/no modifiers every source has a say on.</summary>
internal enum Modifier
{
    SevereHepatic,
    ActiveTuberculosis,
    ConcomitantImmunosuppressant,
    Pregnant,
    Breastfeeding,
}

/// <summary>What one source says about one common modifier: its flag, whether it stops the dose, and its rule.</summary>
internal sealed record ModifierRule(Modifier Modifier, string Code, Severity Severity, string Message, Rule Rule);

/// <summary>Applies a source's table of common modifiers in order; a stop makes the source say "not recommended".</summary>
internal static class CommonModifiers
{
    public static bool Present(Modifier modifier, Patient p) => modifier switch
    {
        Modifier.SevereHepatic => p.Hepatic == HepaticImpairment.Severe,
        Modifier.ActiveTuberculosis => p.Request.ActiveTuberculosis,
        Modifier.ConcomitantImmunosuppressant => p.Request.ConcomitantImmunosuppressant,
        Modifier.Pregnant => p.Request.Pregnant,
        Modifier.Breastfeeding => p.Request.Breastfeeding,
    };

    public static void Apply(Evaluation e, Patient p, ModifierRule[] table)
    {
        foreach (var rule in table)
        {
            if (!Present(rule.Modifier, p))
            {
                continue;
            }

            if (rule.Severity == Severity.Stop)
            {
                e.Stop(rule.Code, rule.Message, rule.Rule);
            }
            else
            {
                e.Flag(rule.Code, rule.Severity, rule.Message, rule.Rule);
            }
        }
    }
}

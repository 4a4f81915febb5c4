using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Sources;

namespace Baricitinib.Dosing.Engine;

/// <summary>The flags of a result: each once, most severe first, and the one unverified-rule flag.</summary>
public sealed partial class DosingCalculator
{
    /// <summary>Each (code, message) once, in the order found, then most severe first (stable).</summary>
    private static List<Flag> Ordered(List<Flag> flags)
    {
        if (IsOrdered(flags))
        {
            return flags; // the usual case: nothing to drop or move
        }

        var distinct = new List<Flag>(flags.Count);
        foreach (var flag in flags)
        {
            if (!Contains(distinct, flag))
            {
                distinct.Add(flag);
            }
        }

        var ordered = new List<Flag>(distinct.Count);
        foreach (var severity in Severities)
        {
            foreach (var flag in distinct)
            {
                if (flag.Severity == severity)
                {
                    ordered.Add(flag);
                }
            }
        }

        return ordered;

        static bool Contains(List<Flag> list, Flag flag) => IndexOf(list, flag, list.Count) >= 0;
    }

    private static int IndexOf(List<Flag> list, Flag flag, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (list[i].Code == flag.Code && list[i].Message == flag.Message)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when no (code, message) repeats and the flags are most severe first already.</summary>
    private static bool IsOrdered(List<Flag> flags)
    {
        for (var i = 0; i < flags.Count; i++)
        {
            if ((i > 0 && flags[i].Severity < flags[i - 1].Severity) || IndexOf(flags, flags[i], i) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static readonly Severity[] Severities = [.. Enum.GetValues<Severity>().Order()];

    /// <summary>
    /// <c>unverified-rule</c>, only when a rule that decided the shown status, dose or frequency is unverified; the
    /// message names each such rule in words (decisions.md, Verified marks).
    /// </summary>
    private static Flag? UnverifiedFlag(IDosingSource primary, Evaluation eval)
    {
        if (eval.Verified)
        {
            return null;
        }

        var rules = eval.DecidingRules.Where(r => !r.Verified).Distinct().ToList();
        if (rules.Count == 0)
        {
            return null;
        }

        var named = rules.Select(r => $"{r.Scope}, {Lower(r.Condition)}: {Lower(r.Outcome)}");
        return new Flag(FlagCodes.UnverifiedRule, Severity.Warning,
            $"This result rests on {(rules.Count == 1 ? "a rule" : "rules")} whose wording could not be confirmed against the label: {string.Join("; ", named)}. Check {(rules.Count == 1 ? "it" : "them")} against the current label.",
            primary.Info.Id, rules[0].Citation);
    }
}

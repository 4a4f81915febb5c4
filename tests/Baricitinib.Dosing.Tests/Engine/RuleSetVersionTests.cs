using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Baricitinib.Dosing.Engine;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Engine;

/// <summary>
/// The rule-set version is raised whenever a rule changes. The fingerprint covers every rule as data (scope, condition,
/// outcome, citation, verified) and what every source answers for a fixed grid of patients (status, dose, frequency,
/// alternatives, flags and citations): a change to either with the same version fails here.
/// </summary>
public class RuleSetVersionTests
{
    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string ApprovedFile => Path.Combine(Here(), "RuleSet.approved.txt");

    /// <summary>The fingerprint of the rules and of the answers for the grid.</summary>
    internal static string Fingerprint()
    {
        var text = new StringBuilder();
        foreach (var source in RuleSet.Sources)
        {
            text.Append(CultureInfo.InvariantCulture, $"source {source.Id} {source.DocumentDate} {source.Document.Cite}\n");
            foreach (var r in source.Rules)
            {
                text.Append(CultureInfo.InvariantCulture, $"rule {r.Id}|{r.Scope}|{r.Condition}|{r.Outcome}|{r.Citation}|{r.Verified}\n");
            }
        }

        var calculator = new DosingCalculator();
        foreach (var request in Grid())
        {
            var result = calculator.Calculate(request).Result;
            text.Append(CultureInfo.InvariantCulture, $"case {string.Join("&", Baricitinib.Dosing.Input.DosingRequestParser.ToPairs(request).Select(p => $"{p.Key}={p.Value}"))}\n");
            if (result is null)
            {
                text.Append("invalid\n");
                continue;
            }

            Write(text, "primary", result.Recommendation);
            text.Append(CultureInfo.InvariantCulture, $"flags {string.Join(",", result.Flags.Select(f => $"{f.Code}:{f.Severity}:{f.Citation}"))}\n");
            foreach (var row in result.Sources)
            {
                Write(text, row.Source, row.Recommendation);
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Write(StringBuilder text, string who, Recommendation r) =>
        text.Append(CultureInfo.InvariantCulture,
            $"{who} {r.Status} {r.DoseMg} {r.Frequency} {r.Citation} {r.Verified} {string.Join(",", r.Alternatives.Select(a => $"{a.DoseMg}:{a.Frequency}"))}\n");

    private static readonly double[] KidneyEdges = [10.0, 14.9, 15.0, 29.9, 30.0, 39.9, 40.0, 44.9, 45.0, 59.9, 60.0, 90.0];
    private static readonly double[] WeightEdges = [9.9, 10.0, 29.9, 30.0, 70.0];

    /// <summary>Every indication and label at the age, weight, kidney-band and modifier edges.</summary>
    private static IEnumerable<DosingRequest> Grid()
    {
        foreach (var indication in Enum.GetValues<Indication>())
        {
            foreach (var jurisdiction in new[] { Jurisdiction.Us, Jurisdiction.Eu })
            {
                foreach (var age in new[] { 1.9, 2.0, 8.9, 9.0, 17.9, 18.0, 64.9, 65.0 })
                {
                    foreach (var (egfr, weight) in KidneyEdges.SelectMany(k => WeightEdges.Select(w => (k, w))))
                    {
                        foreach (var (oat3, hepatic, counts) in new[] { (false, HepaticImpairment.None, (double?)null), (true, HepaticImpairment.None, null), (false, HepaticImpairment.Severe, null), (false, HepaticImpairment.None, 150.0) })
                        {
                            yield return new DosingRequest
                            {
                                Indication = indication,
                                Jurisdiction = jurisdiction,
                                AgeYears = age,
                                WeightKg = weight,
                                Egfr = egfr,
                                StrongOat3Inhibitor = oat3,
                                HepaticImpairment = hepatic,
                                AbsoluteLymphocyteCount = counts,
                                AbsoluteNeutrophilCount = counts * 2,
                            };
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void A_change_to_any_rule_or_answer_raises_the_rule_set_version()
    {
        var current = $"version {RuleSet.Version}\nfingerprint {Fingerprint()}\n";
        var approved = File.Exists(ApprovedFile) ? File.ReadAllText(ApprovedFile).ReplaceLineEndings("\n") : "";
        if (approved == current)
        {
            return;
        }

        File.WriteAllText(Path.Combine(Here(), "RuleSet.received.txt"), current);
        var sameVersion = approved.StartsWith($"version {RuleSet.Version}\n", StringComparison.Ordinal);
        Assert.Fail(sameVersion
            ? $"The rules or their answers changed but RuleSet.Version is still {RuleSet.Version}: raise it (YYYY.MM.N), say what changed in CHANGELOG.md, then copy RuleSet.received.txt over RuleSet.approved.txt."
            : $"RuleSet.Version is now {RuleSet.Version}: review the change, then copy RuleSet.received.txt over RuleSet.approved.txt.");
    }
}

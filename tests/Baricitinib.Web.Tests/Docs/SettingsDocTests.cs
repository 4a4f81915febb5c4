using System.Reflection;
using Microsoft.Extensions.Configuration;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Baricitinib.CdsHooks;
using Baricitinib.Web.Cds;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.LabelCurrency;

namespace Baricitinib.Web.Tests.Docs;

/// <summary>
/// The settings tables of docs/operations.md and docs/cds-hooks.md stay true: every key they name is a property of the
/// options class bound to its section, and every default they state as a plain value (a number, true or false, a
/// duration, an address, a word in backticks, "none") is the value the app starts with (the class's default, then the
/// shipped appsettings.json).
/// </summary>
public partial class SettingsDocTests
{
    /// <summary>The options class bound to each configuration section.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        ["RateLimiting"] = typeof(RateLimitingSettings),
        ["Circuits"] = typeof(CircuitSettings),
        ["ForwardedHeaders"] = typeof(ForwardedHeadersSettings),
        ["Hsts"] = typeof(HstsSettings),
        ["Redis"] = typeof(RedisSettings),
        ["Shutdown"] = typeof(ShutdownSettings),
        ["Telemetry"] = typeof(TelemetrySettings),
        ["LabelWatch"] = typeof(LabelWatchSettings),
        ["CdsHooks"] = typeof(CdsHooksOptions),
        ["CdsHooks:Security"] = typeof(CdsSecuritySettings),
    };

    /// <summary>Keys read by libraries (ASP.NET Core, OpenTelemetry, Serilog), not by our options classes; checked at
    /// start by StartChecks instead.</summary>
    private static readonly string[] LibraryKeys = ["AllowedHosts", "OTEL_", "Serilog:", "CdsHooks:*"];

    private static string Docs([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "..", "docs"));

    /// <summary>The shipped settings (the app's appsettings.json), over which the classes' own defaults apply.</summary>
    private static readonly IConfiguration Shipped = new ConfigurationBuilder()
        .AddJsonStream(File.OpenRead(Path.Combine(Docs(), "..", "src", "Baricitinib.Web", "appsettings.json")))
        .Build();

    /// <summary>The section's options as the app starts with them: the class's defaults, then appsettings.json.</summary>
    private static object Effective(string section, Type type)
    {
        var options = Activator.CreateInstance(type)!;
        ConfigurationBinder.Bind(Shipped.GetSection(section), options);
        return options;
    }

    public static TheoryData<string> Rows()
    {
        var rows = new TheoryData<string>();
        foreach (var file in new[] { "operations.md", "cds-hooks.md" })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(Docs(), file)))
            {
                var cells = line.Split('|');
                if (line.StartsWith("| `", StringComparison.Ordinal) && cells.Length > 3 && Key().IsMatch(cells[1]) && Key().Matches(cells[1]).All(m => m.Groups[1].Value.Contains(':', StringComparison.Ordinal) || LibraryKeys.Any(k => m.Groups[1].Value.StartsWith(k, StringComparison.Ordinal))))
                {
                    rows.Add($"{file}: {cells[1].Trim()} | {cells[2].Trim()}");
                }
            }
        }

        return rows;
    }

    [Fact]
    public void The_tables_are_found()
    {
        var rows = ((IEnumerable<object?[]>)Rows()).Select(r => (string)r[0]!).ToList();
        Assert.Contains(rows, r => r.Contains("`RateLimiting:PermitsPerMinute`", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("`CdsHooks:PublicBaseUrl`", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("`LabelWatch:Interval`", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_documented_setting_exists_with_the_stated_default(string row)
    {
        var cells = row[(row.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(" | ");
        var keys = Key().Matches(cells[0]).Select(m => m.Groups[1].Value).Where(k => !k.StartsWith('…')).ToList();
        var defaults = cells[1].Split(", ");
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (LibraryKeys.Any(k => key.StartsWith(k, StringComparison.Ordinal)))
            {
                continue;
            }

            var split = key.LastIndexOf(':');
            var (section, name) = (key[..split], key[(split + 1)..]);
            Assert.True(Sections.TryGetValue(section, out var type), $"{key}: no options class is bound to the section {section}");
            var property = type!.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is not null, $"{key}: {type.Name} has no property {name}");
            var stated = defaults.Length == keys.Count ? defaults[i] : cells[1];
            if (Literal(stated) is { } expected)
            {
                var actual = Actual(property!.GetValue(Effective(section, type)));
                Assert.True(expected == actual, $"{key}: documented default {stated}, shipped {actual}");
            }
        }
    }

    /// <summary>The stated default as text when it is a plain value; null when it is prose (not checked).</summary>
    private static string? Literal(string cell)
    {
        var text = Regex.Replace(cell.Trim(), @"\s*\(.*\)$", "").Trim(); // "5 (0 in Development)" → "5", "`1.00:00:00` (24 h)" → "`1.00:00:00`"
        return text switch
        {
            "none" => "",
            "true" or "false" => text,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => text,
            _ when Regex.IsMatch(text, "^`[^`]*`$") => text.Trim('`'),
            _ => null,
        };
    }

    private static string Actual(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        Uri u => u.OriginalString,
        System.Collections.ICollection { Count: 0 } => "",
        IEnumerable<string> words => string.Join("`, `", words),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Key();
}

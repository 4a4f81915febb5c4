using System.Text.Json;
using Baricitinib.Testing;

namespace Baricitinib.EndToEnd.Tests;

/// <summary>
/// The dose on screen is always for the inputs on screen (decisions.md, "Page state"): through a connection dropped
/// at random moments during random edits, and through a change of unit.
/// </summary>
public class PageStateScenarios(AppFixture app) : PageTest(app)
{
    private const int Sequences = 20;

    private static readonly string[] Egfrs = ["10", "20", "29.9", "30", "45", "59.9", "60", "75", "90"];
    private static readonly string[] Ages = ["12", "17.9", "40", "64.9", "70"];
    private static readonly string[] Indications = ["rheumatoid-arthritis", "alopecia-areata", "covid-19"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, Sequences)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task After_a_connection_dropped_during_edits_the_card_is_what_the_API_gives_for_the_fields_on_screen(int seed)
    {
        using var relay = new LoopbackRelay(App.BaseAddress);
        await RunAsync($"drop-{seed}", async page =>
        {
            var rng = new Random(seed);
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            Task? up = null;
            for (var step = 0; step < 6; step++)
            {
                if (up is null && rng.NextDouble() < 0.4)
                {
                    // Drop every connection now and bring the network back a little later; the edits below go on
                    // meanwhile, the first of them often before the page has noticed.
                    relay.Down();
                    var outage = rng.Next(150, 1500);
                    up = Task.Run(async () =>
                    {
                        await Task.Delay(outage);
                        relay.Up();
                    });
                    if (rng.NextDouble() < 0.5)
                    {
                        // Typed in the instant the connection went, before the page could mark editing as waiting.
                        var (field, value) = rng.Next(2) == 0 ? ("egfr", Egfrs[rng.Next(Egfrs.Length)]) : ("ageYears", Ages[rng.Next(Ages.Length)]);
                        await Field(page, field).EvaluateAsync(
                            "(el, v) => { el.readOnly = false; el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }", value);
                    }
                }

                await EditAsync(page, rng);
                if (up is not null && (rng.NextDouble() < 0.5 || step == 5))
                {
                    await up;
                    up = null;
                    await CheckCurrentAsync(page, $"seed {seed}, step {step}");
                }
            }

            if (up is not null)
            {
                await up;
            }

            await CheckCurrentAsync(page, $"seed {seed}, end");
        }, new BrowserNewContextOptions { BaseURL = relay.Address.ToString() });
    }

    /// <summary>One random edit, as a user makes it (Playwright waits while the page says editing waits).</summary>
    private static async Task EditAsync(IPage page, Random rng)
    {
        switch (rng.Next(5))
        {
            case 0:
                await Field(page, "egfr").FillAsync(Egfrs[rng.Next(Egfrs.Length)]);
                break;
            case 1:
                await Field(page, "ageYears").FillAsync(Ages[rng.Next(Ages.Length)]);
                break;
            case 2:
                await Field(page, "indication").SelectOptionAsync(Indications[rng.Next(Indications.Length)]);
                break;
            case 3:
                await Field(page, "jurisdiction").SelectOptionAsync(rng.Next(2) == 0 ? "us" : "eu");
                break;
            default:
                await Field(page, "strongOat3Inhibitor").SetCheckedAsync(rng.Next(2) == 0);
                break;
        }
    }

    private static ILocator Field(IPage page, string name) => page.Locator($"form :is(input, select)[data-field={name}]");

    /// <summary>
    /// Once the connection is back and the page says the result is current: the card, the address and the chart note
    /// are for exactly the values the fields show, as the API gives them.
    /// </summary>
    private static async Task CheckCurrentAsync(IPage page, string where)
    {
        await WaitInteractiveAsync(page);
        try
        {
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-current", "true", new() { Timeout = 20_000 });
        }
        catch (PlaywrightException e)
        {
            var stale = await page.EvaluateAsync<string[]>("() => window.baricitinib.staleFields()");
            throw new InvalidOperationException($"{where}: the result stayed not current; fields not calculated: {string.Join("; ", stale)}", e);
        }

        var onScreen = await page.EvaluateAsync<Dictionary<string, string>>(
            """
            () => Object.fromEntries(Array.from(document.querySelectorAll("form :is(input, select)[data-field]"))
              .map(el => [el.getAttribute("data-field"), el.type === "checkbox" ? (el.checked ? "true" : "") : el.value]))
            """);
        var query = string.Join("&", onScreen
            .Where(p => p.Value.Length > 0 && Baricitinib.Dosing.Input.Fields.Find(p.Key) is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var response = await page.APIRequest.GetAsync("api/v1/dose?" + query);
        Assert.True(response.Ok, $"{where}: the API refused {query}: {await response.TextAsync()}");
        var api = JsonDocument.Parse(await response.TextAsync()).RootElement;
        var recommendation = api.GetProperty("recommendation");

        Assert.Equal(recommendation.GetProperty("status").GetString(), await Recommendation(page).GetAttributeAsync("data-status"));
        Assert.Equal(recommendation.GetProperty("text").GetString(), await Dose(page).TextContentAsync());
        var apiFlags = api.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
        var pageFlags = (await page.GetByTestId("flag").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-code'))")).Order(StringComparer.Ordinal).ToList();
        Assert.True(apiFlags.SequenceEqual(pageFlags), $"{where}: flags {string.Join(",", pageFlags)} on the page, {string.Join(",", apiFlags)} from the API for {query}");

        // The address carries the same values, and the chart note starts with the same dose.
        var address = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        foreach (var (name, value) in onScreen.Where(p => p.Value.Length > 0 && Baricitinib.Dosing.Input.Fields.Find(p.Key) is not null))
        {
            if (address.TryGetValue(name, out var inAddress))
            {
                Assert.True(inAddress.ToString() == value, $"{where}: the address has {name}={inAddress}, the field shows {value}");
            }
        }

        var note = await page.GetByTestId("summary-text").TextContentAsync();
        Assert.StartsWith($"Baricitinib: {recommendation.GetProperty("text").GetString()}", note, StringComparison.Ordinal);
    }

    [Fact]
    public Task While_the_connection_is_down_the_dose_is_marked_not_current_and_editing_waits() =>
        RunWithRelayAsync("not-current", async (page, relay) =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-current", "true");
            relay.Down();
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-current", "false");
            await Expect(page.GetByTestId("not-current")).ToBeVisibleAsync();
            await Expect(Field(page, "egfr")).Not.ToBeEditableAsync();
            relay.Up();
            await Expect(Field(page, "egfr")).ToBeEditableAsync(new() { Timeout = 30_000 });
            await Field(page, "egfr").FillAsync("20");
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-current", "true");
            await Expect(Dose(page)).ToHaveTextAsync("Not recommended");
            await Expect(page.GetByTestId("not-current")).ToBeHiddenAsync();
        });

    [Fact]
    public Task An_edit_lost_as_the_connection_dropped_is_sent_once_it_is_back() =>
        RunWithRelayAsync("lost-edit", async (page, relay) =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            relay.Down();
            // Typed into the field before the page could notice the drop (the value is set in the page directly).
            await Field(page, "egfr").EvaluateAsync("el => { el.readOnly = false; el.value = '20'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-current", "false");
            relay.Up();
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-current", "true", new() { Timeout = 30_000 });
            await Expect(Dose(page)).ToHaveTextAsync("Not recommended");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("egfr=20"));
        });

    [Fact]
    public Task The_page_title_says_how_many_inputs_need_correcting_and_loses_it_once_they_are_correct() =>
        RunAsync("title-errors", async page =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=abc&egfr=-5");
            await Expect(page).ToHaveTitleAsync("Error: 2 inputs to correct – Baricitinib dose calculator");
            await Field(page, "ageYears").FillAsync("55");
            await Expect(page).ToHaveTitleAsync("Error: 1 input to correct – Baricitinib dose calculator");
            await Field(page, "egfr").FillAsync("45");
            await Expect(page).ToHaveTitleAsync("Baricitinib dose calculator");
        });

    [Fact]
    public Task On_a_phone_the_dose_bar_gives_the_COVID_19_duration_too() =>
        RunAsync("phone-duration", async page =>
        {
            await OpenAsync(page, "?indication=covid-19&ageYears=60&egfr=45");
            await Expect(page.Locator(".mobile-dose")).ToContainTextAsync("2 mg once daily, for 14 days or until hospital discharge, whichever occurs first");
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });

    [Fact]
    public Task Every_input_carries_its_API_name_in_data_field() =>
        RunAsync("data-field", async page =>
        {
            await OpenAsync(page, "?indication=alopecia-areata&sex=female&heightCm=160&weightKg=60");
            var names = await page.Locator("form input, form select").EvaluateAllAsync<string?[]>("els => els.map(e => e.getAttribute('data-field'))");
            Assert.All(names, n => Assert.False(string.IsNullOrEmpty(n)));
            Assert.Contains("extensiveScalpHairLoss", names);
            Assert.Contains("cockcroftGaultWeight", names);
            Assert.Contains("weightUnit", names);
        });

    private async Task RunWithRelayAsync(string name, Func<IPage, LoopbackRelay, Task> scenario)
    {
        using var relay = new LoopbackRelay(App.BaseAddress);
        await RunAsync(name, page => scenario(page, relay), new BrowserNewContextOptions { BaseURL = relay.Address.ToString() });
    }

    [Theory]
    [InlineData("weightKg", "80", "lb", "176.4", "Weight (lb)")]
    [InlineData("heightCm", "170", "in", "66.9", "Height (in)")]
    public Task Changing_a_unit_converts_the_number_entered_and_the_result_does_not_change(string field, string value, string unit, string converted, string label) =>
        RunAsync($"unit-{unit}", async page =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=70&sex=female&weightKg=80&heightCm=170&serumCreatinine=1.2");
            var before = await Dose(page).TextContentAsync();
            var kidney = await page.GetByTestId("kidney-band").TextContentAsync();
            await Expect(Field(page, field)).ToHaveValueAsync(value);
            await page.GetByLabel(field == "weightKg" ? "Unit of weight" : "Unit of height").SelectOptionAsync(unit);
            await Expect(Field(page, field)).ToHaveValueAsync(converted);
            await Expect(page.GetByLabel(label, new() { Exact = true })).ToHaveValueAsync(converted);
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-current", "true");
            await Expect(Dose(page)).ToHaveTextAsync(before!);
            await Expect(page.GetByTestId("kidney-band")).ToHaveTextAsync(kidney!);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{field}={converted.Replace(".", "\\.", StringComparison.Ordinal)}"));
            Assert.Contains($"{converted} {unit}", await page.Locator(".print-inputs").TextContentAsync(), StringComparison.Ordinal);
        });
}

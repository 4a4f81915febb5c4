namespace Baricitinib.EndToEnd.Tests;

/// <summary>The clinical scenarios of the QA suite, each typed into the real page as a user would.</summary>
public class CalculatorScenarios(AppFixture app) : PageTest(app)
{
    private static readonly string[] FieldsAfterAge = ["Sex", "Weight (kg)", "Unit of weight", "Height (cm)", "Unit of height", "eGFR (mL/min/1.73 m²)"];

    private static async Task EnterAsync(IPage page, string indication, string age, string egfr)
    {
        await page.GetByLabel("Indication").SelectOptionAsync(indication);
        await page.GetByLabel("Age (years)").FillAsync(age);
        await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync(egfr);
    }

    [Fact]
    public Task Rheumatoid_arthritis_at_eGFR_45_under_the_US_label_is_1_mg_and_the_EU_row_differs() =>
        RunAsync("ra-egfr-45", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "rheumatoid-arthritis", "55", "45");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-status", "dose");
            await Expect(page.GetByTestId("kidney-band")).ToHaveTextAsync("30 to <60");
            var eu = SourceRow(page, "eu-smpc");
            await Expect(eu).ToHaveAttributeAsync("data-agreement", "differs");
            await Expect(eu.GetByTestId("source-dose")).ToHaveTextAsync("2 mg once daily");
            await Expect(eu.GetByTestId("conflict-note")).ToContainTextAsync("The EU SmPC gives 2 mg once daily");
            await Expect(eu.GetByTestId("conflict-note")).Not.ToContainTextAsync("The US prescribing information gives");
            await SaveScreenshotAsync(page, "ra-egfr-45");
        });

    [Fact]
    public Task The_primary_card_links_to_the_label_in_a_new_tab_and_the_print_view_cites_no_internal_file() =>
        RunAsync("label-link", async page =>
        {
            const string Label = "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=866e9f35-9035-4581-a4b1-75a621ab55cf";
            // No network here: the label's page is answered locally, so following the link is checked end to end.
            await page.Context.RouteAsync("https://dailymed.nlm.nih.gov/**", route =>
                route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = "<title>Label (stub)</title>" }));
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            var link = Recommendation(page).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "OLUMIANT (baricitinib) tablets: US Prescribing Information" });
            await Expect(link).ToHaveAttributeAsync("href", Label);
            await Expect(link).ToHaveAttributeAsync("target", "_blank");
            await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
            var popup = await page.RunAndWaitForPopupAsync(() => link.ClickAsync());
            await popup.WaitForLoadStateAsync();
            Assert.Equal(Label, popup.Url);
            await popup.CloseAsync();

            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            var printed = await page.Locator("body").InnerTextAsync();
            Assert.Contains("US PI (rev. 06/2026) §2.5, §8.6", printed, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"clinical-sources|decisions\.md|\.txt\b|\b[SEMA][0-9]{1,2}[a-z]?\b", printed);
        });

    [Fact]
    public Task The_error_summary_moves_focus_to_the_field_and_reset_clears_the_inputs_and_the_address() =>
        RunAsync("error-summary-reset", async page =>
        {
            await OpenAsync(page);
            await Expect(page.GetByTestId("validation-message")).ToHaveCountAsync(0);
            var summary = page.GetByTestId("error-summary");
            await Expect(summary).ToBeVisibleAsync();
            await SaveScreenshotAsync(page, "error-summary");
            await summary.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Age (years)" }).ClickAsync();
            await Expect(page.GetByLabel("Age (years)")).ToBeFocusedAsync();

            await EnterAsync(page, "rheumatoid-arthritis", "55", "45");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("jurisdiction=us"));
            await page.GetByTestId("reset").ClickAsync();
            await Expect(page.GetByLabel("Age (years)")).ToHaveValueAsync("");
            await Expect(Dose(page)).ToHaveTextAsync("Enter the missing inputs");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/$"));
        });

    [Fact]
    public Task Enter_in_a_field_submits_nothing_and_keeps_the_page_its_inputs_and_its_address() =>
        RunAsync("enter-submits-nothing", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "rheumatoid-arthritis", "55", "45");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            var address = page.Url;
            await page.EvaluateAsync("() => { window.__stillThisPage = true; }");

            await page.GetByLabel("eGFR (mL/min/1.73 m²)").PressAsync("Enter");
            await page.GetByLabel("Age (years)").PressAsync("Enter");

            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            Assert.True(await page.EvaluateAsync<bool>("() => window.__stillThisPage === true"));
            Assert.Equal(address, page.Url);
            await Expect(page.GetByLabel("Age (years)")).ToHaveValueAsync("55");
        });

    [Fact]
    public Task On_a_desktop_the_result_stays_in_view_while_typing_the_blood_counts() =>
        RunAsync("sticky-result", async page =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            var haemoglobin = page.GetByLabel("Haemoglobin (g/dL)");
            await haemoglobin.ScrollIntoViewIfNeededAsync();
            await haemoglobin.FillAsync("7");
            await Expect(Dose(page)).ToHaveTextAsync("Not recommended");
            await Expect(Dose(page)).ToBeInViewportAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ArtifactsFolder, "sticky-result.png") });
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });

    [Fact]
    public Task Without_scripts_the_page_says_the_calculator_needs_JavaScript_and_a_shared_link_still_shows_its_result() =>
        RunAsync("noscript", async page =>
        {
            await page.GotoAsync("/?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            // Chromium parses <noscript> as if scripts ran even with them disabled, so the served markup is checked.
            Assert.Contains("The calculator needs JavaScript", await page.Locator("noscript").First.InnerHTMLAsync(), StringComparison.Ordinal);
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await Expect(page.GetByTestId("connecting")).ToBeHiddenAsync();
            await SaveScreenshotAsync(page, "noscript");
        }, new BrowserNewContextOptions { JavaScriptEnabled = false });

    [Fact]
    public Task Weight_in_pounds_is_converted_for_the_calculation_and_kept_in_the_address() =>
        RunAsync("units", async page =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=68&sex=male&serumCreatinine=1.6");
            await page.GetByLabel("Unit of weight").SelectOptionAsync("lb");
            await page.GetByLabel("Weight (lb)", new PageGetByLabelOptions { Exact = true }).FillAsync("158.73");
            await Expect(page.Locator("[data-testid=kidney-estimate][data-method=cockcroft-gault][data-used=true]")).ToContainTextAsync("44.99 mL/min");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("weightUnit=lb"));
        });

    [Fact]
    public Task Rheumatoid_arthritis_at_eGFR_29_9_is_not_recommended_and_the_seed_calculator_row_shows_every_other_day() =>
        RunAsync("ra-egfr-29-9", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "rheumatoid-arthritis", "55", "29.9");
            await Expect(Dose(page)).ToHaveTextAsync("Not recommended");
            await Expect(Flag(page, "renal-not-recommended")).ToHaveAttributeAsync("data-severity", "stop");
            var seed = SourceRow(page, "seed-article-calculator");
            await Expect(seed).ToHaveAttributeAsync("data-agreement", "differs");
            await Expect(seed.GetByTestId("source-dose")).ToHaveTextAsync("2 mg every other day");
        });

    [Fact]
    public Task COVID_19_in_a_child_of_8_9_years_at_eGFR_59_9_is_1_mg_from_the_emergency_use_authorization() =>
        RunAsync("covid-child", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "covid-19", "8.9", "59.9");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await Expect(Flag(page, "emergency-use-authorization")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("duration")).ToHaveTextAsync("for 14 days or until hospital discharge, whichever occurs first");
            await Expect(Flag(page, "near-band-edge")).ToBeVisibleAsync();
            await Expect(SourceRow(page, "fda-pi")).ToHaveAttributeAsync("data-agreement", "silent");
        });

    [Fact]
    public Task Alopecia_areata_with_probenecid_at_eGFR_40_stays_at_1_mg_and_says_the_combination_is_unclear() =>
        RunAsync("aa-probenecid", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "alopecia-areata", "40", "40");
            await page.GetByLabel("Strong OAT3 inhibitor (e.g. probenecid)").CheckAsync();
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await Expect(Flag(page, "oat3-consider-stopping-inhibitor")).ToHaveAttributeAsync("data-severity", "warning");
            await Expect(Flag(page, "oat3-renal-combination-unclear")).ToHaveAttributeAsync("data-severity", "warning");
            await Expect(page.GetByTestId("unverified-caution")).ToBeVisibleAsync();
            await SaveScreenshotAsync(page, "aa-probenecid");
        });

    [Fact]
    public Task Atopic_dermatitis_is_not_approved_under_the_US_label_while_the_EU_row_gives_a_dose_and_the_EU_label_gives_4_mg() =>
        RunAsync("atopic-dermatitis", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "atopic-dermatitis", "30", "90");
            await Expect(Dose(page)).ToHaveTextAsync("Not approved");
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-status", "not-approved");
            await Expect(SourceRow(page, "eu-smpc").GetByTestId("source-dose")).ToHaveTextAsync("4 mg once daily");

            await page.GetByLabel("Regulatory label").SelectOptionAsync(new SelectOptionValue { Label = "EU (EMA)" });
            await Expect(Dose(page)).ToHaveTextAsync("4 mg once daily");
            await Expect(Flag(page, "egfr-used-for-crcl")).ToBeVisibleAsync();
            await Expect(SourceRow(page, "fda-pi").GetByTestId("source-dose")).ToHaveTextAsync("Not approved");
        });

    [Fact]
    public Task A_serum_creatinine_alone_gives_eGFR_and_creatinine_clearance_and_flags_their_disagreement() =>
        RunAsync("creatinine", async page =>
        {
            await OpenAsync(page);
            await page.GetByLabel("Indication").SelectOptionAsync("rheumatoid-arthritis");
            await page.GetByLabel("Age (years)").FillAsync("85");
            await page.GetByLabel("Sex").SelectOptionAsync(new SelectOptionValue { Label = "Female" });
            await page.GetByLabel("Weight (kg)").FillAsync("45");
            await page.GetByLabel("Height (cm)").FillAsync("150");
            await page.GetByLabel("Serum creatinine").FillAsync("0.9");
            await Expect(Dose(page)).ToHaveTextAsync("2 mg once daily");
            await Expect(page.Locator("[data-testid=kidney-estimate][data-method=ckd-epi-2021]")).ToContainTextAsync("62.6");
            await Expect(page.Locator("[data-testid=kidney-estimate][data-method=cockcroft-gault][data-used=true]")).ToContainTextAsync("32.5");
            await Expect(Flag(page, "kidney-measures-disagree")).ToContainTextAsync("gives 1 mg once daily");
            await SaveScreenshotAsync(page, "creatinine-discordance");
        });

    [Fact]
    public Task Invalid_inputs_show_messages_next_to_their_fields_and_no_dose_until_corrected() =>
        RunAsync("invalid-input", async page =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");

            await page.GetByLabel("Age (years)").FillAsync("fifty");
            await Expect(page.Locator("[data-testid=validation-message][data-field=ageYears]")).ToHaveTextAsync("Age (years) must be a number (e.g. 45.5).");
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-status", "invalid");
            await Expect(page.GetByText("mg once daily")).ToHaveCountAsync(0);

            await page.GetByLabel("Age (years)").FillAsync("55");
            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("-5");
            await Expect(page.Locator("[data-testid=validation-message][data-field=egfr]")).ToContainTextAsync("between 0 and 250");
            await SaveScreenshotAsync(page, "validation-errors");

            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("");
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-status", "incomplete");
            await Expect(Dose(page)).ToHaveTextAsync("Enter the missing inputs");

            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("59,9");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await Expect(page.GetByTestId("validation-message")).ToHaveCountAsync(0);
        });

    [Fact]
    public Task A_shared_link_reproduces_the_result_in_a_new_page() =>
        RunAsync("shared-link", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "covid-19", "8.9", "29.9");
            await page.GetByLabel("Strong OAT3 inhibitor (e.g. probenecid)").CheckAsync();
            await Expect(Dose(page)).ToHaveTextAsync("Not recommended");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("strongOat3Inhibitor=true"));

            await page.GetByTestId("copy-link").ClickAsync();
            await Expect(page.GetByText("Link copied.")).ToBeVisibleAsync(); // the copy is done once the page says so
            var link = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            Assert.Contains("indication=covid-19", link, StringComparison.Ordinal);

            var second = await page.Context.NewPageAsync();
            await second.GotoAsync(link);
            await Expect(Dose(second)).ToHaveTextAsync("Not recommended");
            await WaitInteractiveAsync(second);
            await Expect(second.GetByLabel("Age (years)")).ToHaveValueAsync("8.9");
            await Expect(second.GetByLabel("Strong OAT3 inhibitor (e.g. probenecid)")).ToBeCheckedAsync();
        }, new BrowserNewContextOptions { Permissions = ["clipboard-read", "clipboard-write"] });

    [Fact]
    public Task Going_to_the_sources_page_and_back_brings_every_input_back() =>
        RunAsync("back-forward", async page =>
        {
            // The page replaces the address itself (no navigation per keystroke): the history entry still carries
            // the inputs, and Back and Forward work as in any other page.
            await OpenAsync(page);
            await EnterAsync(page, "rheumatoid-arthritis", "55", "45");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("egfr=45"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Sources and conflicts" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sources$"));
            await page.GoBackAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("egfr=45"));
            await WaitInteractiveAsync(page);
            await Expect(page.GetByLabel("eGFR (mL/min/1.73 m²)")).ToHaveValueAsync("45");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("75");
            await Expect(Dose(page)).ToHaveTextAsync("2 mg once daily");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("egfr=75"));
        });

    [Fact]
    public Task Following_the_sources_link_moves_focus_to_the_new_page_s_heading() =>
        RunAsync("focus-on-navigate", async page =>
        {
            // The layout and the sources page are static: .NET moves focus to the h1 after an enhanced navigation, as
            // the interactive router did, so a screen reader announces the new page.
            await OpenAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Sources and conflicts" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sources$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();
        });

    [Fact]
    public Task A_reload_keeps_every_input() =>
        RunAsync("reload", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "alopecia-areata", "40", "59,9");
            await page.GetByLabel("Hepatic impairment").SelectOptionAsync("moderate");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await page.ReloadAsync();
            await WaitInteractiveAsync(page);
            await Expect(page.GetByLabel("eGFR (mL/min/1.73 m²)")).ToHaveValueAsync("59,9");
            await Expect(page.GetByLabel("Hepatic impairment")).ToHaveValueAsync("moderate");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
        });

    [Fact]
    public Task A_dropped_live_connection_loses_nothing() =>
        RunAsync("dropped-connection", async page =>
        {
            await OpenAsync(page);
            await EnterAsync(page, "covid-19", "8.9", "59.9");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");

            // Drop the circuit as a lost connection or a server that let it go would, then come back.
            Assert.True(await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"));
            await Expect(page.GetByTestId("calculator")).ToHaveAttributeAsync("data-interactive", "false");
            await Expect(page.Locator("#components-reconnect-modal")).ToContainTextAsync("Your inputs are kept");
            await Expect(Dose(page)).ToBeInViewportAsync();
            await SaveScreenshotAsync(page, "disconnected");
            Assert.True(await page.EvaluateAsync<bool>("() => Blazor.resumeCircuit()"));
            await WaitInteractiveAsync(page);

            await Expect(page.GetByLabel("Age (years)")).ToHaveValueAsync("8.9");
            await Expect(page.GetByLabel("eGFR (mL/min/1.73 m²)")).ToHaveValueAsync("59.9");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("60");
            await Expect(Dose(page)).ToHaveTextAsync("2 mg once daily");
        });

    [Fact]
    public Task A_calculation_can_be_completed_with_the_keyboard_alone() =>
        RunAsync("keyboard", async page =>
        {
            await OpenAsync(page);
            var indication = page.GetByLabel("Indication");
            for (var i = 0; i < 15 && !await indication.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            await Expect(indication).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("ArrowDown"); // Rheumatoid arthritis
            await Expect(indication).ToHaveValueAsync("rheumatoid-arthritis");
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByLabel("Regulatory label")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByLabel("Age (years)")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("55");
            foreach (var next in FieldsAfterAge)
            {
                await page.Keyboard.PressAsync("Tab");
                await Expect(page.GetByLabel(next, new PageGetByLabelOptions { Exact = true })).ToBeFocusedAsync();
            }

            await page.Keyboard.TypeAsync("45");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
        });

    [Fact]
    public Task The_print_view_is_a_summary_without_the_form() =>
        RunAsync("print", async page =>
        {
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            await Expect(Dose(page)).ToHaveTextAsync("1 mg once daily");
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            await Expect(page.GetByLabel("Age (years)")).ToBeHiddenAsync();
            await Expect(page.GetByTestId("copy-link")).ToBeHiddenAsync();
            await Expect(page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Inputs" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("rule-set-version")).ToHaveTextAsync("2026.12.1");
            await Expect(page.GetByText("For qualified clinicians and")).ToContainTextAsync("does not replace the current prescribing information");
            await Expect(page.GetByTestId("summary-text")).ToContainTextAsync("Where the sources disagree:");
            await Expect(page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Inputs" })).ToContainTextAsync("Rheumatoid arthritis");
            await SaveScreenshotAsync(page, "print-view");
        });

    [Theory]
    [InlineData("dose", "?indication=rheumatoid-arthritis&ageYears=55&egfr=45")]
    [InlineData("not-recommended", "?indication=covid-19&jurisdiction=us&ageYears=60&sex=female&weightKg=70&heightCm=165&egfr=14&serumCreatinine=4.2&strongOat3Inhibitor=true&hepaticImpairment=severe&activeTuberculosis=true&absoluteLymphocyteCount=100&absoluteNeutrophilCount=100&hemoglobin=7&pregnant=true&breastfeeding=true&concomitantImmunosuppressant=true")]
    [InlineData("not-approved", "?indication=atopic-dermatitis&ageYears=30&egfr=90")]
    [InlineData("no-label-dose", "?indication=atopic-dermatitis&jurisdiction=eu&ageYears=3&weightKg=9.9&egfr=90")]
    [InlineData("incomplete", "")]
    [InlineData("invalid", "?indication=rheumatoid-arthritis&ageYears=abc&egfr=999&weightKg=-4")]
    public Task Every_status_prints_on_one_A4_page(string status, string query) =>
        RunAsync("print-" + status, async page =>
        {
            await OpenAsync(page, query);
            await Expect(Recommendation(page)).ToHaveAttributeAsync("data-status", status);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, Path = Path.Combine(AppFixture.ArtifactsFolder, $"print-{status}.pdf") });
            var pages = System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");
            Assert.Equal(1, pages);
        });

    [Fact]
    public Task Copy_summary_puts_the_chart_note_on_the_clipboard() =>
        RunAsync("copy-summary", async page =>
        {
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await OpenAsync(page, "?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
            await page.GetByTestId("copy-summary").ClickAsync();
            await Expect(page.GetByText("Summary copied.")).ToBeVisibleAsync();
            var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            Assert.StartsWith("Baricitinib: 1 mg once daily.", copied, StringComparison.Ordinal);
            Assert.Contains("US PI (rev. 06/2026) §2.5, §8.6", copied, StringComparison.Ordinal);
            Assert.Contains("Rule set 2026.12.1;", copied, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"clinical-sources|decisions\.md|\.txt\b", copied);
        });

    [Fact]
    public Task The_sources_page_shows_every_source_with_citations_and_unverified_marks() =>
        RunAsync("sources-page", async page =>
        {
            await page.GotoAsync("/sources");
            await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Every source's rules, side by side" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("source-section")).ToHaveCountAsync(Baricitinib.Dosing.Engine.SourceRegistry.Default.Sources.Count);
            await Expect(page.Locator("[data-testid=source-rule][data-rule='eua.2.renal.15']")).ToHaveAttributeAsync("data-verified", "false");
            await Expect(page.Locator("[data-testid=source-rule][data-rule='seed-calc.below-30']")).ToContainTextAsync("2 mg every other day");
            await SaveScreenshotAsync(page, "sources-page");
        });

    [Fact]
    public Task The_page_is_usable_at_a_phone_width() =>
        RunAsync("phone", async page =>
        {
            await OpenAsync(page, "?indication=covid-19&ageYears=60&egfr=45");
            await Expect(Dose(page)).ToHaveTextAsync("2 mg once daily");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"The page scrolls sideways at 375 px ({width} px wide).");
            await SaveScreenshotAsync(page, "phone");
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 800 } });

    [Theory]
    [InlineData("/?indication=alopecia-areata&ageYears=40&egfr=40&strongOat3Inhibitor=true")]
    [InlineData("/sources")]
    public Task On_a_390_px_phone_no_page_scrolls_sideways_and_source_rows_keep_their_headings(string path) =>
        RunAsync("phone-390" + (path == "/sources" ? "-sources" : ""), async page =>
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{path} scrolls sideways at 390 px ({width} px wide).");
            if (path != "/sources")
            {
                await WaitInteractiveAsync(page); // the live render replaces the first render's rows: read the final ones
                var cell = page.Locator("[data-testid=source-row] [data-testid=source-dose]").First;
                var heading = await cell.EvaluateAsync<string>("e => getComputedStyle(e.closest('td'), '::before').content");
                Assert.Contains("For this patient", heading, StringComparison.Ordinal);
            }

            await SaveScreenshotAsync(page, "phone-390" + (path == "/sources" ? "-sources" : ""));
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
}

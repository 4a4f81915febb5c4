using System.Diagnostics.Metrics;
using Baricitinib.Web.Components.Calculator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baricitinib.Web.Tests.Components.Calculator;

/// <summary>The calculator page: inputs from the address, validation through the EditContext, and the address kept in step.</summary>
public class CalculatorPageTests : WebTestContext
{
    private IRenderedComponent<CalculatorPage> Open(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/" + query);
        return Render<CalculatorPage>();
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>The address the page last put in the browser's address bar (it replaces the history entry itself,
    /// without a navigation), or the one it was opened at.</summary>
    private string Address => JSInterop.Invocations["baricitinib.replaceAddress"] is { Count: > 0 } calls
        ? (string)calls[^1].Arguments[0]!
        : Navigation.Uri;

    private static string Status(IRenderedComponent<CalculatorPage> page) => page.Find("[data-testid=recommendation]").GetAttribute("data-status")!;

    private static string Dose(IRenderedComponent<CalculatorPage> page) => page.Find("[data-testid=recommended-dose]").TextContent;

    [Fact]
    public void Opening_a_link_fills_every_input_and_shows_the_result_without_typing()
    {
        var page = Open("?indication=covid-19&ageYears=8.9&egfr=59.9&strongOat3Inhibitor=true");
        Assert.Equal("covid-19", page.Find("#f-indication").GetAttribute("value"));
        Assert.Equal("8.9", page.Find("#f-ageYears").GetAttribute("value"));
        Assert.Equal("59.9", page.Find("#f-egfr").GetAttribute("value"));
        Assert.True(page.Find("#f-strongOat3Inhibitor").HasAttribute("checked"));
        Assert.Equal("dose", Status(page));
        Assert.Equal("1 mg once daily", Dose(page));
    }

    [Theory]
    [InlineData("?indication=rheumatoid-arthritis&ageYears=55&egfr=45")]
    [InlineData("?indication=covid-19&ageYears=8&egfr=29.9&strongOat3Inhibitor=true")]
    [InlineData("?indication=juvenile-idiopathic-arthritis&jurisdiction=eu&ageYears=10&weightKg=35&egfr=45&concomitantImmunosuppressant=true")]
    [InlineData("?indication=alopecia-areata&jurisdiction=eu&ageYears=70&serumCreatinine=1.4&sex=male&weightKg=80&pregnant=true")]
    public void The_page_and_its_print_view_cite_no_internal_working_file(string query)
    {
        var markup = Open(query).Markup;
        Assert.DoesNotMatch(@"clinical-sources|decisions\.md|\.txt\b|\b[SEMA][0-9]{1,2}[a-z]?\b|[Ss]eed ", markup);
        Assert.Contains("data-testid=\"document-link\"", markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Cockcroft_Gault_weight_choice_appears_once_height_and_sex_are_known_and_the_estimate_names_it()
    {
        var page = Open("?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=68&weightKg=72&serumCreatinine=1.6");
        Assert.Empty(page.FindAll("#f-cockcroftGaultWeight"));
        page.Find("#f-sex").Change("male");
        page.Find("#f-heightCm").Input("175");
        page.Find("#f-heightCm").Blur();
        page.Find("#f-cockcroftGaultWeight").Change("ideal");
        Assert.Contains("cockcroftGaultWeight=ideal", Address, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("[data-testid=kidney-estimate]"), e => e.TextContent.Contains("Ideal body weight (Devine), 70.5 kg", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pristine_page_shows_prompts_not_errors_and_the_card_lists_what_is_still_needed()
    {
        var page = Open("");
        Assert.Empty(page.FindAll("[data-testid=validation-message]"));
        Assert.Equal("incomplete", Status(page));
        var needed = page.FindAll("[data-testid=error-summary] li").Select(li => li.GetAttribute("data-field")).ToList();
        Assert.Contains("indication", needed);
        Assert.Contains("ageYears", needed);
        var link = page.Find("[data-testid=error-summary] li[data-field=ageYears] a");
        Assert.Equal("f-ageYears", link.GetAttribute("data-focus"));
        Assert.StartsWith("Age (years)", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_only_another_source_needs_is_listed_on_the_card_with_a_link_to_it()
    {
        var page = Open("?indication=juvenile-idiopathic-arthritis&ageYears=10&egfr=90");
        Assert.Equal("not-approved", Status(page));
        var item = page.Find("[data-testid=error-summary] li[data-field=weightKg]");
        Assert.Contains("EU summary of product characteristics", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("f-weightKg", item.QuerySelector("a")!.GetAttribute("data-focus"));
    }

    [Fact]
    public void While_typing_a_box_shows_no_error_and_once_left_it_does()
    {
        var page = Open("");
        page.Find("#f-ageYears").Input("5x");
        Assert.Empty(page.FindAll("[data-testid=validation-message]"));
        Assert.NotNull(page.Find("[data-testid=error-summary] li[data-field=ageYears]"));
        page.Find("#f-ageYears").Blur();
        Assert.Equal("ageYears", page.Find("[data-testid=validation-message]").GetAttribute("data-field"));
    }

    [Fact]
    public void A_field_the_user_has_left_shows_its_message_and_the_summary_names_it()
    {
        var page = Open("");
        page.Find("#f-ageYears").Input("abc");
        page.Find("#f-ageYears").Blur();
        Assert.Single(page.FindAll("[data-testid=validation-message]"), m => m.GetAttribute("data-field") == "ageYears");
        Assert.Equal("invalid", Status(page));
        Assert.NotNull(page.Find("[data-testid=error-summary] li[data-field=ageYears]"));
    }

    [Fact]
    public void A_shared_link_shows_every_fields_message_at_once()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=abc&egfr=999");
        var fields = page.FindAll("[data-testid=validation-message]").Select(m => m.GetAttribute("data-field")).ToList();
        Assert.Contains("ageYears", fields);
        Assert.Contains("egfr", fields);
    }

    [Fact]
    public void Reset_clears_every_input_and_the_address()
    {
        var page = Open("?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=55&egfr=45&pregnant=true");
        page.Find("[data-testid=reset]").Click();
        Assert.Equal("", page.Find("#f-indication").GetAttribute("value") ?? "");
        Assert.Equal("", page.Find("#f-ageYears").GetAttribute("value") ?? "");
        Assert.False(page.Find("#f-pregnant").HasAttribute("checked"));
        Assert.Equal("http://localhost/", Address);
        Assert.Equal("incomplete", Status(page));
    }

    [Fact]
    public void The_print_view_follows_the_sources_inside_the_calculator()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var calculator = page.Find("[data-testid=calculator]");
        var markup = calculator.OuterHtml;
        Assert.NotNull(calculator.QuerySelector("[data-testid=summary-text]"));
        Assert.NotNull(calculator.QuerySelector(".print-inputs"));
        var sources = markup.IndexOf("id=\"sources-heading\"", StringComparison.Ordinal);
        Assert.True(sources > 0);
        Assert.True(markup.IndexOf("data-testid=\"summary-text\"", StringComparison.Ordinal) > sources);
        Assert.True(markup.IndexOf("class=\"print-only print-inputs\"", StringComparison.Ordinal) > markup.IndexOf("data-testid=\"summary-text\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_printed_inputs_use_labels_and_display_values_never_API_codes()
    {
        var page = Open("?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=55&creatinineClearance=45&hepaticImpairment=moderate&pregnant=true");
        var printed = page.Find(".print-inputs").TextContent;
        Assert.Contains("Rheumatoid arthritis", printed, StringComparison.Ordinal);
        Assert.Contains("EU (EMA)", printed, StringComparison.Ordinal);
        Assert.Contains("Moderate", printed, StringComparison.Ordinal);
        Assert.Contains("Yes", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("rheumatoid-arthritis", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_live_connection_the_disabled_form_says_it_is_connecting()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        Assert.Contains("Connecting", page.Find("[data-testid=connecting]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("#f-ageYears").HasAttribute("disabled"));
    }

    [Fact]
    public void Weight_in_pounds_and_height_in_inches_are_converted_and_the_address_keeps_the_units()
    {
        var page = Open("?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=68&sex=male&serumCreatinine=1.6");
        page.Find("#f-weightUnit").Change("lb");
        page.Find("#f-weightKg").Input("158.73");
        page.Find("#f-weightKg").Blur(); // 72.0 kg
        page.Find("#f-heightUnit").Change("in");
        page.Find("#f-heightCm").Input("68.9");
        page.Find("#f-heightCm").Blur(); // 175.0 cm
        Assert.Contains("weightKg=158.73&weightUnit=lb", Address, StringComparison.Ordinal);
        Assert.Contains("heightCm=68.9&heightUnit=in", Address, StringComparison.Ordinal);
        var cg = page.FindAll("[data-testid=kidney-estimate]").Single(e => e.GetAttribute("data-method") == "cockcroft-gault" && e.GetAttribute("data-used") == "true");
        Assert.Contains("Creatinine clearance (Cockcroft–Gault, actual weight): 44.99 mL/min", cg.TextContent, StringComparison.Ordinal); // 158.73 lb = 71.999 kg; worked example 3 gives 45.0 at 72 kg
        Assert.Contains("158.73 lb", page.Find(".print-inputs").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weightKg", "weightUnit", "80", "lb", "176.4", "Weight (lb)")]
    [InlineData("heightCm", "heightUnit", "170", "in", "66.9", "Height (in)")]
    public void Changing_a_unit_converts_the_number_entered_names_the_unit_and_leaves_the_result_as_it_was(
        string field, string unitField, string value, string unit, string converted, string label)
    {
        var page = Open("?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&sex=female&weightKg=80&heightCm=170&serumCreatinine=1.1");
        var dose = Dose(page);
        var kidney = page.Find("[data-testid=kidney-band]").ParentElement!.TextContent;
        Assert.Equal(value, page.Find($"#f-{field}").GetAttribute("value"));

        page.Find($"#f-{unitField}").Change(unit);

        Assert.Equal(converted, page.Find($"#f-{field}").GetAttribute("value"));
        Assert.Equal(converted, page.Find($"#f-{field}").GetAttribute("data-value"));
        Assert.Equal(label, page.Find($"label[for=f-{field}]").TextContent);
        Assert.Equal(dose, Dose(page));
        Assert.Equal(kidney, page.Find("[data-testid=kidney-band]").ParentElement!.TextContent);
        Assert.Contains($"{field}={converted}&{unitField}={unit}", Address, StringComparison.Ordinal);

        // And back: the number entered first, exactly.
        page.Find($"#f-{unitField}").Change(field == "weightKg" ? "kg" : "cm");
        Assert.Equal(value, page.Find($"#f-{field}").GetAttribute("value"));
        Assert.Equal(kidney, page.Find("[data-testid=kidney-band]").ParentElement!.TextContent);
    }

    [Fact]
    public void A_weight_out_of_range_in_pounds_is_told_in_pounds_with_the_fields_label_in_pounds()
    {
        var page = Open("?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&weightKg=900&weightUnit=lb&creatinineClearance=90");
        var message = page.Find("[data-testid=validation-message][data-field=weightKg]").TextContent;
        Assert.Equal("Weight must be between 1.2 and 881.8 lb.", message);
        Assert.Contains("Weight (lb)", page.Find("[data-testid=error-summary] li[data-field=weightKg]").TextContent, StringComparison.Ordinal);

        var height = Open("?indication=rheumatoid-arthritis&ageYears=50&egfr=90&heightCm=5&heightUnit=in");
        Assert.Equal("Height must be between 11.9 and 98.4 in.", height.Find("[data-testid=validation-message][data-field=heightCm]").TextContent);
    }

    [Fact]
    public void A_text_that_is_not_a_number_stays_as_typed_when_the_unit_changes_and_its_message_names_the_new_unit()
    {
        var page = Open("?indication=rheumatoid-arthritis&jurisdiction=eu&ageYears=50&weightKg=8o&creatinineClearance=90");
        page.Find("#f-weightUnit").Change("lb");
        Assert.Equal("8o", page.Find("#f-weightKg").GetAttribute("value"));
        Assert.StartsWith("Weight (lb) must be", page.Find("[data-testid=validation-message][data-field=weightKg]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_input_carries_its_API_name_and_the_value_it_was_calculated_from()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45&strongOat3Inhibitor=true");
        Assert.All(page.FindAll("form input, form select"), el => Assert.False(string.IsNullOrEmpty(el.GetAttribute("data-field"))));
        Assert.Equal("45", page.Find("[data-field=egfr]").GetAttribute("data-value"));
        Assert.Equal("true", page.Find("[data-field=strongOat3Inhibitor]").GetAttribute("data-value"));
        Assert.Equal("us", page.Find("[data-field=jurisdiction]").GetAttribute("data-value"));
        Assert.Equal("true", page.Find("[data-testid=recommendation]").GetAttribute("data-current"));
    }

    [Fact]
    public void A_shared_link_with_units_fills_the_unit_selectors()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45&weightKg=176&weightUnit=lb");
        Assert.Equal("lb", page.Find("#f-weightUnit").GetAttribute("value"));
        Assert.Equal("176", page.Find("#f-weightKg").GetAttribute("value"));
    }

    [Fact]
    public void A_third_party_web_page_says_what_it_is_in_the_source_table()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var row = page.Find("[data-testid=source-row][data-source=seed-monograph]");
        Assert.Contains("not a regulatory document", row.QuerySelector("[data-testid=document-note]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("third-party-web-page", row.QuerySelector("[data-testid=document]")!.GetAttribute("data-kind"));
        Assert.Null(row.QuerySelector("[data-testid=document-link]"));
    }

    [Fact]
    public void A_not_recommended_result_shows_no_dose_on_the_card_the_phone_bar_or_the_printed_inputs()
    {
        var page = Open("?indication=alopecia-areata&ageYears=40&egfr=20&extensiveScalpHairLoss=true");
        Assert.Equal("not-recommended", Status(page));
        var shown = page.FindAll("[data-testid=recommendation], .mobile-dose, .print-inputs dd").Select(e => e.TextContent).ToList();
        Assert.True(shown.Count > 3);
        Assert.All(shown, text => Assert.DoesNotMatch(@"\d\s*mg", text));
    }

    [Fact]
    public void Changing_an_input_updates_the_result_and_replaces_the_address()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        page.Find("#f-egfr").Input("29.9");
        page.Find("#f-egfr").Blur();
        Assert.Equal("Not recommended", Dose(page));
        Assert.Equal("http://localhost/?indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=29.9", Address);
    }

    [Fact]
    public void An_input_change_renders_the_page_once_calculates_once_and_replaces_the_address_without_a_navigation()
    {
        var factory = Services.GetRequiredService<IMeterFactory>();
        long renders = 0, calculations = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name is "baricitinib.page.renders" or "baricitinib.page.calculations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "baricitinib.page.renders") { renders += value; } else { calculations += value; }
        });
        listener.Start();

        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        var opened = Navigation.Uri;
        var (rendersBefore, calculationsBefore, countBefore) = (renders, calculations, page.RenderCount);

        page.Find("#f-egfr").Input("75");

        Assert.Equal("2 mg once daily", Dose(page));
        Assert.Equal(1, page.RenderCount - countBefore);
        Assert.Equal(1, renders - rendersBefore);
        Assert.Equal(1, calculations - calculationsBefore);
        Assert.Equal(opened, Navigation.Uri); // no navigation: nothing comes back as a location change
        var replaced = Assert.Single(JSInterop.Invocations["baricitinib.replaceAddress"]);
        Assert.Equal("http://localhost/?indication=rheumatoid-arthritis&jurisdiction=us&ageYears=55&egfr=75", replaced.Arguments[0]);
    }

    [Fact]
    public void The_printed_chart_note_reads_exactly_as_the_copied_one_line_by_line()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        page.Find("#f-egfr").Input("46");
        page.Find("[data-testid=copy-summary]").Click();
        var copied = (string)JSInterop.Invocations["baricitinib.copyText"][^1].Arguments[0]!;
        Assert.Equal(copied, page.Find("[data-testid=summary-text]").TextContent);
        Assert.Contains("eGFR (mL/min/1.73 m²) 46", copied, StringComparison.Ordinal);
        Assert.True(copied.Split('\n').Length > 5);
    }

    [Fact]
    public void An_address_from_outside_loads_new_inputs_into_the_same_page()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        Navigation.NavigateTo("/?indication=rheumatoid-arthritis&ageYears=55&egfr=75");
        Assert.Equal("2 mg once daily", Dose(page));
        Assert.Equal("75", page.Find("#f-egfr").GetAttribute("value"));
    }

    [Fact]
    public void The_address_round_trips_every_input_through_a_new_page()
    {
        var first = Open("");
        first.Find("#f-indication").Change("alopecia-areata");
        first.Find("#f-jurisdiction").Change("eu");
        first.Find("#f-ageYears").Input("40");
        first.Find("#f-serumCreatinine").Input("97");
        first.Find("#f-creatinineUnit").Change("umol/L");
        first.Find("#f-sex").Change("female");
        first.Find("#f-weightKg").Input("70");
        first.Find("#f-extensiveScalpHairLoss").Change(true);
        var address = Address;
        var expected = Dose(first);

        var second = Open(address[address.IndexOf('?', StringComparison.Ordinal)..]);
        Assert.Equal(expected, Dose(second));
        Assert.Equal("umol/L", second.Find("#f-creatinineUnit").GetAttribute("value"));
        Assert.True(second.Find("#f-extensiveScalpHairLoss").HasAttribute("checked"));
        Assert.Equal(address, Navigation.Uri);
    }

    [Theory]
    [InlineData("５５")]
    [InlineData("٥٥")]
    [InlineData("५५")]
    public void Non_ASCII_digits_typed_into_age_give_a_message_and_the_page_keeps_working(string digits)
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        page.Find("#f-ageYears").Input(digits);
        page.Find("#f-ageYears").Blur();
        Assert.Equal("Age (years) must be written with the digits 0–9 (e.g. 45.5).", page.Find("[data-testid=validation-message][data-field=ageYears]").TextContent);
        Assert.Equal("invalid", Status(page));
        Assert.Equal(digits, page.Find("#f-ageYears").GetAttribute("value"));
        page.Find("#f-ageYears").Input("55");
        page.Find("#f-ageYears").Blur();
        Assert.Equal("1 mg once daily", Dose(page));
    }

    [Fact]
    public void A_value_longer_than_32_characters_gives_a_message_and_the_box_holds_at_most_33()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        Assert.Equal("33", page.Find("#f-egfr").GetAttribute("maxlength"));
        page.Find("#f-egfr").Input(new string('4', 40));
        page.Find("#f-egfr").Blur();
        Assert.Contains("at most 32 characters", page.Find("[data-testid=validation-message][data-field=egfr]").TextContent, StringComparison.Ordinal);
        Assert.Equal(33, page.Find("#f-egfr").GetAttribute("value")!.Length);
        Assert.Equal("invalid", Status(page));
    }

    [Fact]
    public void Letters_in_a_number_give_a_message_next_to_the_field_and_no_dose()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        page.Find("#f-ageYears").Input("fifty");
        page.Find("#f-ageYears").Blur();
        var message = page.Find("[data-testid=validation-message]");
        Assert.Equal("ageYears", message.GetAttribute("data-field"));
        Assert.Equal("Age (years) must be a number (e.g. 45.5).", message.TextContent);
        Assert.Equal("invalid", Status(page));
        Assert.Equal("Correct the highlighted inputs", Dose(page));
        Assert.DoesNotContain("mg once daily", page.Markup, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("#f-ageYears").GetAttribute("aria-invalid"));
        Assert.Equal("fifty", page.Find("#f-ageYears").GetAttribute("value"));
    }

    [Fact]
    public void A_negative_number_gives_the_range_message()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        page.Find("#f-egfr").Input("-5");
        page.Find("#f-egfr").Blur();
        Assert.Equal("eGFR must be between 0 and 250 mL/min/1.73 m².", page.Find("[data-testid=validation-message][data-field=egfr]").TextContent);
        Assert.Equal("invalid", Status(page));
    }

    [Fact]
    public void A_huge_number_gets_the_range_message_and_keeps_what_was_typed()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        page.Find("#f-egfr").Input("1e308");
        page.Find("#f-egfr").Blur();
        Assert.Equal("eGFR must be between 0 and 250 mL/min/1.73 m².", page.Find("[data-testid=validation-message][data-field=egfr]").TextContent);
        Assert.Equal("1e308", page.Find("#f-egfr").GetAttribute("value"));
        Assert.Equal("invalid", Status(page));
    }

    [Fact]
    public void A_comma_decimal_is_accepted()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55");
        page.Find("#f-egfr").Input("59,9");
        page.Find("#f-egfr").Blur();
        Assert.Empty(page.FindAll("[data-testid=validation-message]"));
        Assert.Equal("1 mg once daily", Dose(page));
    }

    [Fact]
    public void An_emptied_kidney_field_makes_the_result_incomplete_with_a_message()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        page.Find("#f-egfr").Input("");
        page.Find("#f-egfr").Blur();
        Assert.Equal("incomplete", Status(page));
        Assert.Equal("Enter the missing inputs", Dose(page));
        Assert.Equal("egfr", page.Find("[data-testid=validation-message]").GetAttribute("data-field"));
    }

    [Fact]
    public void Correcting_the_input_brings_the_dose_back()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=abc&egfr=45");
        Assert.Equal("invalid", Status(page));
        page.Find("#f-ageYears").Input("55");
        page.Find("#f-ageYears").Blur();
        Assert.Equal("1 mg once daily", Dose(page));
        Assert.Empty(page.FindAll("[data-testid=validation-message]"));
    }

    [Fact]
    public void The_scalp_hair_loss_box_appears_only_for_alopecia_areata()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        Assert.Empty(page.FindAll("#f-extensiveScalpHairLoss"));
        page.Find("#f-indication").Change("alopecia-areata");
        Assert.Single(page.FindAll("#f-extensiveScalpHairLoss"));
    }

    [Fact]
    public void Fields_that_appear_or_disappear_leave_every_other_field_showing_its_own_value()
    {
        // Fields render again only when what they show changes: one that appears must not take another's place.
        var page = Open("?indication=alopecia-areata&ageYears=40&weightKg=70&heightCm=170&egfr=45&extensiveScalpHairLoss=true&hemoglobin=12");
        foreach (var indication in new[] { "rheumatoid-arthritis", "covid-19", "alopecia-areata", "juvenile-idiopathic-arthritis", "atopic-dermatitis", "alopecia-areata" })
        {
            page.Find("#f-indication").Change(indication);
            Assert.Equal(indication, page.Find("#f-indication").GetAttribute("value"));
            Assert.Equal("40", page.Find("#f-ageYears").GetAttribute("value"));
            Assert.Equal("70", page.Find("#f-weightKg").GetAttribute("value"));
            Assert.Equal("170", page.Find("#f-heightCm").GetAttribute("value"));
            Assert.Equal("45", page.Find("#f-egfr").GetAttribute("value"));
            Assert.Equal("12", page.Find("#f-hemoglobin").GetAttribute("value"));
            Assert.Equal(indication == "alopecia-areata" ? 1 : 0, page.FindAll("#f-extensiveScalpHairLoss").Count);
        }

        Assert.True(page.Find("#f-extensiveScalpHairLoss").HasAttribute("checked"));
        Assert.All(page.FindAll("input[id^=f-], select[id^=f-]"), input => Assert.Single(page.FindAll($"#{input.Id}")));
    }

    [Fact]
    public void Creatinine_only_lists_every_estimate_in_the_kidney_panel_and_flags_the_disagreement()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=85&sex=female&heightCm=150&weightKg=45&serumCreatinine=0.9");
        var estimates = page.FindAll("[data-testid=kidney-estimate]").Select(e => (e.GetAttribute("data-measure"), e.GetAttribute("data-method"))).ToList();
        Assert.Contains(("egfr", "ckd-epi-2021"), estimates);
        Assert.Contains(("crcl", "cockcroft-gault"), estimates);
        Assert.Contains("1.37 m²", page.Find("[data-testid=kidney-estimate][data-measure=bsa]").TextContent, StringComparison.Ordinal);
        Assert.Equal("egfr", page.Find("[data-testid=kidney-band]").GetAttribute("data-measure"));
        Assert.Contains(page.FindAll("[data-testid=flag]"), f => f.GetAttribute("data-code") == "kidney-measures-disagree");
    }

    [Fact]
    public void Unknown_and_repeated_parameters_in_the_address_are_ignored_or_take_the_first()
    {
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45&egfr=90&utm_source=mail");
        Assert.Equal("1 mg once daily", Dose(page));
    }

    [Fact]
    public void Inputs_are_disabled_until_the_live_connection_is_up()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");
        Assert.True(page.Find("#f-egfr").HasAttribute("disabled"));
        Assert.Equal("false", page.Find(".calculator").GetAttribute("data-interactive"));
        Assert.Equal("1 mg once daily", Dose(page));
    }

    [Fact]
    public void A_live_page_with_a_result_holds_ten_components_at_most()
    {
        // Every component a live page holds keeps two render-tree buffers of server memory (docs/benchmarks.md,
        // "Server memory per live page"): the page, its form's cascading value and validation adapter, one group per
        // kind of field, the result card, the kidney panel and the source table. A new one must be worth its memory.
        var page = Open("?indication=rheumatoid-arthritis&ageYears=55&egfr=45");

        var components = page.FindComponents<IComponent>();

        Assert.Equal(Enum.GetValues<Baricitinib.Dosing.Input.FieldGroup>().Length, components.Count(c => c.Instance is FieldSet));
        Assert.InRange(components.Count + 1, 1, 10); // the page itself and what it holds
    }
}

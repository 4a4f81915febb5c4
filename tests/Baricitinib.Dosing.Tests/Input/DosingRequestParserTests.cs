using System.Text;
using Baricitinib.Dosing.Input;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Tests.Input;

/// <summary>Text to request: the page's lenient rules and the API's strict ones (decisions.md, Input rules).</summary>
public class DosingRequestParserTests
{
    private static ParseResult Page(params (string, string?)[] pairs) =>
        DosingRequestParser.Parse(pairs.Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2)), InputMode.Page);

    private static ParseResult Api(params (string, string?)[] pairs) =>
        DosingRequestParser.Parse(pairs.Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2)), InputMode.Api);

    [Fact]
    public void The_page_accepts_a_comma_as_the_decimal_separator()
    {
        var parsed = Page(("egfr", "59,9"));
        Assert.Empty(parsed.Errors);
        Assert.Equal(59.9, parsed.Request.Egfr);
    }

    [Fact]
    public void The_API_refuses_a_comma_and_says_to_use_a_dot()
    {
        var error = Api(("egfr", "59,9")).Errors.Single();
        Assert.Equal("egfr", error.Field);
        Assert.Contains("'.'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1,2,3")]
    [InlineData("12a")]
    [InlineData("--5")]
    public void Letters_or_two_separators_give_a_message_naming_the_field(string text)
    {
        var error = Page(("ageYears", text)).Errors.Single();
        Assert.Equal("ageYears", error.Field);
        Assert.Equal("Age (years) must be a number (e.g. 45.5).", error.Message);
    }

    [Theory]
    [InlineData("５５")]
    [InlineData("٥٥")]
    [InlineData("५५")]
    [InlineData("5５")]
    [InlineData("٤٥.٥")]
    public void Non_ASCII_digits_give_a_message_naming_the_field_and_never_throw(string text)
    {
        foreach (var parsed in new[] { Page(("ageYears", text)), Api(("ageYears", text)) })
        {
            var error = parsed.Errors.Single();
            Assert.Equal("ageYears", error.Field);
            Assert.Equal("Age (years) must be written with the digits 0–9 (e.g. 45.5).", error.Message);
            Assert.Null(parsed.Request.AgeYears);
        }
    }

    [Theory]
    [InlineData("egfr", "45.000000000000000000000000000001")]
    [InlineData("indication", "rheumatoid-arthritis-rheumatoid-a")]
    public void A_value_of_more_than_32_characters_gives_a_message_naming_the_field(string field, string text)
    {
        Assert.Equal(33, text.Length);
        var error = Api((field, text)).Errors.Single();
        Assert.Equal(field, error.Field);
        Assert.Contains("at most 32 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_exactly_32_characters_is_read() =>
        Assert.Empty(Api(("egfr", "45.00000000000000000000000000001")).Errors);

    [Fact]
    public void A_huge_number_parses_and_is_left_to_the_range_check()
    {
        var parsed = Page(("egfr", "1e308"));
        Assert.Empty(parsed.Errors);
        Assert.Equal(1e308, parsed.Request.Egfr);
    }

    [Fact]
    public void A_number_beyond_double_range_is_refused_as_too_large() =>
        Assert.Contains("too large", Page(("egfr", "1e400")).Errors.Single().Message, StringComparison.Ordinal);

    [Fact]
    public void An_emptied_page_box_means_not_given() => Assert.Null(Page(("egfr", "")).Request.Egfr);

    [Fact]
    public void The_page_ignores_unknown_parameters_and_uses_the_first_of_repeated_ones()
    {
        var parsed = Page(("egrf", "45"), ("egfr", "30"), ("egfr", "90"));
        Assert.Empty(parsed.Errors);
        Assert.Equal(30, parsed.Request.Egfr);
    }

    [Fact]
    public void The_API_refuses_unknown_and_repeated_parameters_naming_them()
    {
        var errors = Api(("egrf", "45"), ("egfr", "30"), ("egfr", "90")).Errors;
        Assert.Contains(errors, e => e.Field == "egrf" && e.Message.Contains("not a known field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "egfr" && e.Message.Contains("more than once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Covid-19")]
    [InlineData("covid")]
    [InlineData("COVID-19")]
    public void Choices_must_be_spelled_exactly_as_the_contract(string text) =>
        Assert.StartsWith("Indication must be one of: rheumatoid-arthritis, alopecia-areata, covid-19", Api(("indication", text)).Errors.Single().Message, StringComparison.Ordinal);

    [Fact]
    public void Micromoles_are_written_umol_per_L()
    {
        Assert.Equal(CreatinineUnit.UmolPerL, Api(("creatinineUnit", "umol/L")).Request.CreatinineUnit);
        Assert.Equal(CreatinineUnit.MgPerDl, Api(("creatinineUnit", "mg/dL")).Request.CreatinineUnit);
    }

    [Fact]
    public void A_request_round_trips_through_its_pairs()
    {
        var request = new DosingRequest { Indication = Indication.Covid19, AgeYears = 8.9, Egfr = 29.9, StrongOat3Inhibitor = true, CreatinineUnit = CreatinineUnit.UmolPerL };
        var pairs = DosingRequestParser.ToPairs(request).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value));
        Assert.Equal(request, DosingRequestParser.Parse(pairs, InputMode.Api).Request);
    }

    [Fact]
    public void JSON_with_the_contract_fields_parses()
    {
        var parsed = DosingRequestJson.Read(Encoding.UTF8.GetBytes("""{"indication":"covid-19","ageYears":60,"egfr":45.5,"strongOat3Inhibitor":true}"""));
        Assert.Empty(parsed.Errors);
        Assert.Equal(new DosingRequest { Indication = Indication.Covid19, AgeYears = 60, Egfr = 45.5, StrongOat3Inhibitor = true }, parsed.Request);
    }

    [Theory]
    [InlineData("{", "body")]
    [InlineData("[1]", "body")]
    [InlineData("""{"ageYears":"55"}""", "ageYears")]
    [InlineData("""{"egfr":true}""", "egfr")]
    [InlineData("""{"pregnant":"yes"}""", "pregnant")]
    [InlineData("""{"indication":3}""", "indication")]
    [InlineData("""{"egrf":45}""", "egrf")]
    [InlineData("""{"egfr":1e400}""", "egfr")]
    public void Malformed_JSON_wrong_types_unknown_fields_and_overflow_are_errors_naming_the_field(string json, string field) =>
        Assert.Contains(DosingRequestJson.Read(Encoding.UTF8.GetBytes(json)).Errors, e => e.Field == field);

    [Fact]
    public void A_repeated_JSON_field_is_refused() =>
        Assert.Contains(DosingRequestJson.Read(Encoding.UTF8.GetBytes("""{"egfr":45,"egfr":90}""")).Errors, e => e.Field == "egfr");
}

using Microsoft.AspNetCore.Components;
using Baricitinib.Dosing.Input;
using Baricitinib.Web.Components.Calculator;

namespace Baricitinib.Web.Tests.Components.Calculator;

/// <summary>A group of fields: each select's options drawn as one piece of markup, the chosen one marked only where
/// HTML needs it (the prerendered page).</summary>
public class FieldSetTests : WebTestContext
{
    private IRenderedComponent<FieldSet> Patient(string query) =>
        Render<FieldSet>(p => p
            .Add(f => f.Group, FieldGroup.Patient)
            .Add(f => f.State, CalculatorState.FromUri(new Uri("http://localhost/?" + query))));

    [Fact]
    public void On_the_live_page_every_option_is_drawn_in_order_and_the_select_carries_the_chosen_value()
    {
        var group = Patient("indication=covid-19&sex=female&weightUnit=lb");

        var indication = group.Find("#f-indication");
        Assert.Equal("covid-19", indication.GetAttribute("value"));
        var options = indication.QuerySelectorAll("option");
        Assert.Equal(["", .. Fields.Find(Fields.Indication)!.Options.Select(o => o.Value)], options.Select(o => o.GetAttribute("value")));
        Assert.Equal(["Choose an indication", .. Fields.Find(Fields.Indication)!.Options.Select(o => o.Text)], options.Select(o => o.TextContent));
        Assert.Empty(group.FindAll("option[selected]")); // Blazor sets each select's value once its options are in
        Assert.Equal("lb", group.Find("#f-weightUnit").GetAttribute("value"));
        Assert.Equal(["kg", "lb"], group.Find("#f-weightUnit").QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public void On_the_prerendered_page_the_chosen_option_of_each_select_is_marked_selected()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var group = Patient("indication=covid-19&sex=female&weightUnit=lb");

        Assert.Equal("covid-19", group.Find("#f-indication option[selected]").GetAttribute("value"));
        Assert.Equal("female", group.Find("#f-sex option[selected]").GetAttribute("value"));
        Assert.Equal("us", group.Find("#f-jurisdiction option[selected]").GetAttribute("value"));
        Assert.Equal("lb", group.Find("#f-weightUnit option[selected]").GetAttribute("value"));
        Assert.Equal("cm", group.Find("#f-heightUnit option[selected]").GetAttribute("value"));
        Assert.Single(group.FindAll("#f-indication option[selected]"));
    }

    [Fact]
    public void A_value_that_is_no_option_marks_none_and_the_options_stay_encoded()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var group = Patient("indication=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        Assert.Empty(group.FindAll("#f-indication option[selected]"));
        Assert.Empty(group.FindAll("script"));
        Assert.Equal(6, group.FindAll("#f-indication option").Count);
    }
}

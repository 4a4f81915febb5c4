using Baricitinib.Dosing.Input;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Baricitinib.Web.Components.Calculator;

/// <summary>
/// The one base of every input on the page: it is drawn from the field's metadata in the library (name, label, kind,
/// options), keeps its text in the page state, and reports changes.
/// </summary>
public abstract class FieldBase : ComponentBase
{
    [CascadingParameter] public EditContext? EditContext { get; set; }

    [Parameter, EditorRequired] public FieldSpec Spec { get; set; } = default!;

    [Parameter, EditorRequired] public CalculatorState State { get; set; } = default!;

    [Parameter] public bool Disabled { get; set; }

    [Parameter] public EventCallback<string> OnChange { get; set; }

    protected string Name => Spec.Name;

    protected string Label => Spec.Label;

    protected string Id => $"f-{Spec.Name}";

    /// <summary>The field's validation messages, from the EditContext.</summary>
    protected IEnumerable<string> ValidationMessages => EditContext?.GetValidationMessages(new FieldIdentifier(State, Name)) ?? [];

    protected bool Invalid => ValidationMessages.Any();

    /// <summary>The user left the field: its message, if any, shows from now on.</summary>
    protected void Left()
    {
        State.Leave(Name);
        EditContext?.NotifyFieldChanged(new FieldIdentifier(State, Name));
    }

    /// <summary>Stores what was typed or chosen and tells the page.</summary>
    protected Task SetAsync(string value)
    {
        State[Name] = value;
        return OnChange.InvokeAsync(Name);
    }
}

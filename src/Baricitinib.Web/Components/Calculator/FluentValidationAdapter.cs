using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Baricitinib.Web.Components.Calculator;

/// <summary>
/// Puts the library's field errors (parse and FluentValidation, computed once per change by the page's calculation)
/// on Blazor's <see cref="EditContext"/>: on every field change and validation request, each message on its field.
/// </summary>
public sealed class FluentValidationAdapter : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private EditContext? _subscribed;

    [CascadingParameter]
    public EditContext? EditContext { get; set; }

    [Parameter, EditorRequired]
    public CalculatorState State { get; set; } = default!;

    /// <summary>Show every field's message (a shared link); otherwise only those of fields the user has left, so a
    /// pristine form and a box being typed in show prompts, not errors (the card's summary lists them all).</summary>
    [Parameter]
    public bool ShowAll { get; set; }

    /// <summary>The current outcome's field errors (read when a change is notified, after the page recalculated).</summary>
    [Parameter, EditorRequired]
    public Func<IReadOnlyList<Baricitinib.Dosing.Model.FieldError>> Errors { get; set; } = () => [];

    protected override void OnParametersSet()
    {
        if (EditContext is null)
        {
            throw new InvalidOperationException($"{nameof(FluentValidationAdapter)} must be placed where an EditContext is cascaded (an EditForm, or the calculator's form).");
        }

        if (!ReferenceEquals(EditContext, _subscribed))
        {
            Unsubscribe();
            _messages = new ValidationMessageStore(EditContext);
            EditContext.OnFieldChanged += OnChanged;
            EditContext.OnValidationRequested += OnChanged;
            _subscribed = EditContext;
            Run();
        }
    }

    private void OnChanged(object? sender, EventArgs e) => Run();

    private void Run()
    {
        if (_messages is null || EditContext is null)
        {
            return;
        }

        _messages.Clear();
        foreach (var error in Errors().Where(e => ShowAll || State.HasLeft(e.Field)))
        {
            _messages.Add(new FieldIdentifier(State, error.Field), error.Message);
        }

        EditContext.NotifyValidationStateChanged();
    }

    private void Unsubscribe()
    {
        if (_subscribed is not null)
        {
            _subscribed.OnFieldChanged -= OnChanged;
            _subscribed.OnValidationRequested -= OnChanged;
        }
    }

    public void Dispose() => Unsubscribe();
}

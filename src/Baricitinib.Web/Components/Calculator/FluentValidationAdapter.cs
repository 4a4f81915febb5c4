using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Baricitinib.Web.Components.Calculator;

/// <summary>
/// Binds the library's FluentValidation validator to Blazor's <see cref="EditContext"/>: on every field change and
/// on validation requests it validates the whole form and puts each message on its field.
/// </summary>
public sealed class FluentValidationAdapter : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private EditContext? _subscribed;

    [CascadingParameter]
    public EditContext? EditContext { get; set; }

    [Parameter, EditorRequired]
    public CalculatorState State { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (EditContext is null)
        {
            throw new InvalidOperationException($"{nameof(FluentValidationAdapter)} must be placed inside an EditForm.");
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
        foreach (var error in State.Validate())
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

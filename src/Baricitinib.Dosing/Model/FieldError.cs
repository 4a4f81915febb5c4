namespace Baricitinib.Dosing.Model;

/// <summary>An error on one request field (API field name), and whether it is a missing input or a wrong one.</summary>
/// <param name="Field">The API field name, e.g. <c>egfr</c>.</param>
/// <param name="Message">What is allowed, in words.</param>
/// <param name="IsMissing">True when a required input is missing (the page shows "incomplete").</param>
public sealed record FieldError(string Field, string Message, bool IsMissing);

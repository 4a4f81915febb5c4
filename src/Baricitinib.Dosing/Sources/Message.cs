using System.Globalization;
using System.Runtime.CompilerServices;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Sources;

/// <summary>
/// How much of an evaluation's wording is needed. The primary label's evaluation is shown in full; another source's
/// row is written from its notes and its stop reasons; an evaluation made only to compare outcomes (near a
/// band edge, or with another kidney estimate) shows no text at all. Outcomes (status, dose, flag codes, rules) are the
/// same at every level: only the wording is left out.
/// </summary>
internal enum Detail
{
    /// <summary>Status, dose, frequency, flag codes and rules only: no message is written.</summary>
    Outcome,
    /// <summary>What a source row's notes are written from: notes and stop messages.</summary>
    Row,
    /// <summary>Every message (the primary label).</summary>
    Full,
}

/// <summary>
/// The wording of a flag or a note, written only when the evaluation's <see cref="Detail"/> shows it: when it does not,
/// the parts of the interpolated text are not even computed.
/// </summary>
[InterpolatedStringHandler]
internal ref struct Message
{
    private DefaultInterpolatedStringHandler _text;
    private readonly bool _wanted;

    /// <summary>A flag's message.</summary>
    public Message(int literalLength, int formattedCount, Evaluation evaluation, string code, Severity severity, out bool wanted)
        : this(literalLength, formattedCount, evaluation.Wants(code, severity), out wanted)
    {
    }

    /// <summary>A stop's message (a stop is a flag of severity <see cref="Severity.Stop"/>).</summary>
    public Message(int literalLength, int formattedCount, Evaluation evaluation, string code, out bool wanted)
        : this(literalLength, formattedCount, evaluation.Wants(code, Severity.Stop), out wanted)
    {
    }

    /// <summary>A note.</summary>
    public Message(int literalLength, int formattedCount, Evaluation evaluation, out bool wanted)
        : this(literalLength, formattedCount, evaluation.WantsNotes, out wanted)
    {
    }

    private Message(int literalLength, int formattedCount, bool wanted, out bool shouldAppend)
    {
        _wanted = shouldAppend = wanted;
        _text = wanted ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    /// <summary>The text, or null when it is not wanted.</summary>
    public string? Text() => _wanted ? _text.ToStringAndClear() : null;
}

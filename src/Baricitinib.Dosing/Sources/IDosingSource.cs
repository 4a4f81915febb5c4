using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Sources;

/// <summary>One source: its rules as data, and how they apply to a patient.</summary>
internal interface IDosingSource
{
    SourceInfo Info { get; }

    /// <summary>Short name for conflict notes ("the US label").</summary>
    string ShortName { get; }

    Evaluation Evaluate(Patient patient);
}

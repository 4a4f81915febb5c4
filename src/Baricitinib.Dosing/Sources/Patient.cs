using Baricitinib.Dosing.Kidney;
using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Sources;

/// <summary>A validated request, seen by the sources: typed fields plus the kidney profile.</summary>
internal sealed record Patient(DosingRequest Request, KidneyProfile Kidney)
{
    /// <summary>A kidney reading that replaces the source's own choice (used to compare bands of other estimates).</summary>
    public KidneyReading? Forced { get; init; }

    /// <summary>How much wording the sources write for this evaluation (outcomes are the same at every level).</summary>
    public Detail Detail { get; init; } = Detail.Full;

    public Indication Indication => Request.Indication ?? Indication.RheumatoidArthritis;

    public double Age => Request.AgeYears ?? 0;

    public bool Adult => Age >= 18;

    public HepaticImpairment Hepatic => Request.HepaticImpairment ?? HepaticImpairment.None;

    /// <summary>The reading a rule written in eGFR (mL/min/1.73 m²) uses.</summary>
    public KidneyReading? ForEgfrRule => Forced ?? Kidney.ForEgfrRule;

    /// <summary>The reading a rule written in creatinine clearance (mL/min) uses.</summary>
    public KidneyReading? ForCrclRule => Forced ?? Kidney.ForCrclRule;
}

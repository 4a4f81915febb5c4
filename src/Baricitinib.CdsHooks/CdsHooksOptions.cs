using Baricitinib.Dosing.Model;

namespace Baricitinib.CdsHooks;

/// <summary>
/// <c>CdsHooks</c> settings. The code lists ship in <c>appsettings.json</c> and must be confirmed by a pharmacist before
/// go-live (docs/cds-hooks.md); everything else has a default.
/// </summary>
public sealed class CdsHooksOptions
{
    /// <summary>The service's public base address as the EHR calls it (e.g. <c>https://calc.example.org</c>): the JWT
    /// <c>aud</c> is checked against it and the cards' links point to it. Never taken from the request's Host.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Whose label gives the primary recommendation (default US).</summary>
    public Jurisdiction Jurisdiction { get; set; } = Jurisdiction.Us;

    /// <summary>The indication when the order carries none the service recognises (none by default: a card asks).</summary>
    public Indication? DefaultIndication { get; set; }

    /// <summary>Medication codings that identify a baricitinib order.</summary>
    public IList<MedicationCode> MedicationCodes { get; } = [];

    /// <summary>Words in the medication's text or display that identify a baricitinib order when no code matches.</summary>
    public IList<string> MedicationWords { get; } = [];

    /// <summary>Condition codings of the order's reason that give the indication.</summary>
    public IList<IndicationCode> IndicationCodes { get; } = [];

    /// <summary>Medication codings of a strong OAT3 inhibitor (probenecid: RxNorm ingredient 8698), among the draft
    /// orders or the active medication list.</summary>
    public IList<MedicationCode> Oat3InhibitorCodes { get; } = [];

    /// <summary>Words in a medication's text or display that name a strong OAT3 inhibitor when no code matches.</summary>
    public IList<string> Oat3InhibitorWords { get; } = [];

    /// <summary>When true, an order whose dose and frequency match the primary label gets an <c>info</c> card saying so;
    /// by default such an order gets no card (quiet when right).</summary>
    public bool ConfirmMatchingOrders { get; set; }

    /// <summary>Whether a pharmacist has confirmed the code lists above; until then every card says so.</summary>
    public bool CodesConfirmed { get; set; }

    /// <summary>Kidney function and blood counts older than this are stale: reported, never used for a dose (default 90).</summary>
    public int MaxAgeDays { get; set; } = 90;

    /// <summary>The same for COVID-19, where kidney function changes fast (default 3).</summary>
    public int MaxAgeDaysCovid19 { get; set; } = 3;

    /// <summary>Weights older than this are not used: adults (default 365) and children under 18 (default 30).</summary>
    public int WeightMaxAgeDaysAdult { get; set; } = 365;

    /// <inheritdoc cref="WeightMaxAgeDaysAdult"/>
    public int WeightMaxAgeDaysChild { get; set; } = 30;

    /// <summary>Heights of children under 18 older than this are not used (default 90; adults' heights do not expire).</summary>
    public int HeightMaxAgeDaysChild { get; set; } = 90;

    /// <summary>Time allowed for fetching missing data from the EHR's FHIR server, all queries together (default 1500 ms).</summary>
    public int FhirTimeoutMilliseconds { get; set; } = 1500;
}

/// <summary>A medication coding that means baricitinib.</summary>
public sealed class MedicationCode
{
    public string System { get; set; } = "";

    public string Code { get; set; } = "";

    public string? Display { get; set; }

    /// <summary>Tablet strength in mg for a product code; null for the ingredient or when not confirmed.</summary>
    public int? StrengthMg { get; set; }

    /// <summary>True for the ingredient code: a dose in mg needs no product change.</summary>
    public bool Ingredient { get; set; }
}

/// <summary>A condition coding that gives the indication. A code ending in <c>*</c> (ICD-10-CM <c>M05.*</c>) matches every
/// code that starts with what comes before it.</summary>
public sealed class IndicationCode
{
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";

    public string System { get; set; } = "";

    public string Code { get; set; } = "";

    public Indication Indication { get; set; }

    /// <summary>True when this entry matches a coding.</summary>
    public bool Matches(string? system, string? code) =>
        system == System && code is not null
        && (Code.EndsWith('*') ? code.StartsWith(Code[..^1], StringComparison.OrdinalIgnoreCase) : string.Equals(code, Code, StringComparison.OrdinalIgnoreCase));
}

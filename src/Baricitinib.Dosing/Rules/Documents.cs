using Baricitinib.Dosing.Model;

namespace Baricitinib.Dosing.Rules;

/// <summary>
/// The catalogue of the public documents behind every source, in one place (docs/evidence.md, source list).
/// </summary>
public static class Documents
{
    private const string WebPageNote = "A web page found online, shown because clinicians meet it; it is not a regulatory document.";

    /// <summary>OLUMIANT US prescribing information.</summary>
    public static SourceDocument FdaPi { get; } = new(
        "OLUMIANT (baricitinib) tablets: US Prescribing Information", "US PI", "Eli Lilly and Company / US FDA",
        "NDA 207924; DailyMed set id 866e9f35-9035-4581-a4b1-75a621ab55cf", "rev. 06/2026",
        new Uri("https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=866e9f35-9035-4581-a4b1-75a621ab55cf"),
        DocumentKind.RegulatoryLabel)
    {
        // The rules were checked against the revision labelled 06/2026, in the record last updated 18 Sep 2026 (the
        // public FDA label record of this set id; docs/operations.md, "Label currency"). A revision published after that date is newer.
        Watch = new DocumentWatch("US prescribing information", "866e9f35-9035-4581-a4b1-75a621ab55cf", new DateOnly(2026, 9, 18)),
    };

    /// <summary>FDA EUA fact sheet for healthcare providers, COVID-19 in children 2 to &lt;18 years.</summary>
    public static SourceDocument FdaEua { get; } = new(
        "Fact Sheet for Healthcare Providers: Emergency Use Authorization of Baricitinib (hospitalised patients 2 to <18 years with COVID-19)",
        "FDA EUA fact sheet", "US FDA (issued to Eli Lilly and Company)",
        "EUA for baricitinib; fact sheet and letter of authorization published by the manufacturer", "revision as listed at the link",
        new Uri("https://www.covid19.lilly.com/baricitinib/hcp"), DocumentKind.EmergencyUseAuthorization,
        "An emergency use authorization, not an approval; it may have ended: check that it is still in force.");

    /// <summary>Olumiant EU summary of product characteristics (EPAR product information).</summary>
    public static SourceDocument EuSmpc { get; } = new(
        "Olumiant: Summary of Product Characteristics (EPAR product information)", "EU SmPC",
        "European Medicines Agency / European Commission", "EMEA/H/C/004085", "rev. 10/2023",
        new Uri("https://www.ema.europa.eu/en/medicines/human/EPAR/olumiant"), DocumentKind.RegulatoryLabel);

    /// <summary>The seed web article's calculator widget.</summary>
    public static SourceDocument SeedArticleCalculator { get; } = new(
        "Web article \"Baricitinib Mechanism of Action in Autoimmune Disorders\" (22 Oct 2025): its renal dosing calculator widget",
        "Web article calculator", "third-party web page", null, "22 Oct 2025", null, DocumentKind.ThirdPartyWebPage, WebPageNote);

    /// <summary>The seed web article's text.</summary>
    public static SourceDocument SeedArticleText { get; } = new(
        "Web article \"Baricitinib Mechanism of Action in Autoimmune Disorders\" (22 Oct 2025): article text",
        "Web article text", "third-party web page", null, "22 Oct 2025", null, DocumentKind.ThirdPartyWebPage, WebPageNote);

    /// <summary>The seed online drug monograph.</summary>
    public static SourceDocument SeedMonograph { get; } = new(
        "Online drug monograph \"Baricitinib\" (rxhive, last modified 22 Sep 2025)",
        "Online monograph (rxhive)", "third-party web page", null, "last modified 22 Sep 2025", null, DocumentKind.ThirdPartyWebPage, WebPageNote);

    /// <summary>How a product choice is cited to users (never a file name).</summary>
    public const string Reading = "This calculator's reading: ";
}

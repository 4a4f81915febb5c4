using Baricitinib.Dosing.Model;
using Baricitinib.Dosing.Rules;

namespace Baricitinib.Dosing.Tests.Rules;

/// <summary>Whether a published revision is newer than the one the rules were checked against.</summary>
public class LabelCurrencyTests
{
    private static readonly DocumentWatch Watch = Documents.FdaPi.Watch!;
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_US_prescribing_information_is_watched_from_the_revision_published_on_18_September_2026_and_nothing_else_is()
    {
        Assert.Equal("866e9f35-9035-4581-a4b1-75a621ab55cf", Watch.DailyMedSetId);
        Assert.Equal(new DateOnly(2026, 9, 18), Watch.CheckedPublished);
        Assert.Null(Documents.EuSmpc.Watch);
        Assert.Null(Documents.FdaEua.Watch);
        Assert.Null(Documents.SeedMonograph.Watch);
    }

    [Fact]
    public void A_history_whose_newest_revision_is_the_checked_one_is_current()
    {
        var currency = DocumentCurrency.From(Watch, [new(20, new DateOnly(2026, 9, 18)), new(19, new DateOnly(2025, 3, 2))], Now);
        Assert.Equal(CurrencyStatus.Current, currency.Status);
        Assert.Equal("18 Sep 2026", currency.CheckedRevision);
        Assert.Equal("18 Sep 2026, version 20", currency.LatestRevision);
        Assert.Equal(Now, currency.LastChecked);
    }

    [Fact]
    public void A_revision_published_the_day_after_the_checked_one_is_newer()
    {
        var currency = DocumentCurrency.From(Watch, [new(21, new DateOnly(2026, 9, 19)), new(20, new DateOnly(2026, 9, 18))], Now);
        Assert.Equal(CurrencyStatus.NewerAvailable, currency.Status);
        Assert.Equal("19 Sep 2026, version 21", currency.LatestRevision);
        Assert.Equal("The US prescribing information was revised on 19 Sep 2026, after this calculator's rules were checked (rev. 18 Sep 2026): check the current label.",
            Watch.NewerNotice(currency));
    }

    [Fact]
    public void A_higher_version_than_the_recorded_one_is_newer_even_on_the_same_day()
    {
        var watch = Watch with { CheckedVersion = 20 };
        Assert.Equal(CurrencyStatus.NewerAvailable, DocumentCurrency.From(watch, [new(21, new DateOnly(2026, 9, 18))], Now).Status);
        Assert.Equal(CurrencyStatus.Current, DocumentCurrency.From(watch, [new(20, new DateOnly(2026, 9, 18))], Now).Status);
    }

    [Fact]
    public void An_empty_history_is_unknown_and_a_document_nobody_watches_is_not_watched()
    {
        var empty = DocumentCurrency.From(Watch, [], Now);
        Assert.Equal(CurrencyStatus.Unknown, empty.Status);
        Assert.Null(empty.LatestRevision);
        Assert.Equal(CurrencyStatus.NotWatched, DocumentCurrency.NotWatched.Status);
        Assert.Null(DocumentCurrency.NotWatched.CheckedRevision);
    }
}

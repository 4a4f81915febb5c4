using Baricitinib.Dosing.Rules;
using Baricitinib.Web.Components.Calculator;

namespace Baricitinib.Web.Tests.Components.Calculator;

/// <summary>The public document behind a source, drawn as one piece of markup made once per document.</summary>
public class DocumentLinkTests : WebTestContext
{
    [Fact]
    public void A_document_with_a_link_and_a_note_is_drawn_with_its_name_kind_and_note()
    {
        var drawn = Draw(Documents.FdaEua);

        var document = drawn.Find("[data-testid=document]");
        Assert.Equal("emergency-use-authorization", document.GetAttribute("data-kind"));
        var link = drawn.Find("a[data-testid=document-link]");
        Assert.Equal(Documents.FdaEua.Url!.ToString(), link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal(Documents.FdaEua.Title, link.TextContent);
        Assert.Equal($"(emergency use authorization, {Documents.FdaEua.Revision})", drawn.Find(".document-kind").TextContent);
        Assert.Equal(Documents.FdaEua.Explanation, drawn.Find("[data-testid=document-note]").TextContent);
    }

    [Fact]
    public void Every_text_and_attribute_of_a_document_is_encoded()
    {
        var hostile = new SourceDocument("<script>alert(1)</script> & \"quoted\"", "X", "Issuer", null, "rev. <1>",
            new Uri("https://example.org/a?b=1&c=\"2\""), DocumentKind.RegulatoryLabel, "note <b>bold</b>");

        var markup = DocumentLink.Markup(hostile).Value;
        var drawn = Draw(hostile);

        Assert.DoesNotContain("<script>", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markup, StringComparison.Ordinal);
        Assert.Equal(hostile.Title, drawn.Find("a").TextContent);
        Assert.Equal(hostile.Url!.ToString(), drawn.Find("a").GetAttribute("href"));
        Assert.Equal("(regulatory label, rev. <1>)", drawn.Find(".document-kind").TextContent);
        Assert.Equal("note <b>bold</b>", drawn.Find("[data-testid=document-note]").TextContent);
        Assert.Empty(drawn.FindAll("script, b"));
    }

    [Fact]
    public void A_document_without_a_link_names_itself_in_plain_text_and_is_made_once()
    {
        var unlinked = Documents.FdaPi with { Url = null, Explanation = null };

        var drawn = Draw(unlinked);

        Assert.Empty(drawn.FindAll("a"));
        Assert.Empty(drawn.FindAll("[data-testid=document-note]"));
        Assert.Equal(unlinked.Title, drawn.Find("[data-testid=document] > span:first-child").TextContent);
        Assert.Same(DocumentLink.Markup(unlinked).Value, DocumentLink.Markup(unlinked).Value);
    }

    [Fact]
    public void No_document_draws_nothing() => Assert.Empty(Draw(null).Markup);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Draw(SourceDocument? document) =>
        Render(builder => builder.AddContent(0, DocumentLink.Markup(document)));
}

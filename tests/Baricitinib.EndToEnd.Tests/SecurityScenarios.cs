namespace Baricitinib.EndToEnd.Tests;

/// <summary>The page works under its Content-Security-Policy, and the real server sends no Server header.</summary>
public class SecurityScenarios(AppFixture app) : PageTest(app)
{
    private static readonly string[] Paths = ["/", "/api/v1/sources", "/healthz"];

    [Fact]
    public Task The_page_works_with_no_Content_Security_Policy_violation() =>
        RunAsync("csp", async page =>
        {
            var violations = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    violations.Add(message.Text);
                }
            };
            await OpenAsync(page);
            await page.GetByLabel("Indication").SelectOptionAsync("covid-19");
            await page.GetByLabel("Age (years)").FillAsync("60");
            await page.GetByLabel("eGFR (mL/min/1.73 m²)").FillAsync("45");
            await Expect(Dose(page)).ToHaveTextAsync("2 mg once daily");
            await page.GotoAsync("/sources");
            await Expect(page.GetByTestId("conflict-matrix")).ToBeVisibleAsync();
            Assert.Empty(violations);
        });

    [Fact]
    public Task The_server_sends_security_headers_and_no_Server_header() =>
        RunAsync("headers", async page =>
        {
            foreach (var path in Paths)
            {
                var response = await page.APIRequest.GetAsync(path);
                Assert.Equal(200, response.Status);
                Assert.False(response.Headers.ContainsKey("server"), $"{path} sends a Server header.");
                Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
                Assert.Contains("frame-ancestors 'none'", response.Headers["content-security-policy"], StringComparison.Ordinal);
            }
        });
}

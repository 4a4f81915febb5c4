using Baricitinib.Web.Api;
using Baricitinib.Web.Application;
using Baricitinib.Web.Cds;
using Baricitinib.Web.Hosting;
using Baricitinib.Web.LabelCurrency;
using Baricitinib.Web.Pipeline;

try
{
    var builder = WebApplication.CreateBuilder(args);
    StartChecks.Check(builder.Configuration);
    builder.AddServiceDefaults();                             // settings, Redis, telemetry, Serilog, shutdown, health, proxies
    builder.Services.AddCalculator();                         // the rules engine and the page
    builder.Services.AddDoseApi();                            // problems, JSON, compression, OpenAPI, rate limit
    builder.Services.AddCdsHooks(builder.Configuration);      // the CDS Hooks service
    builder.Services.AddLabelWatch(builder.Configuration);    // the US label's revisions on DailyMed

    var app = builder.Build();
    StartChecks.ValidateOptions(app.Services); // before anything logs: a refusal is the only line
    app.UseCalculatorPipeline();
    app.MapDefaultEndpoints();
    app.MapOpenApi().AllowHead();
    app.MapDoseApi();
    app.MapCdsHooks();
    app.MapCalculator();
    app.Run();
    return 0;
}
catch (Exception ex) when (StartChecks.Refusal(ex) is { } refusal)
{
    // A refused start (a bad setting, Redis unreachable at start): one line naming the key, exit code 1.
    Console.Error.WriteLine(refusal);
    return 1;
}

/// <summary>The app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;

// Answers GET and POST /api/v1/dose with the bytes of BASELINE_BODY (a response captured from the product), with the
// same content type and cache headers, and nothing else: no logging, no rate limiter, no engine, no serializer.
var body = await File.ReadAllBytesAsync(Environment.GetEnvironmentVariable("BASELINE_BODY")
    ?? throw new InvalidOperationException("Set BASELINE_BODY to a file with the response to serve."));
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var app = builder.Build();

Task Canned(HttpContext context) => Baricitinib.Benchmarks.Shared.CannedAnswer.Write(context, body);

app.MapGet("/api/v1/dose", Canned);
app.MapPost("/api/v1/dose", Canned);
app.Run();

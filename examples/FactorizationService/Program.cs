using System;
using System.IO;
using System.Linq;
using FactorizationService;
using FactorizationService.Bindings;
using FactorizationService.Bindings.Wittools.Factorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The factorization microservice (issue 12): `dotnet run --project examples/FactorizationService -- --urls http://127.0.0.1:5087`,
// then `curl http://127.0.0.1:5087/factor/600851475143`. Settings (command line `--Factorizer:Key=value`, environment
// `Factorizer__Key`, or appsettings.json): Implementation (`component`, the default, or `plain`), Component (the .wat or
// .wasm file), CacheDirectory (compiled components), MaxIdleInstances, WarmInstances.
// settings and the component are read next to the program, whatever the working directory
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ServiceJson.Default));

var settings = builder.Configuration.GetSection("Factorizer");
string implementation = settings["Implementation"] ?? "component";
builder.Services.AddSingleton<Progress.IHost, ProgressLogger>();
builder.Services.AddSingleton<IFactorizerSource>(services =>
{
    var progress = services.GetRequiredService<Progress.IHost>();
    if (implementation == "plain") return new PlainFactorizerSource(progress);
    if (implementation != "component") throw new InvalidOperationException($"Factorizer:Implementation is `{implementation}`; expected `component` or `plain`");
    string component = settings["Component"] ?? Path.Combine(AppContext.BaseDirectory, "factorizer.wat");
    string cache = settings["CacheDirectory"] ?? Path.Combine(Path.GetTempPath(), "wittools-factorization-cache");
    var pool = new ComponentFactorizerPool(component, cache, progress, settings.GetValue("MaxIdleInstances", 4 * Environment.ProcessorCount));
    pool.Warm(settings.GetValue("WarmInstances", Environment.ProcessorCount));
    return pool;
});

var app = builder.Build();
var source = app.Services.GetRequiredService<IFactorizerSource>(); // compile and warm up before the first request
app.Logger.LogInformation("factorizer: {Implementation}", implementation);

app.MapGet("/health", () => Results.Text("ok"));

app.MapGet("/factor/{n}", (string n, string? algorithm, string? budget) =>
{
    if (!ulong.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong number))
        return Results.Json(new ErrorResponse("invalid-number", $"{n} is not a number from 0 to 18446744073709551615"), ServiceJson.Default.ErrorResponse, statusCode: 400);
    Types.Algorithm chosen;
    switch (algorithm ?? "automatic")
    {
        case "automatic": chosen = Types.Algorithm.Automatic; break;
        case "pollard-rho": chosen = Types.Algorithm.PollardRho; break;
        case "trial-division": chosen = Types.Algorithm.TrialDivision; break;
        default:
            return Results.Json(new ErrorResponse("invalid-algorithm", $"{algorithm} is not one of automatic, pollard-rho, trial-division"), ServiceJson.Default.ErrorResponse, statusCode: 400);
    }
    ulong? steps = null;
    if (budget is not null)
    {
        if (!ulong.TryParse(budget, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong parsed))
            return Results.Json(new ErrorResponse("invalid-budget", $"{budget} is not a number of steps"), ServiceJson.Default.ErrorResponse, statusCode: 400);
        steps = parsed;
    }

    using var lease = source.Rent();
    try
    {
        var result = lease.Factorizer.Factor(number, chosen, steps);
        return Results.Json(new FactorResponse(result.N, result.Factors.Select(p => new PrimePowerResponse(p.Prime, p.Exponent)).ToArray()), ServiceJson.Default.FactorResponse);
    }
    catch (WitException<Types.FactorError> error)
    {
        // the WIT error case, by its WIT name, as a 422 with what it carries
        var body = error.Value switch
        {
            Types.FactorError.NoFactorization none => new FactorErrorResponse(number, "no-factorization", null, null),
            Types.FactorError.BudgetExhausted partial => new FactorErrorResponse(number, "budget-exhausted",
                partial.Value.Found.Select(p => new PrimePowerResponse(p.Prime, p.Exponent)).ToArray(), partial.Value.RemainingCofactor),
            _ => new FactorErrorResponse(number, "cancelled", null, null),
        };
        return Results.Json(body, ServiceJson.Default.FactorErrorResponse, statusCode: 422);
    }
    catch (WitComponentTrapException trap)
    {
        // the instance is dropped when the lease comes back (Store.TrappedIn); the next request gets a fresh one
        app.Logger.LogError(trap, "the component trapped factoring {N}", number);
        return Results.Json(new ErrorResponse("component-trapped", trap.Message), ServiceJson.Default.ErrorResponse, statusCode: 500);
    }
});

app.Run();

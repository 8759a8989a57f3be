using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;

namespace WitTools.Examples.Tests;

/// <summary>The component-backed service, started once for the class.</summary>
public sealed class ComponentService : IDisposable
{
    // the progress reports are Debug messages of the service's log
    public ServiceProcess Service { get; } = new("--Logging:LogLevel:FactorizationService.ProgressLogger=Debug");

    public void Dispose() => Service.Dispose();
}

/// <summary>
/// examples/FactorizationService, the real server on loopback: GET /factor/{n} answered by pooled instances of the WAT
/// component through the generated host bindings; WIT errors as 422 naming the error case, bad input as 400.
/// </summary>
public sealed class FactorizationServiceTests : IClassFixture<ComponentService>
{
    private readonly ServiceProcess _service;

    public FactorizationServiceTests(ComponentService fixture) => _service = fixture.Service;

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> Get(string path)
    {
        using var response = await _service.Client.GetAsync(path);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    private static string Factors(JsonElement body) =>
        string.Join(" * ", body.GetProperty("factors").EnumerateArray().Select(f =>
            f.GetProperty("exponent").GetUInt32() == 1 ? f.GetProperty("prime").GetUInt64().ToString() : f.GetProperty("prime").GetUInt64() + "^" + f.GetProperty("exponent").GetUInt32()));

    [Fact]
    public async Task TheReadmeExample()
    {
        var (status, body, _) = await Get("factor/600851475143");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("71 * 839 * 1471 * 6857", Factors(body));
    }

    [Fact]
    public async Task ProgressGoesToTheServiceLog()
    {
        var (status, _, _) = await Get("factor/1234567890");
        Assert.Equal(HttpStatusCode.OK, status);
        // the console logger writes from its own queue: wait for it, bounded
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!_service.Output.Contains("factoring 1234567890: 100% factored") && clock.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        Assert.Contains("factoring 1234567890: 0% starting", _service.Output);
        Assert.Contains("factoring 1234567890: 100% factored", _service.Output);
    }

    [Fact]
    public async Task TheJsonShape()
    {
        var (status, _, text) = await Get("factor/360");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"n":360,"factors":[{"prime":2,"exponent":3},{"prime":3,"exponent":2},{"prime":5,"exponent":1}]}""", text);
    }

    [Theory]
    [InlineData("18446744073709551557", "18446744073709551557")] // the largest 64-bit prime
    [InlineData("18446743979220271189", "4294967279 * 4294967291")] // two 32-bit primes
    [InlineData("18446744030759878681", "4294967291^2")]
    [InlineData("18446744073709551615", "3 * 5 * 17 * 257 * 641 * 65537 * 6700417")]
    [InlineData("2", "2")]
    [InlineData("9223372036854775808", "2^63")]
    public async Task EveryU64AnswersFast(string n, string expected)
    {
        var (status, body, _) = await Get("factor/" + n);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(n, body.GetProperty("n").GetUInt64().ToString());
        Assert.Equal(expected, Factors(body));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public async Task ZeroAndOneNameTheErrorCase(string n)
    {
        var (status, _, text) = await Get("factor/" + n);
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("{\"n\":" + n + ",\"error\":\"no-factorization\"}", text);
    }

    [Fact]
    public async Task AnExhaustedBudgetCarriesThePartialResult()
    {
        var (status, _, text) = await Get("factor/7985954879901683768?algorithm=trial-division&budget=1000");
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("""{"n":7985954879901683768,"error":"budget-exhausted","found":[{"prime":2,"exponent":3}],"remainingCofactor":998244359987710471}""", text);
    }

    [Theory]
    [InlineData("factor/18446744073709551616", "invalid-number")]
    [InlineData("factor/-1", "invalid-number")]
    [InlineData("factor/12x", "invalid-number")]
    [InlineData("factor/12?algorithm=guess", "invalid-algorithm")]
    [InlineData("factor/12?budget=lots", "invalid-budget")]
    public async Task BadInputIsA400(string path, string error)
    {
        var (status, body, _) = await Get(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ConcurrentRequestsUsePooledInstances()
    {
        var numbers = Enumerable.Range(0, 64).Select(i => 1_000_003UL * (ulong)(i + 2)).ToArray();
        var answers = await Task.WhenAll(numbers.Select(n => Get("factor/" + n)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers.Zip(numbers), pair => Assert.Equal(pair.Second, pair.First.Body.GetProperty("n").GetUInt64()));
    }
}

using System;
using System.Net;
using System.Threading.Tasks;

namespace WitTools.Examples.Tests;

/// <summary>The service with <c>--Factorizer:Implementation=plain</c> (the load test's baseline) answers alike.</summary>
public sealed class PlainServiceTests
{
    [Fact]
    public async Task ThePlainBaselineServesTheSameJson()
    {
        using var service = new ServiceProcess("--Factorizer:Implementation=plain");
        Assert.Equal("""{"n":360,"factors":[{"prime":2,"exponent":3},{"prime":3,"exponent":2},{"prime":5,"exponent":1}]}""",
            await service.Client.GetStringAsync("factor/360"));
        using var zero = await service.Client.GetAsync("factor/0");
        Assert.Equal((HttpStatusCode)422, zero.StatusCode);
        Assert.Contains("factorizer: plain", service.Output);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using FactorizationComponent;
using FactorizationComponent.Wittools.Factorization;

namespace WitTools.Examples.Tests;

/// <summary>
/// examples/FactorizationComponent: the factorization world implemented in C# with the source generator (what
/// componentize-dotnet would turn into a component), its logic tested in plain .NET the documented way (README step 7,
/// docs/type-mapping.md "Imports outside a component"): the contract's members are called directly and the imported
/// `progress` is a fake implementing its import contract <c>Progress.IHost</c>, provided with <c>WitImports.Provide</c>.
/// </summary>
public sealed class FactorizationComponentTests
{
    private sealed class FakeProgress : Progress.IHost
    {
        public List<(ulong N, byte Percent, string Message)> Reports { get; } = new();

        public void Report(ulong n, byte percent, string message) => Reports.Add((n, percent, message));
    }

    private readonly FakeProgress _progress = new();

    private static Factorizer Create() => new();

    private IDisposable ProvideProgress() => WitImports.Provide(_progress);

    private static string Show(Types.Factorization f) =>
        string.Join(" * ", f.Factors.Select(p => p.Exponent == 1 ? p.Prime.ToString() : p.Prime + "^" + p.Exponent));

    [Fact]
    public void WithoutAProgressImplementationTheImportSaysHowToProvideOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create().Factor(360, Types.Algorithm.Automatic, null));
        Assert.Contains("`wittools:factorization/progress@0.1.0#report` is a WebAssembly import", error.Message);
        Assert.Contains("Progress.IHost", error.Message);
        Assert.Contains("WitImports.Provide(", error.Message);
    }

    [Theory]
    [InlineData(360UL, "2^3 * 3^2 * 5")]
    [InlineData(600851475143UL, "71 * 839 * 1471 * 6857")]
    [InlineData(18446744073709551557UL, "18446744073709551557")]
    [InlineData(18446743979220271189UL, "4294967279 * 4294967291")]
    [InlineData(18446744030759878681UL, "4294967291^2")]
    [InlineData(18446744073709551615UL, "3 * 5 * 17 * 257 * 641 * 65537 * 6700417")]
    [InlineData(9223372036854775808UL, "2^63")]
    public void Factors(ulong n, string expected)
    {
        using var imports = ProvideProgress();
        var factorizer = Create();
        Assert.Equal(expected, Show(factorizer.Factor(n, Types.Algorithm.Automatic, null)));
        Assert.Equal(new[] { (n, (byte)0, "starting"), (n, (byte)100, "factored") }, _progress.Reports);
    }

    [Fact]
    public void ZeroAndOneAreErrorsWithoutProgress()
    {
        using var imports = ProvideProgress();
        var factorizer = Create();
        Assert.Equal(new Types.FactorError.NoFactorization(0), Assert.Throws<WitException<Types.FactorError>>(() => factorizer.Factor(0, Types.Algorithm.Automatic, null)).Value);
        Assert.Equal(new Types.FactorError.NoFactorization(1), Assert.Throws<WitException<Types.FactorError>>(() => factorizer.Factor(1, Types.Algorithm.PollardRho, 5)).Value);
        Assert.Empty(_progress.Reports);
    }

    [Fact]
    public void TheBudgetRunsOut()
    {
        using var imports = ProvideProgress();
        var error = Assert.Throws<WitException<Types.FactorError>>(() => Create().Factor(8UL * 998244359987710471UL, Types.Algorithm.TrialDivision, 1000));
        var partial = Assert.IsType<Types.FactorError.BudgetExhausted>(error.Value).Value;
        Assert.Equal(new[] { new Types.PrimePower(2, 3) }, partial.Found);
        Assert.Equal(998244359987710471UL, partial.RemainingCofactor);
    }

    [Fact]
    public void IsPrime()
    {
        var factorizer = Create();
        Assert.True(factorizer.IsPrime(18446744073709551557UL));
        Assert.False(factorizer.IsPrime(18446743979220271189UL));
        Assert.False(factorizer.IsPrime(0));
        Assert.True(factorizer.IsPrime(2));
    }

    [Fact]
    public void Batches()
    {
        var factorizer = Create();
        using var batch = factorizer.CreateBatch(Types.ReportOptions.SortDescending | Types.ReportOptions.Verify);
        Assert.Equal(0u, batch.Push(12));
        Assert.Equal(1u, batch.Push(0));
        var results = batch.Run();
        Assert.Equal(new Types.Factorization(12, new[] { new Types.PrimePower(3, 1), new Types.PrimePower(2, 2) }), results[0].Value);
        Assert.Equal(new Types.FactorError.NoFactorization(0), results[1].Error);

        using var trivial = factorizer.CreateBatch(Types.ReportOptions.IncludeTrivial);
        trivial.Push(1);
        Assert.Equal(new Types.Factorization(1, Array.Empty<Types.PrimePower>()), trivial.Run()[0].Value);

        using var merged = factorizer.BatchMerge(batch, trivial);
        Assert.Equal(3u, merged.Len());
        var queue = ((PrimeBatch)merged).Queue;
        merged.Dispose(); // no handle refers to it: destroyed at once, OnDestroy clears it
        Assert.Empty(queue);
        Assert.Equal(2u, batch.Len());
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using FactorizationComponent;
using FactorizationComponent.Wittools.Factorization;

namespace WitTools.Examples.Tests;

/// <summary>
/// examples/FactorizationComponent: the factorization world implemented in C# with the source generator (what
/// componentize-dotnet would turn into a component), its logic tested in plain .NET: the contract's members are called
/// directly and the imported `progress` is a fake sink recording the reports.
/// </summary>
public sealed class FactorizationComponentTests
{
    private readonly List<(ulong N, byte Percent, string Message)> _reports = new();

    private Factorizer Create() => new((n, percent, message) => _reports.Add((n, percent, message)));

    private static string Show(Types.Factorization f) =>
        string.Join(" * ", f.Factors.Select(p => p.Exponent == 1 ? p.Prime.ToString() : p.Prime + "^" + p.Exponent));

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
        var factorizer = Create();
        Assert.Equal(expected, Show(factorizer.Factor(n, Types.Algorithm.Automatic, null)));
        Assert.Equal(new[] { (n, (byte)0, "starting"), (n, (byte)100, "factored") }, _reports);
    }

    [Fact]
    public void ZeroAndOneAreErrorsWithoutProgress()
    {
        var factorizer = Create();
        Assert.Equal(new Types.FactorError.NoFactorization(0), Assert.Throws<WitException<Types.FactorError>>(() => factorizer.Factor(0, Types.Algorithm.Automatic, null)).Value);
        Assert.Equal(new Types.FactorError.NoFactorization(1), Assert.Throws<WitException<Types.FactorError>>(() => factorizer.Factor(1, Types.Algorithm.PollardRho, 5)).Value);
        Assert.Empty(_reports);
    }

    [Fact]
    public void TheBudgetRunsOut()
    {
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

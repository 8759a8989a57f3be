using System;
using System.IO;
using System.Linq;
using FactorizationService;
using Host = FactorizationService.Bindings.Wittools.Factorization;
using Guest = FactorizationComponent.Wittools.Factorization;

namespace WitTools.Examples.Tests;

/// <summary>
/// The two implementations of the factorization world agree: the WAT component (run by Wasmtime through the service's
/// host bindings) and the C# component (run in-process), on seeded random 64-bit numbers and on hard ones (products of
/// two large primes), for every algorithm; and the plain baseline the load test compares against.
/// </summary>
public sealed class ComponentAgreementTests : IDisposable
{
    private readonly ComponentFactorizerPool _pool;

    // the progress of both, one class: `Progress.IHost` is the import contract of guest and host bindings alike (the
    // service's host bindings and the component's guest bindings are generated into their own namespaces, hence the
    // two namespaces, but the interface and its member are the same)
    private sealed class Quiet : Host.Progress.IHost, Guest.Progress.IHost
    {
        public void Report(ulong n, byte percent, string message) { }
    }

    public ComponentAgreementTests()
    {
        string wat = Path.Combine(AppContext.BaseDirectory, "factorizer.wat");
        _pool = new ComponentFactorizerPool(wat, Path.Combine(Path.GetTempPath(), "wittools-examples-tests-cache"), new Quiet(), maxIdle: 2);
    }

    public void Dispose() => _pool.Dispose();

    private static string Show(ulong n, Func<string> factor)
    {
        try
        {
            return factor();
        }
        catch (FactorizationService.Bindings.WitException<Host.Types.FactorError> e)
        {
            return e.Value is Host.Types.FactorError.BudgetExhausted b
                ? "budget " + string.Join(",", b.Value.Found.Select(f => f.Prime + "^" + f.Exponent)) + " rest " + b.Value.RemainingCofactor
                : "error " + e.Value.GetType().Name;
        }
        catch (FactorizationComponent.WitException<Guest.Types.FactorError> e)
        {
            return e.Value is Guest.Types.FactorError.BudgetExhausted b
                ? "budget " + string.Join(",", b.Value.Found.Select(f => f.Prime + "^" + f.Exponent)) + " rest " + b.Value.RemainingCofactor
                : "error " + e.Value.GetType().Name;
        }
    }

    [Fact]
    public void TheWatAndCSharpComponentsAndThePlainBaselineAgree()
    {
        var random = new Random(20261205);
        var numbers = Enumerable.Range(0, 300).Select(_ => (ulong)random.NextInt64(long.MinValue, long.MaxValue)).ToList();
        ulong[] primes = { 4294967291, 4294967279, 4294967231, 3037000493, 2147483647, 1000000007, 998244353 };
        foreach (ulong p in primes)
            foreach (ulong q in primes)
                if (p <= q && (UInt128)p * q <= ulong.MaxValue) numbers.Add(p * q);
        numbers.AddRange(new ulong[] { 0, 1, 2, 3, 4, ulong.MaxValue, ulong.MaxValue - 58 });

        using var imports = FactorizationComponent.WitImports.Provide(new Quiet());
        var csharp = new FactorizationComponent.Factorizer();
        var plain = new PlainFactorizer(new Quiet());
        using var lease = _pool.Rent();
        foreach (ulong n in numbers)
        {
            foreach (var (hostAlgorithm, guestAlgorithm) in new[] { (Host.Types.Algorithm.Automatic, Guest.Types.Algorithm.Automatic), (Host.Types.Algorithm.PollardRho, Guest.Types.Algorithm.PollardRho) })
            {
                string wat = Show(n, () => string.Join(",", lease.Factorizer.Factor(n, hostAlgorithm, null).Factors.Select(f => f.Prime + "^" + f.Exponent)));
                string cs = Show(n, () => string.Join(",", csharp.Factor(n, guestAlgorithm, null).Factors.Select(f => f.Prime + "^" + f.Exponent)));
                string baseline = Show(n, () => string.Join(",", plain.Factor(n, hostAlgorithm, null).Factors.Select(f => f.Prime + "^" + f.Exponent)));
                Assert.Equal(wat, cs);
                Assert.Equal(wat, baseline);
            }
            Assert.Equal(lease.Factorizer.IsPrime(n), csharp.IsPrime(n));
        }
        // trial division with a budget: the same partial results
        foreach (ulong n in numbers.Take(40))
        {
            string wat = Show(n, () => string.Join(",", lease.Factorizer.Factor(n, Host.Types.Algorithm.TrialDivision, 5000).Factors.Select(f => f.Prime + "^" + f.Exponent)));
            string cs = Show(n, () => string.Join(",", csharp.Factor(n, Guest.Types.Algorithm.TrialDivision, 5000).Factors.Select(f => f.Prime + "^" + f.Exponent)));
            Assert.Equal(wat, cs);
        }
    }
}

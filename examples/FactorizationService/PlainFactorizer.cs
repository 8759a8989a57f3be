using System;
using System.Collections.Generic;
using System.Linq;
using FactorizationComponent;
using FactorizationService.Bindings;
using FactorizationService.Bindings.Wittools.Factorization;

namespace FactorizationService;

/// <summary>
/// The component's contract (<c>Factorize.IFactorize</c>, the same C# interface the host bindings' client implements)
/// implemented directly in C# with the C# component's algorithms (examples/FactorizationComponent/Primes.cs): what the
/// service costs without the WebAssembly sandbox. Thread-safe. Batches are not served over HTTP, so it has none.
/// </summary>
public sealed class PlainFactorizer : Factorize.IFactorize
{
    private readonly Progress.IHost _progress;

    public PlainFactorizer(Progress.IHost progress) => _progress = progress;

    public Types.Factorization Factor(ulong n, Types.Algorithm algorithm, ulong? budget)
    {
        if (n < 2) throw new WitException<Types.FactorError>(new Types.FactorError.NoFactorization(n));
        _progress.Report(n, 0, "starting");
        var outcome = Primes.Factor(n, algorithm == Types.Algorithm.TrialDivision, budget);
        if (outcome.Exhausted)
            throw new WitException<Types.FactorError>(new Types.FactorError.BudgetExhausted(new Types.PartialResult(Powers(outcome.Primes), outcome.Rest)));
        _progress.Report(n, 100, "factored");
        return new Types.Factorization(n, Powers(outcome.Primes));
    }

    public bool IsPrime(ulong n) => Primes.IsPrime(n);

    public Factorize.Batch CreateBatch(Types.ReportOptions options) => throw new NotSupportedException("the plain baseline has no batches");

    public Factorize.Batch BatchMerge(Factorize.Batch a, Factorize.Batch b) => throw new NotSupportedException("the plain baseline has no batches");

    private static Types.PrimePower[] Powers(List<ulong> primes) =>
        primes.GroupBy(p => p).Select(g => new Types.PrimePower(g.Key, (uint)g.Count())).OrderBy(p => p.Prime).ToArray();
}

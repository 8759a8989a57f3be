using System;
using System.Collections.Generic;
using System.Linq;
using FactorizationComponent.Wittools.Factorization;

namespace FactorizationComponent.Wittools.Factorization
{
    public static partial class FactorizerWorld
    {
        // The export `factorize`, reporting progress through the imported `progress` interface.
        private static partial Factorize.IFactorize CreateFactorize() => new FactorizationComponent.Factorizer();
    }
}

namespace FactorizationComponent
{
    /// <summary>
    /// The component's logic: the export contract of `factorize`. Progress goes to the imported `progress.report`: the
    /// host inside a component; in a unit test, the <c>Progress.IHost</c> the test provided with <c>WitImports.Provide</c>.
    /// </summary>
    public sealed class Factorizer : Factorize.IFactorize
    {
        public Types.Factorization Factor(ulong n, Types.Algorithm algorithm, ulong? budget)
        {
            if (n < 2) throw new WitException<Types.FactorError>(new Types.FactorError.NoFactorization(n));
            Progress.Report(n, 0, "starting");
            var outcome = Primes.Factor(n, algorithm == Types.Algorithm.TrialDivision, budget);
            if (outcome.Exhausted)
                throw new WitException<Types.FactorError>(new Types.FactorError.BudgetExhausted(new Types.PartialResult(Powers(outcome.Primes, false), outcome.Rest)));
            Progress.Report(n, 100, "factored");
            return new Types.Factorization(n, Powers(outcome.Primes, false));
        }

        public bool IsPrime(ulong n) => Primes.IsPrime(n);

        public Factorize.Batch CreateBatch(Types.ReportOptions options) => new PrimeBatch(options, Enumerable.Empty<ulong>());

        public Factorize.Batch BatchMerge(Factorize.Batch a, Factorize.Batch b) =>
            new PrimeBatch(((PrimeBatch)a).Options, ((PrimeBatch)a).Queue.Concat(((PrimeBatch)b).Queue));

        /// <summary>Sorted primes (with repeats) as prime powers, ascending or descending.</summary>
        internal static Types.PrimePower[] Powers(List<ulong> primes, bool descending)
        {
            var powers = primes.GroupBy(p => p).Select(g => new Types.PrimePower(g.Key, (uint)g.Count()));
            return (descending ? powers.OrderByDescending(p => p.Prime) : powers.OrderBy(p => p.Prime)).ToArray();
        }
    }

    /// <summary>The exported resource `batch`: numbers queued and factored together.</summary>
    public sealed class PrimeBatch : Factorize.Batch
    {
        public PrimeBatch(Types.ReportOptions options, IEnumerable<ulong> numbers)
        {
            Options = options;
            Queue = new List<ulong>(numbers);
        }

        public Types.ReportOptions Options { get; }

        public List<ulong> Queue { get; }

        public override uint Push(ulong n)
        {
            Queue.Add(n);
            return (uint)Queue.Count - 1;
        }

        public override uint Len() => (uint)Queue.Count;

        public override Result<Types.Factorization, Types.FactorError>[] Run() => Queue.Select(One).ToArray();

        private Result<Types.Factorization, Types.FactorError> One(ulong n)
        {
            if (n < 2)
            {
                return (Options & Types.ReportOptions.IncludeTrivial) != 0
                    ? Result<Types.Factorization, Types.FactorError>.Ok(new Types.Factorization(n, Array.Empty<Types.PrimePower>()))
                    : Result<Types.Factorization, Types.FactorError>.Err(new Types.FactorError.NoFactorization(n));
            }
            var primes = Primes.Factor(n, trialDivisionOnly: false, budget: null).Primes;
            if ((Options & Types.ReportOptions.Verify) != 0 && primes.Aggregate(1UL, (product, p) => product * p) != n)
                throw new InvalidOperationException("the factors of " + n + " do not multiply back to it");
            return Result<Types.Factorization, Types.FactorError>.Ok(
                new Types.Factorization(n, Factorizer.Powers(primes, (Options & Types.ReportOptions.SortDescending) != 0)));
        }

        protected override void OnDestroy() => Queue.Clear();
    }
}

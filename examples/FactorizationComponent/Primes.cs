using System;
using System.Collections.Generic;

namespace FactorizationComponent;

/// <summary>
/// Factoring 64-bit numbers, in plain C# (the same algorithms as examples/FactorizationService/factorizer.wat):
/// Miller-Rabin with the first twelve primes as bases (exact for every u64), trial division by those primes, then
/// Pollard's rho with Brent's cycle detection and batched gcds; 128-bit products through <see cref="UInt128"/>.
/// Used by the C# component (Factorizer) and, linked, by the service's plain in-process baseline.
/// </summary>
public static class Primes
{
    private static readonly ulong[] Small = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37 };

    /// <summary>The outcome of <see cref="Factor"/>: the primes found (ascending, with repeats) and, when the budget ran
    /// out, the part of n not factored yet.</summary>
    public readonly record struct Outcome(List<ulong> Primes, ulong Rest, bool Exhausted);

    public static bool IsPrime(ulong n)
    {
        if (n < 2) return false;
        foreach (ulong p in Small)
        {
            if (n == p) return true;
            if (n % p == 0) return false;
        }
        if (n < 37 * 37) return true;
        ulong d = n - 1;
        int s = System.Numerics.BitOperations.TrailingZeroCount(d);
        d >>= s;
        foreach (ulong a in Small)
        {
            ulong x = PowMod(a, d, n);
            if (x == 1 || x == n - 1) continue;
            bool composite = true;
            for (int j = 1; j < s && composite; j++)
            {
                x = MulMod(x, x, n);
                if (x == n - 1) composite = false;
            }
            if (composite) return false;
        }
        return true;
    }

    /// <summary>Factors n (at least 2). <paramref name="trialDivisionOnly"/>: divide by 2 and the odd numbers up to the
    /// square root; else the small primes, then rho. <paramref name="budget"/> counts steps (a division or a rho iteration).</summary>
    public static Outcome Factor(ulong n, bool trialDivisionOnly, ulong? budget)
    {
        var found = new List<ulong>();
        var steps = new Steps(budget);
        ulong rest = trialDivisionOnly ? TrialDivision(n, found, steps) : RhoFactor(n, found, steps);
        found.Sort();
        return new Outcome(found, steps.Exhausted ? rest : 1, steps.Exhausted);
    }

    private sealed class Steps
    {
        private ulong? _left;

        public Steps(ulong? budget) => _left = budget;

        public bool Exhausted { get; private set; }

        public bool Take()
        {
            if (_left is not { } left) return true;
            if (left == 0)
            {
                Exhausted = true;
                return false;
            }
            _left = left - 1;
            return true;
        }
    }

    private static ulong TrialDivision(ulong m, List<ulong> found, Steps steps)
    {
        for (ulong d = 2; d <= m / d;)
        {
            if (!steps.Take()) return m;
            if (m % d == 0)
            {
                found.Add(d);
                m /= d;
            }
            else
            {
                d += d == 2 ? 1UL : 2UL;
            }
        }
        if (m > 1) found.Add(m);
        return 1;
    }

    private static ulong RhoFactor(ulong m, List<ulong> found, Steps steps)
    {
        foreach (ulong p in Small)
        {
            while (m % p == 0)
            {
                if (!steps.Take()) return m;
                found.Add(p);
                m /= p;
            }
        }
        var work = new Stack<ulong>();
        work.Push(m);
        while (work.Count > 0)
        {
            ulong x = work.Pop();
            if (x <= 1) continue;
            if (IsPrime(x))
            {
                found.Add(x);
                continue;
            }
            ulong d;
            ulong c = 1;
            do
            {
                d = Rho(x, c++, steps);
                if (d == 0)
                {
                    ulong rest = x;
                    while (work.Count > 0) rest *= work.Pop();
                    return rest;
                }
            }
            while (d == x);
            work.Push(d);
            work.Push(x / d);
        }
        return 1;
    }

    /// <summary>A non-trivial divisor of the odd composite n, n when this c fails, 0 when the budget runs out.</summary>
    private static ulong Rho(ulong n, ulong c, Steps steps)
    {
        ulong F(ulong v) => AddMod(MulMod(v, v, n), c, n);
        ulong y = 2, q = 1, g = 1, r = 1, x = 0, ys = 0;
        while (g == 1)
        {
            x = y;
            for (ulong i = 0; i < r; i++)
            {
                if (!steps.Take()) return 0;
                y = F(y);
            }
            for (ulong k = 0; k < r && g == 1; k += 128)
            {
                ys = y;
                ulong limit = Math.Min(128, r - k);
                for (ulong i = 0; i < limit; i++)
                {
                    if (!steps.Take()) return 0;
                    y = F(y);
                    q = MulMod(q, x > y ? x - y : y - x, n);
                }
                g = Gcd(q, n);
            }
            r <<= 1;
        }
        if (g == n)
        {
            do
            {
                if (!steps.Take()) return 0;
                ys = F(ys);
                g = Gcd(x > ys ? x - ys : ys - x, n);
            }
            while (g == 1);
        }
        return g;
    }

    private static ulong MulMod(ulong a, ulong b, ulong n) => (ulong)((UInt128)a * b % n);

    private static ulong AddMod(ulong a, ulong b, ulong n)
    {
        ulong s = a + b;
        return s < a || s >= n ? s - n : s;
    }

    private static ulong PowMod(ulong b, ulong e, ulong n)
    {
        ulong result = 1;
        b %= n;
        while (e > 0)
        {
            if ((e & 1) != 0) result = MulMod(result, b, n);
            b = MulMod(b, b, n);
            e >>= 1;
        }
        return result;
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}

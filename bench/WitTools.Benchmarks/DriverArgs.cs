using System;
using System.Collections.Generic;
using System.Linq;

namespace WitTools.Benchmarks;

/// <summary>What the drivers that are not BenchmarkDotNet runs (<c>jco</c>, <c>generate-large</c>,
/// <c>host-interleaved</c>) share: reading their options and summarizing repeated measurements.</summary>
internal static class DriverArgs
{
    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or null when it is absent.</summary>
    public static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace WitTools.Benchmarks;

/// <summary>
/// <c>host-interleaved [rounds]</c>: the calls of <see cref="HostBenchmarks"/>, the three ways taking turns within every
/// round (raw C API, typed bindings, ComponentValue), medians per way. BenchmarkDotNet measures one benchmark after
/// another, minutes apart; on a machine shared with other jobs the load changes in between and moves the ratios. Taking
/// turns exposes the three ways to the same load. A check of BenchmarkDotNet's ratios, not a replacement.
/// </summary>
internal static class HostInterleaved
{
    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 60;
        var bench = new HostBenchmarks();
        bench.Setup();
        try
        {
            var groups = new (string Name, int Calls, Func<object>[] Ways)[]
            {
                ("scalar", 20_000, new Func<object>[] { () => bench.ScalarRawCApi(), () => bench.ScalarTyped(), () => bench.ScalarComponentValue() }),
                ("list<u8> 64 KiB", 1, new Func<object>[] { () => bench.BytesRawCApi(), () => bench.BytesTyped(), () => bench.BytesComponentValue() }),
                ("records x100", 20, new Func<object>[] { () => bench.RecordsRawCApi(), () => bench.RecordsTyped(), () => bench.RecordsComponentValue() }),
            };
            var samples = groups.Select(g => g.Ways.Select(_ => new List<double>()).ToArray()).ToArray();
            const int WarmUp = 5;
            for (int round = 0; round < WarmUp + rounds; round++)
            {
                for (int g = 0; g < groups.Length; g++)
                {
                    for (int w = 0; w < groups[g].Ways.Length; w++)
                    {
                        var call = groups[g].Ways[w];
                        long start = Stopwatch.GetTimestamp();
                        for (int i = 0; i < groups[g].Calls; i++) call();
                        if (round >= WarmUp) samples[g][w].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / groups[g].Calls);
                    }
                }
            }
            Console.WriteLine($"{rounds} rounds, medians per call; ratios against the raw C API");
            Console.WriteLine("| call | raw C API | typed bindings | ComponentValue | typed / raw | ComponentValue / typed |");
            Console.WriteLine("|---|---|---|---|---|---|");
            for (int g = 0; g < groups.Length; g++)
            {
                var m = samples[g].Select(s => DriverArgs.Median(s)).ToArray();
                Console.WriteLine($"| {groups[g].Name} | {Show(m[0])} | {Show(m[1])} | {Show(m[2])} | {m[1] / m[0]:F2}× | {m[2] / m[1]:F1}× |");
            }
            return 0;
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static string Show(double microseconds) =>
        microseconds >= 1000 ? $"{microseconds / 1000:F2} ms" : $"{microseconds:F2} µs";
}

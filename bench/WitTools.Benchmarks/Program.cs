using System;
using BenchmarkDotNet.Running;

namespace WitTools.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        // `jco`: the side-by-side comparison with jco's wit-parser (not a BenchmarkDotNet run).
        if (args.Length > 0 && args[0] == "jco") return JcoComparison.Run(args[1..]);
        // `host-interleaved`: HostBenchmarks' calls taking turns, a check of its ratios on a shared machine.
        if (args.Length > 0 && args[0] == "host-interleaved") return HostInterleaved.Run(args[1..]);
        // `generate-large`: `generate` of the 20 MB file as a process (time, peak memory, files and bytes written).
        if (args.Length > 0 && args[0] == "generate-large") return GenerateLarge.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.Benchmarks;

/// <summary>
/// Issue 10's side-by-side measurement, all in one run: warm parse + resolve of each front-end input by our
/// <c>WitLoader.Load</c> (in process) and by jco's wit-parser compiled to WebAssembly and run by node
/// (bench/jco/wit-parse-timer.mjs over an installed @bytecodealliance/jco): each side warmed for 3 s, then one run of each
/// alternating, medians of N (15 by default) of the wall time and of the process CPU time, with our collections and GC
/// pause per load; then <c>wit-bindgen-cs check</c> of wasi-0.2.12/http as a process (NativeAOT and JIT) against one
/// node process doing the same check with jco; and the peak memory of <c>check</c> on a 20 MB file. Prints a Markdown
/// table of times and ratios.
/// With <c>--also-one-thread</c>, each round also times our loader with its parallel read and parse turned off (a row
/// "(one thread)" per input, against the same jco runs; the GC columns then count both of our loads).
/// <code>dotnet run -c Release --project bench/WitTools.Benchmarks -- jco --jco DIR [--runs 5] [--cli PATH] [--native PATH] [--process-only] [--also-one-thread]</code>
/// DIR holds node_modules/@bytecodealliance/jco (install it outside the repository: npm install @bytecodealliance/jco@1.35.0).
/// </summary>
internal static class JcoComparison
{
    public static int Run(string[] args)
    {
        string? jco = DriverArgs.Option(args, "--jco") ?? Environment.GetEnvironmentVariable("WITTOOLS_JCO");
        int runs = int.Parse(DriverArgs.Option(args, "--runs") ?? "15", CultureInfo.InvariantCulture);
        string repo = CorpusLocator.Repository();
        string cli = DriverArgs.Option(args, "--cli") ?? Path.Combine(repo, "tools", "wit-bindgen-cs", "bin", "Release", "net10.0", "wit-bindgen-cs");
        string timer = Path.Combine(repo, "bench", "jco", "wit-parse-timer.mjs");
        if (jco == null || !Directory.Exists(Path.Combine(jco, "node_modules", "@bytecodealliance", "jco")))
        {
            Console.Error.WriteLine("usage: jco --jco DIR (a folder where `npm install @bytecodealliance/jco@1.35.0` was run) [--runs N] [--cli PATH] [--native PATH] [--process-only]");
            return 2;
        }

        if (args.Contains("--process-only"))
        {
            var processes = new StringBuilder();
            ProcessStart(processes, repo, cli, DriverArgs.Option(args, "--native"), jco, timer, runs);
            Console.WriteLine(processes);
            return 0;
        }

        // As the shipped tool runs (wit-bindgen-cs, and its `lsp` server, turn concurrent GC off in their runtimeconfig).
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        bool alsoOneThread = args.Contains("--also-one-thread");
        var table = new StringBuilder();
        // Wall time, and CPU time of the whole process (all threads: JIT, GC, node's helper threads) for the same
        // run, which a loaded machine inflates far less than the wall time.
        table.AppendLine("| input | size | ours (median) | ours MB/s | allocated | jco (median) | ours vs jco | CPU: ours | CPU: jco | CPU ratio | our GCs per load (gen 2) | our GC pause per load |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        using (var jcoServer = new JcoServer(jco, timer))
        {
            foreach (FrontEndInput input in Enum.GetValues(typeof(FrontEndInput)))
            {
                var paths = FrontEndInputs.Paths(input);
                long size = FrontEndInputs.Size(input);
                // Warm both until their code is fully compiled (.NET's tiered JIT promotes a method after 30 calls,
                // in the background; V8 tiers WebAssembly up the same way): at least 3 runs and 3 s each (the
                // methods our process compiles during the measured runs are reported). Then alternate one run of each, so both see the same load on a shared machine.
                Warm(() => LoadAll(paths));
                if (alsoOneThread) Warm(() => LoadAll(paths, OneThread));
                Warm(() => jcoServer.Time(paths));
                var ours = new List<double>();
                var oneThread = new List<double>();
                var oneThreadCpu = new List<double>();
                var theirs = new List<double>();
                var oursCpu = new List<double>();
                var theirsCpu = new List<double>();
                long allocated = 0;
                // Collections during our measured runs (steady state: they include collecting earlier runs' garbage).
                int gcs = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
                var pause = GC.GetTotalPauseDuration();
                long compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
                var jitTimeBefore = System.Runtime.JitInfo.GetCompilationTime();
                void TimeOneThread()
                {
                    var (oneMs, oneCpuMs, _) = TimeOurs(paths, OneThread);
                    oneThread.Add(oneMs);
                    oneThreadCpu.Add(oneCpuMs);
                }
                for (int i = 0; i < runs; i++)
                {
                    // With both of ours, they take turns at going first (the first after jco's run finds colder caches).
                    bool oneThreadFirst = alsoOneThread && i % 2 == 1;
                    if (oneThreadFirst) TimeOneThread();
                    var (ms, cpuMs, bytes) = TimeOurs(paths);
                    ours.Add(ms);
                    oursCpu.Add(cpuMs);
                    allocated = bytes;
                    if (alsoOneThread && !oneThreadFirst) TimeOneThread();
                    var (jcoMs, jcoCpuMs) = jcoServer.Time(paths);
                    theirs.Add(jcoMs);
                    theirsCpu.Add(jcoCpuMs);
                }
                double o = DriverArgs.Median(ours), t = DriverArgs.Median(theirs), oc = DriverArgs.Median(oursCpu), tc = DriverArgs.Median(theirsCpu);
                double gcsPerLoad = (GC.CollectionCount(0) - gcs) / (double)runs, gen2PerLoad = (GC.CollectionCount(2) - gen2) / (double)runs;
                double pauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds / runs;
                table.AppendLine($"| {input} | {size:N0} B | {o:F1} ms | {size / o / 1000:F0} | {allocated / (double)size:F1} B/B | {t:F1} ms | **{t / o:F1}×** | {oc:F1} ms | {tc:F1} ms | {tc / oc:F1}× | {gcsPerLoad:F2} ({gen2PerLoad:F2}) | {pauseMs:F1} ms |");
                if (alsoOneThread)
                {
                    double o1 = DriverArgs.Median(oneThread), oc1 = DriverArgs.Median(oneThreadCpu);
                    table.AppendLine($"| {input} (one thread) | | {o1:F1} ms | {size / o1 / 1000:F0} | | {t:F1} ms | **{t / o1:F1}×** | {oc1:F1} ms | {tc:F1} ms | {tc / oc1:F1}× | | |");
                }
                Console.Error.WriteLine($"{input}: ours {o:F1} ms (CPU {oc:F1}), jco {t:F1} ms (CPU {tc:F1}); methods compiled during the measured runs: " +
                    $"{System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore} ({(System.Runtime.JitInfo.GetCompilationTime() - jitTimeBefore).TotalMilliseconds:F0} ms)");
            }
        }

        table.AppendLine();
        ProcessStart(table, repo, cli, DriverArgs.Option(args, "--native"), jco, timer, runs + 2);
        Console.WriteLine(table);
        return 0;
    }

    private static void Warm(Action run)
    {
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < 3 || stopwatch.Elapsed.TotalSeconds < 3; i++) run();
    }

    /// <summary>The loader with its parallel read and parse of large packages turned off.</summary>
    private static readonly WitLoadOptions OneThread = new() { Parallel = false };

    private static void LoadAll(IReadOnlyList<string> paths, WitLoadOptions? options = null)
    {
        foreach (var path in paths)
        {
            var result = WitLoader.Load(path, FeatureSet.None, null, options);
            if (!result.Success) throw new InvalidOperationException(path + ": " + result.Diagnostics[0]);
        }
    }

    /// <summary>One warm run of our loader over the paths: wall time, process CPU time and bytes allocated.</summary>
    private static (double Ms, double CpuMs, long Allocated) TimeOurs(IReadOnlyList<string> paths, WitLoadOptions? options = null)
    {
        // Steady state, as in a long-running host: the previous run's garbage is collected when the GC decides.
        // All threads: a large package's files are read and parsed on several (the driver's own threads allocate
        // next to nothing while it runs).
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        LoadAll(paths, options);
        double ms = stopwatch.Elapsed.TotalMilliseconds;
        double cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        return (ms, cpuMs, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>A node process running jco's wit-parser, asked for one timed run at a time.</summary>
    private sealed class JcoServer : IDisposable
    {
        private readonly Process _process;

        public JcoServer(string jco, string timer)
        {
            var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            info.ArgumentList.Add(timer);
            info.ArgumentList.Add(jco);
            info.ArgumentList.Add("serve");
            _process = Process.Start(info)!;
        }

        /// <summary>Wall and CPU milliseconds of one run over the paths.</summary>
        public (double Ms, double CpuMs) Time(IReadOnlyList<string> paths)
        {
            _process.StandardInput.WriteLine(string.Join("\t", paths));
            _process.StandardInput.Flush();
            string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("jco timer exited");
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("error", out var error)) throw new InvalidOperationException("jco rejected the input: " + error.GetString());
            return (json.RootElement.GetProperty("ms").GetDouble(), json.RootElement.GetProperty("cpuMs").GetDouble());
        }

        public void Dispose()
        {
            _process.StandardInput.Close();
            _process.WaitForExit(10_000);
            _process.Dispose();
        }
    }

    /// <summary>
    /// <c>check wasi-0.2.12/http</c> as a process: the NativeAOT executable (what <c>dotnet tool install</c> gives on
    /// linux-x64), the JIT-compiled build (what the framework-dependent <c>any</c> package gives elsewhere) and one
    /// node process doing the same check with jco, one run of each per round (so all three see the same load),
    /// medians; then the peak memory of <c>check</c> on a single 20 MB file.
    /// </summary>
    private static void ProcessStart(StringBuilder table, string repo, string cli, string? native, string jco, string timer, int runs)
    {
        native ??= Path.Combine(repo, "tools", "wit-bindgen-cs", "bin", "Release", "net10.0", "linux-x64", "publish", "wit-bindgen-cs");
        string http = FrontEndInputs.Paths(FrontEndInput.WasiHttp)[0];
        table.AppendLine("| process (`check wasi-0.2.12/http`) | median | min | vs one jco process |");
        table.AppendLine("|---|---|---|---|");
        var contenders = new List<(string Name, string Program, string[] Args)>();
        if (File.Exists(native)) contenders.Add(("NativeAOT (the linux-x64 tool package)", native, new[] { "check", http }));
        else table.AppendLine($"| (NativeAOT: publish it first: dotnet publish tools/wit-bindgen-cs -c Release -r linux-x64; not found at {native}) | | | |");
        if (File.Exists(cli)) contenders.Add(("JIT (the framework-dependent `any` package)", cli, new[] { "check", http }));
        else table.AppendLine($"| (JIT: build the CLI first: dotnet build tools/wit-bindgen-cs -c Release; not found at {cli}) | | | |");
        contenders.Add(("one node process checking it with jco", "node", new[] { timer, jco, "once", http }));
        var times = contenders.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < runs; round++)
        {
            for (int i = 0; i < contenders.Count; i++) times[i].Add(TimeProcess(contenders[i].Program, contenders[i].Args));
        }
        double jcoMedian = DriverArgs.Median(times[^1]);
        for (int i = 0; i < contenders.Count; i++)
        {
            double median = DriverArgs.Median(times[i]);
            string ratio = i == contenders.Count - 1 ? "1.0×" : $"**{jcoMedian / median:F1}×** faster";
            table.AppendLine($"| {contenders[i].Name} | {median:F0} ms | {times[i].Min():F0} ms | {ratio} |");
            Console.Error.WriteLine($"{contenders[i].Name}: median {median:F0} ms, min {times[i].Min():F0} ms");
        }

        string shipped = File.Exists(native) ? native : cli;
        if (!File.Exists(shipped)) return;
        string big = Path.Combine(Path.GetTempPath(), "wittools-bench", "single-20MB.wit");
        if (!File.Exists(big))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(big)!);
            File.WriteAllText(big, WitCorpusGenerator.Package(20_000_000), new UTF8Encoding(false));
        }
        var (ms, peakKb) = PeakMemory(shipped, "check", big);
        table.AppendLine($"| `check` of a single 20 MB file ({(shipped == native ? "NativeAOT" : "JIT")}) | {ms:F0} ms | | peak RSS {peakKb / 1024.0:F0} MB |");
    }

    private static double TimeProcess(string program, params string[] args)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = RunProcess(program, args);
        double ms = stopwatch.Elapsed.TotalMilliseconds;
        if (result.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(" ", args)} failed: {result.Stderr}");
        return ms;
    }

    /// <summary>Wall time and peak resident memory (KB) of one run, through GNU time.</summary>
    private static (double Ms, long PeakKb) PeakMemory(string program, params string[] args)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = RunProcess("/usr/bin/time", new[] { "-f", "peak-kb=%M", program }.Concat(args).ToArray());
        double ms = stopwatch.Elapsed.TotalMilliseconds;
        var line = result.Stderr.Split('\n').LastOrDefault(l => l.StartsWith("peak-kb=", StringComparison.Ordinal));
        return (ms, line == null ? -1 : long.Parse(line.Substring(8), CultureInfo.InvariantCulture));
    }

    private static (int ExitCode, string Stdout, string Stderr) RunProcess(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}

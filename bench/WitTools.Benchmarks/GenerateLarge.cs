using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace WitTools.Benchmarks;

/// <summary>
/// Issue 10's `generate` on a large input, as a user runs it: <c>wit-bindgen-cs generate</c> as a process on the generated
/// 20 MB single file (<see cref="WitCorpusGenerator.Package"/>, 3,460 interfaces) plus two worlds, one importing and one
/// exporting every interface, for guest and host bindings. Each run goes through GNU time (wall time, user and system CPU,
/// peak RSS); the files and bytes written are counted from the output directory, which is deleted after each run. Runs
/// take turns between the cases (so load from other jobs spreads over all of them); medians. Prints a Markdown table.
/// <code>dotnet run -c Release --project bench/WitTools.Benchmarks -- generate-large [--runs 3] [--cli PATH] [--baseline PATH]</code>
/// <c>--cli</c> defaults to this checkout's Release build of the CLI (build it first); <c>--baseline</c> adds the same
/// cases run by another build (e.g. an older commit's, built into a directory of its own), for before/after ratios.
/// </summary>
internal static class GenerateLarge
{
    private sealed record Case(string Name, string[] Args);

    private sealed record Measured(double WallS, double UserS, double SysS, long PeakKb, int Files, long Bytes);

    public static int Run(string[] args)
    {
        int runs = int.Parse(DriverArgs.Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        string repo = CorpusLocator.Repository();
        string cli = DriverArgs.Option(args, "--cli") ?? Path.Combine(repo, "tools", "wit-bindgen-cs", "bin", "Release", "net10.0", "wit-bindgen-cs");
        string? baseline = DriverArgs.Option(args, "--baseline");
        foreach (var program in new[] { cli, baseline }.Where(p => p is not null))
        {
            if (File.Exists(program)) continue;
            Console.Error.WriteLine($"not found: {program} (build the CLI first: dotnet build tools/wit-bindgen-cs -c Release)");
            return 2;
        }
        if (!File.Exists("/usr/bin/time"))
        {
            Console.Error.WriteLine("generate-large measures peak memory with GNU time (/usr/bin/time): install it (apt-get install time)");
            return 2;
        }

        string input = Input(out int interfaces);
        var cases = new List<Case>
        {
            new("guest, import all", new[] { "generate", input, "--world", "import-all" }),
            new("guest, export all", new[] { "generate", input, "--world", "export-all" }),
            new("host, import all", new[] { "generate", "--host", input, "--world", "import-all" }),
            new("host, export all", new[] { "generate", "--host", input, "--world", "export-all" }),
        };
        var programs = baseline is null ? new[] { ("this build", cli) } : new[] { ("baseline", baseline), ("this build", cli) };
        var results = new Dictionary<(string Program, string Case), List<Measured>>();
        for (int round = 0; round < runs; round++)
        {
            foreach (var c in cases)
            {
                foreach (var (name, program) in programs)
                {
                    var run = Measure(program, c.Args);
                    if (!results.TryGetValue((name, c.Name), out var list)) results.Add((name, c.Name), list = new List<Measured>());
                    list.Add(run);
                    Console.Error.WriteLine($"{name}, {c.Name}: {run.WallS:F1} s, user {run.UserS:F1} s, sys {run.SysS:F1} s, peak {run.PeakKb / 1024} MB, {run.Files} files, {run.Bytes / 1e6:F0} MB");
                }
            }
        }

        var table = new StringBuilder();
        table.AppendLine($"`generate` of a {new FileInfo(input).Length / 1e6:F1} MB single file ({interfaces:N0} interfaces; worlds importing / exporting all of them), medians of {runs}:");
        table.AppendLine();
        table.AppendLine("| case | build | wall | user CPU | system CPU | peak RSS | files | written | peak RSS / written |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in cases)
        {
            foreach (var (name, _) in programs)
            {
                var list = results[(name, c.Name)];
                double wall = DriverArgs.Median(list.Select(r => r.WallS)), peakMb = DriverArgs.Median(list.Select(r => r.PeakKb / 1024.0));
                double bytesMb = list[0].Bytes / 1e6;
                table.AppendLine($"| {c.Name} | {name} | {wall:F1} s | {DriverArgs.Median(list.Select(r => r.UserS)):F1} s | {DriverArgs.Median(list.Select(r => r.SysS)):F1} s | " +
                                 $"{peakMb:F0} MB | {list[0].Files:N0} | {bytesMb:F0} MB | {peakMb * 1.048576 / bytesMb:F1}× |");
            }
            if (baseline is not null)
            {
                var before = results[("baseline", c.Name)];
                var after = results[("this build", c.Name)];
                table.AppendLine($"| {c.Name} | **before / after** | **{DriverArgs.Median(before.Select(r => r.WallS)) / DriverArgs.Median(after.Select(r => r.WallS)):F1}×** | | | " +
                                 $"**{DriverArgs.Median(before.Select(r => (double)r.PeakKb)) / DriverArgs.Median(after.Select(r => (double)r.PeakKb)):F1}×** | | | |");
            }
        }
        Console.WriteLine(table);
        return 0;
    }

    /// <summary>The 20 MB package (the one JcoComparison's <c>check</c> row reads) with two worlds appended:
    /// <c>import-all</c> and <c>export-all</c>.</summary>
    private static string Input(out int interfaces)
    {
        string dir = Path.Combine(Path.GetTempPath(), "wittools-bench");
        string path = Path.Combine(dir, "generate-large-20MB.wit");
        string package = WitCorpusGenerator.Package(20_000_000);
        interfaces = 0;
        for (int at = package.IndexOf("\ninterface iface-", StringComparison.Ordinal); at >= 0; at = package.IndexOf("\ninterface iface-", at + 1, StringComparison.Ordinal)) interfaces++;
        var text = new StringBuilder(package, package.Length + interfaces * 60);
        foreach (var (world, direction) in new[] { ("import-all", "import"), ("export-all", "export") })
        {
            text.Append("\nworld ").Append(world).Append(" {\n");
            for (int i = 0; i < interfaces; i++) text.Append("  ").Append(direction).Append(" iface-").Append(i.ToString(CultureInfo.InvariantCulture)).Append(";\n");
            text.Append("}\n");
        }
        // written again only when the generator's text changed (it is ASCII: characters are bytes)
        if (File.Exists(path) && new FileInfo(path).Length == text.Length) return path;
        Directory.CreateDirectory(dir);
        string temp = path + ".tmp";
        File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private static Measured Measure(string program, string[] args)
    {
        string output = Path.Combine(Path.GetTempPath(), "wittools-bench", "generate-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-f", "time: %e %U %S %M", program }.Concat(args).Concat(new[] { "--out", output })) info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string errors = stderr.Result;
            if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(" ", args)} failed ({process.ExitCode}): {errors}");
            var line = errors.Split('\n').Last(l => l.StartsWith("time: ", StringComparison.Ordinal)).Substring(6).Split(' ');
            var files = Directory.GetFiles(output);
            return new Measured(Double(line[0]), Double(line[1]), Double(line[2]), long.Parse(line[3], CultureInfo.InvariantCulture),
                files.Length, files.Sum(f => new FileInfo(f).Length));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

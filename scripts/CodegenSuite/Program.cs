using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using WitTools.Cli;

namespace WitTools.CodegenSuite;

/// <summary>
/// Measuring tool for issue 8 (scripts/codegen-suite.sh):
///   suite CODEGEN_DIR [--filter TEXT] [--tsv FILE] [--keep DIR]
///       wit-bindgen's tests/codegen through `generate --stubs` + a net8.0/net10.0 compile, a row per world
///   size PATH --world W [--world W]...
///       lines of `generate` output outside WitRuntime.cs and its largest repeated blocks
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: codegen-suite suite CODEGEN_DIR [--filter TEXT] [--tsv FILE] [--keep DIR]\n" +
        "       codegen-suite size PATH --world W [--world W]...";

    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        if (args.Length < 2) return Fail(Usage);
        var options = new Dictionary<string, List<string>>();
        for (int i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) return Fail($"unexpected `{args[i]}`\n{Usage}");
            if (!options.TryGetValue(args[i], out var values)) options.Add(args[i], values = new List<string>());
            values.Add(args[++i]);
        }
        string? One(string name) => options.TryGetValue(name, out var v) ? v[^1] : null;
        return args[0] switch
        {
            "suite" => RunSuite(args[1], One("--filter"), One("--tsv"), One("--keep")),
            "size" when options.ContainsKey("--world") => RunSize(args[1], options["--world"]),
            _ => Fail(Usage),
        };
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private static int RunSuite(string codegenDir, string? filter, string? tsv, string? keep)
    {
        if (!Directory.Exists(codegenDir)) return Fail($"not a directory: {codegenDir} (expected wit-bindgen's tests/codegen)");
        string work = keep ?? Path.Combine(Path.GetTempPath(), "codegen-suite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var runs = new List<WorldRun>();
        try
        {
            Console.WriteLine($"{"CASE",-44} {"WORLD",-28} {"RESULT",-18} DETAIL");
            foreach (var run in new Suite(codegenDir, work).Run(filter))
            {
                runs.Add(run);
                string world = (run.WitBindgenPick ? "*" : " ") + run.World;
                string result = run.Async is not null ? "async (excluded)" : Label(run.Outcome);
                string detail = run.Async is not null ? $"{run.Async}; generate: {Label(run.Outcome)}" + (run.Detail.Length > 0 ? " — " + run.Detail : "") : run.Detail;
                Console.WriteLine($"{run.Case,-44} {world,-28} {result,-18} {Clip(detail, 220)}");
            }
        }
        finally
        {
            if (keep is null) Directory.Delete(work, recursive: true);
        }

        if (tsv is not null)
        {
            var lines = new List<string> { "case\tworld\twit_bindgen_pick\tasync\tresult\tdetail" };
            lines.AddRange(runs.Select(r => string.Join("\t", r.Case, r.World, r.WitBindgenPick ? "yes" : "no", r.Async ?? "",
                Label(r.Outcome), string.Join(" | ", r.Details.Select(d => d.Trim())).Replace('\t', ' '))));
            File.WriteAllLines(tsv, lines);
        }

        var counted = runs.Where(r => r.Counted).ToList();
        var cases = counted.Select(r => r.Case).Distinct().ToList();
        var fullyPassing = cases.Count(c => counted.Where(r => r.Case == c).All(r => r.Outcome == Outcome.Passed));
        var asyncCases = runs.Where(r => r.Async is not null).Select(r => r.Case).Distinct().ToList();
        var mixed = asyncCases.Where(cases.Contains).ToList();
        var picks = counted.Where(r => r.WitBindgenPick).ToList();
        Console.WriteLine();
        foreach (var group in counted.Where(r => r.Outcome != Outcome.Passed).GroupBy(r => r.Outcome))
            Console.WriteLine($"  {Label(group.Key)}: {group.Count()} worlds");
        Console.WriteLine($"  cases whose every non-async world passes: {fullyPassing} / {cases.Count}");
        Console.WriteLine($"  wit-bindgen's own pick (one world per case, marked *): passed {picks.Count(r => r.Outcome == Outcome.Passed)} / {picks.Count}");
        Console.WriteLine($"  async cases ({asyncCases.Count}{(mixed.Count > 0 ? $", {mixed.Count} also with non-async worlds that are counted" : "")}): {string.Join(", ", asyncCases)}");
        var missing = runs.Where(r => r.Outcome == Outcome.NotCheckedOut).Select(r => r.Case).ToList();
        if (missing.Count > 0) Console.WriteLine($"  not run ({missing.Count}, git submodules not checked out): {string.Join(", ", missing)}");
        Console.WriteLine($"codegen: passed {counted.Count(r => r.Outcome == Outcome.Passed)} / {counted.Count} non-async worlds ({cases.Count} cases)");
        return 0;
    }

    private static int RunSize(string path, IReadOnlyList<string> worlds)
    {
        string outDir = Path.Combine(Path.GetTempPath(), "codegen-size-" + Guid.NewGuid().ToString("N"));
        try
        {
            var args = new List<string> { "generate", path, "--out", outDir };
            foreach (var w in worlds) { args.Add("--world"); args.Add(w); }
            var stderr = new StringWriter();
            int exit = WitCli.Run(args.ToArray(), TextWriter.Null, stderr);
            if (exit != ExitCodes.Ok) return Fail($"wit-bindgen-cs {string.Join(" ", args)} failed (exit {exit}):\n{stderr}");

            var files = OutputSize.Files(outDir);
            Console.WriteLine($"wit-bindgen-cs generate {path} {string.Join(" ", worlds.Select(w => "--world " + w))} (no stubs)");
            foreach (var f in files) Console.WriteLine($"  {f.Lines,7}  {f.Name}");
            int code = files.Where(f => !OutputSize.IsRuntimeOrWit(f.Name)).Sum(f => f.Lines);
            int runtime = files.Where(f => OutputSize.IsRuntimeOrWit(f.Name) && f.Name.EndsWith(".cs", StringComparison.Ordinal)).Sum(f => f.Lines);
            Console.WriteLine($"  lines outside WitRuntime.cs: {code:N0} in {files.Count(f => !OutputSize.IsRuntimeOrWit(f.Name))} .cs files (runtime: {runtime:N0})");

            var blocks = OutputSize.RepeatedBlocks(outDir);
            if (blocks.Count == 0)
            {
                Console.WriteLine("  no block of 10 or more lines is repeated");
                return 0;
            }
            Console.WriteLine("  longest block with at least k copies (normalized: indentation, numbered temporaries, integers):");
            foreach (var b in blocks)
                Console.WriteLine($"    {b.Length,5} lines × {b.Copies,-3} first at {b.Starts[0]}: {Clip(b.Text, 110)}");
            var largest = blocks.OrderByDescending(b => b.Redundant).First();
            Console.WriteLine($"  largest repeated block: {largest.Length} lines × {largest.Copies} copies ({largest.Redundant:N0} redundant lines): {Clip(largest.Text, 110)}");
            Console.WriteLine($"    at {string.Join(", ", largest.Starts.Take(10))}{(largest.Starts.Count > 10 ? ", …" : "")}");
            return 0;
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }

    private static string Label(Outcome outcome) => outcome switch
    {
        Outcome.Passed => "passed",
        Outcome.CompileFailed => "compile-failed",
        Outcome.GenerateRefused => "generate-refused",
        Outcome.GenerateCrashed => "generate-crashed",
        Outcome.LoadFailed => "load-failed",
        _ => "not-checked-out",
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 1) + "…";
}

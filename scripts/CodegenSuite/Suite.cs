using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using WitTools.Cli;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.CodegenSuite;

internal enum Outcome
{
    Passed,
    CompileFailed,
    GenerateRefused,
    GenerateCrashed,
    LoadFailed,
    NotCheckedOut,
}

/// <summary>One row of the table: one world of one case.</summary>
internal sealed record WorldRun(string Case, string World, bool WitBindgenPick, string? Async, Outcome Outcome, string Detail, IReadOnlyList<string> Details)
{
    public bool Counted => Async is null && Outcome != Outcome.NotCheckedOut;
}

/// <summary>
/// Runs wit-bindgen's tests/codegen suite through `wit-bindgen-cs generate CASE --world W --out DIR --stubs`
/// and a warnings-as-errors compile of the output for net8.0 and net10.0.
///
/// Cases are found the way wit-bindgen's codegen test macro finds them (crates/test-helpers/codegen-macro):
/// every `*.wit` file directly in tests/codegen, and every directory, whose package is its `wit/` folder.
/// Each case is run for every world its package defines (and packages nested in its files define), not only
/// the one world wit-bindgen's harness binds (the package's only world, else the world named `imports`),
/// which is marked `*` in the table.
/// </summary>
internal sealed class Suite
{
    private readonly string _codegenDir;
    private readonly string _workDir;

    public Suite(string codegenDir, string workDir)
    {
        _codegenDir = Path.GetFullPath(codegenDir);
        _workDir = workDir;
    }

    public static IReadOnlyList<(string Name, string? Path)> Cases(string codegenDir)
    {
        var cases = new List<(string, string?)>();
        foreach (var file in Directory.GetFiles(codegenDir, "*.wit")) cases.Add((Path.GetFileName(file), file));
        foreach (var dir in Directory.GetDirectories(codegenDir))
        {
            string wit = Path.Combine(dir, "wit");
            // a directory without wit/ is a git submodule that was not checked out (wasi-http, wasi-io, …)
            cases.Add((Path.GetFileName(dir) + "/", Directory.Exists(wit) ? wit : null));
        }
        return cases.OrderBy(c => c.Item1, StringComparer.Ordinal).ToList();
    }

    public IEnumerable<WorldRun> Run(string? filter)
    {
        foreach (var (name, path) in Cases(_codegenDir))
        {
            if (filter is not null && !name.Contains(filter, StringComparison.Ordinal)) continue;
            if (path is null)
            {
                yield return new WorldRun(name, "-", false, null, Outcome.NotCheckedOut, "no wit/ folder (a git submodule; run `git submodule update --init` in the clone)", Array.Empty<string>());
                continue;
            }
            foreach (var run in RunCase(name, path)) yield return run;
        }
    }

    private IEnumerable<WorldRun> RunCase(string name, string path)
    {
        var load = WitLoader.Load(path, FeatureSet.None);
        if (!load.Success)
        {
            string message = load.Diagnostics.FirstOrDefault()?.Message ?? "load failed";
            yield return new WorldRun(name, "-", false, null, Outcome.LoadFailed, message, new[] { message });
            yield break;
        }
        var resolve = load.Resolve!;
        var worlds = load.MainPackages
            .SelectMany(p => resolve.Packages[p].Worlds.Select(kv => (Package: resolve.Packages[p].Name, Name: kv.Key, Id: kv.Value)))
            .ToList();
        var pick = WitBindgenPick(resolve, load.MainPackages);
        foreach (var world in worlds)
        {
            // the plain name when it is unique among the case's worlds, else the package-qualified one
            bool unique = worlds.Count(w => w.Name == world.Name) == 1;
            string qualified = world.Package.Namespace + ":" + world.Package.Name + "/" + world.Name;
            string arg = unique ? world.Name : qualified;
            string? async = AsyncConstructs.Find(resolve, world.Id);
            var (outcome, details) = GenerateAndCompile(path, name, arg);
            yield return new WorldRun(name, arg, pick == world.Id, async, outcome, details.FirstOrDefault() ?? "", details);
        }
    }

    /// <summary>The world wit-bindgen's own harness binds (crates/test-helpers, crates/test: select_world over
    /// the main package, falling back to the world named `imports`).</summary>
    private static WorldId? WitBindgenPick(Resolve resolve, IReadOnlyList<PackageId> main)
    {
        if (main.Count == 0) return null;
        var worlds = resolve.Packages[main[0]].Worlds;
        if (worlds.Count == 1) return worlds.Values.First();
        return worlds.TryGetValue("imports", out var imports) ? imports : null;
    }

    private (Outcome, IReadOnlyList<string>) GenerateAndCompile(string path, string caseName, string world)
    {
        string outDir = Path.Combine(_workDir, caseName.TrimEnd('/').Replace('.', '_'), world.Replace(':', '_').Replace('/', '_'));
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        var args = new[] { "generate", path, "--world", world, "--out", outDir, "--stubs" };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // in-process, through the CLI's entry point; a hang would stop the suite, so bound it
        var task = Task.Run(() => WitCli.Run(args, stdout, stderr));
        if (!task.Wait(TimeSpan.FromMinutes(2)))
            return (Outcome.GenerateCrashed, new[] { "generate did not finish within 2 minutes" });
        int exit = task.Result;
        var errors = stderr.ToString().Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("internal error", StringComparison.Ordinal))
            .Select(Shorten).ToList();
        if (exit == ExitCodes.InternalError) return (Outcome.GenerateCrashed, errors);
        if (exit != ExitCodes.Ok)
        {
            if (errors.Count == 0) errors.Add($"exit code {exit}: {stderr.ToString().Trim()}");
            return (Outcome.GenerateRefused, errors);
        }

        var files = Directory.GetFiles(outDir, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) return (Outcome.CompileFailed, new[] { "generate wrote no C# file" });
        var problems = new List<string>();
        foreach (var framework in new[] { Framework.Net8, Framework.Net10 })
        {
            var found = GuestCompile.Problems(files, framework);
            if (found.Count == 0) continue;
            var distinct = found.Select(GuestCompile.Describe).Distinct().ToList();
            problems.Add($"{GuestCompile.Name(framework)}: {found.Count} errors/warnings");
            problems.AddRange(distinct.Take(5).Select(d => "  " + d));
        }
        if (problems.Count == 0) return (Outcome.Passed, Array.Empty<string>());
        // the table shows the first diagnostic; say so when only one framework fails
        var first = problems.Where(p => p.StartsWith("  ", StringComparison.Ordinal)).Select(p => p.Trim()).First();
        bool both = problems.Count(p => !p.StartsWith("  ", StringComparison.Ordinal)) == 2;
        string onlyOne = both ? "" : " [" + problems[0].Split(':')[0] + " only]";
        problems.Insert(0, first + onlyOne);
        return (Outcome.CompileFailed, problems);
    }

    private string Shorten(string line) => line.Replace(_codegenDir + Path.DirectorySeparatorChar, "");
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Model;
using WitTools.WitParser.Parsing;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.Benchmarks;

/// <summary>
/// The WIT front end, stage by stage and end to end (issue 10): lexing, parsing (lexing included), AST → package
/// (the per-package resolver over parsed files), package → Resolve (pushing the packages, deps first) and
/// <c>WitLoader.Load</c> from disk, the baseline. Every stage covers all files of all loads of the input, so the
/// stage times add up to about the load time (minus reading files). The side-by-side comparison with jco's
/// wit-parser is the <c>jco</c> mode of this program (see docs/benchmarks.md). Garbage collection as in the shipped
/// tool: <c>wit-bindgen-cs</c> (also the language server's process) turns concurrent GC off.
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)]
public class FrontEndBenchmarks
{
    [ParamsAllValues]
    public FrontEndInput Input { get; set; }

    private IReadOnlyList<string> _paths = Array.Empty<string>();

    // Per load: the source map and, per group, its files and their parsed trees.
    private List<(SourceMap Sources, List<(SourceFile[] Files, SyntaxTree[] Trees)> Groups)> _loads = new();
    private List<(UnresolvedPackageGroup Main, List<UnresolvedPackageGroup> Deps, Resolve Resolve)> _pending = new();

    [GlobalSetup]
    public void Setup()
    {
        _paths = FrontEndInputs.Paths(Input);
        _loads = _paths.Select(path =>
        {
            var sources = new SourceMap();
            var groups = FrontEndInputs.Groups(path).Select(group =>
            {
                var files = group.Select(f =>
                {
                    // As the loader does: one check of the bytes tells the lexer whether it may skip its scan.
                    var bytes = File.ReadAllBytes(f);
                    var file = sources.Add(f, bytes);
                    file.PlainAscii = Utf8Text.Check(bytes, out bool plain) && plain;
                    return file;
                }).ToArray();
                return (files, files.Select(f => Parser.Parse(f, new DiagnosticBag())).ToArray());
            }).ToList();
            return (sources, groups);
        }).ToList();
        Console.WriteLine($"// {Input}: {FrontEndInputs.Size(Input):N0} bytes in {_loads.Sum(l => l.Groups.Sum(g => g.Files.Length))} files");
    }

    [Benchmark(Baseline = true)]
    public int Load()
    {
        int packages = 0;
        foreach (var path in _paths)
        {
            var result = WitLoader.Load(path, FeatureSet.None);
            if (!result.Success) throw new InvalidOperationException(result.Diagnostics[0].ToString());
            packages += result.Resolve!.Packages.Count;
        }
        return packages;
    }

    [Benchmark]
    public int Lex()
    {
        int tokens = 0;
        foreach (var load in _loads)
        foreach (var group in load.Groups)
        foreach (var file in group.Files)
        {
            var lexer = new Lexer(file, new DiagnosticBag());
            while (lexer.Next().Kind != TokenKind.EndOfFile) tokens++;
        }
        return tokens;
    }

    [Benchmark]
    public int Parse()
    {
        int items = 0;
        foreach (var load in _loads)
        foreach (var group in load.Groups)
        foreach (var file in group.Files)
        {
            items += Parser.Parse(file, new DiagnosticBag()).Items.Count;
        }
        return items;
    }

    /// <summary>AST → package: the per-package resolver over trees parsed in setup.</summary>
    [Benchmark]
    public int Build()
    {
        int types = 0;
        foreach (var load in _loads)
        foreach (var group in load.Groups)
        {
            var errors = new DiagnosticSink();
            var built = UnresolvedPackageGroupParser.Build(load.Sources, group.Trees, errors, null)!;
            types += built.Main.Types.Count;
        }
        return types;
    }

    [IterationSetup(Target = nameof(Resolve))]
    public void BuildPackages()
    {
        // Pushing consumes the packages: every iteration resolves fresh ones.
        _pending = _loads.Select(load =>
        {
            var groups = load.Groups.Select(g => UnresolvedPackageGroupParser.Build(load.Sources, g.Trees, new DiagnosticSink(), null)!).ToList();
            var resolve = new Resolve { SourceMap = load.Sources };
            return (groups[0], groups.Skip(1).ToList(), resolve);
        }).ToList();
    }

    /// <summary>Package → Resolve: pushing the built packages (deps first, feature gates, worlds elaborated).</summary>
    [Benchmark]
    public int Resolve()
    {
        int packages = 0;
        foreach (var (main, deps, resolve) in _pending)
        {
            var builder = new ResolveBuilder(resolve);
            builder.PushGroups(main, deps);
            if (builder.Diagnostics.Count > 0) throw new InvalidOperationException(builder.Diagnostics[0].ToString());
            packages += resolve.Packages.Count;
        }
        return packages;
    }
}

using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using WitTools.Analyzers.Tests;

namespace WitTools.Benchmarks;

/// <summary>
/// Source-generator time for the wasi:http/proxy world of WASI 0.2.12 (issue 4's aims: a full run ≤50 ms, an
/// unrelated edit ≤1 ms). Runs the generator through Roslyn's GeneratorDriver exactly as the generator tests
/// do (GeneratorHarness is shared with tests/Analyzers.Tests).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    // The user's side of the export: without the factory the generator reports WIT0201 (export not implemented).
    private const string UserCode = """
        namespace Bench.Wasi.Http
        {
            public static partial class ProxyWorld
            {
                private static partial IncomingHandler.IIncomingHandler CreateIncomingHandler() => throw new System.NotImplementedException();
            }
        }
        """;

    private WitFile[] _files = Array.Empty<WitFile>();
    private GeneratorHarness _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        string root = Path.Combine(CorpusLocator.Find(), "wasi-0.2.12", "http");
        _files = Directory.EnumerateFiles(root, "*.wit", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new WitFile(p, File.ReadAllText(p), root, World: "wasi:http/proxy@0.2.12", Namespace: "Bench"))
            .ToArray();

        _warm = new GeneratorHarness(_files).AddCSharp("Handler.cs", UserCode).AddCSharp("Edited.cs", EditedCode(0));
        var (result, _) = _warm.Run();
        // Warnings are expected (WIT0005: wasi:http still carries deprecated items); errors mean a broken setup.
        var error = result.Diagnostics.FirstOrDefault(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        if (error is not null) throw new InvalidOperationException(error.ToString());
        if (result.GeneratedSources.IsEmpty) throw new InvalidOperationException("the generator produced nothing");
    }

    /// <summary>A cold driver: reads, resolves and generates the whole world.</summary>
    [Benchmark]
    public int FullRun() => new GeneratorHarness(_files).AddCSharp("Handler.cs", UserCode).Run().Result.GeneratedSources.Length;

    /// <summary>A warm driver after an edit to a C# file: every generator step should be cached.</summary>
    [Benchmark]
    public int UnrelatedCSharpEdit()
    {
        // An edit replaces one file's text, as typing does. (Adding a new file per iteration, as this benchmark
        // once did, grows the compilation by thousands of trees during a run and measures that growth instead.)
        _warm.ReplaceCSharp("Edited.cs", EditedCode(++_edits));
        return _warm.Run().Result.GeneratedSources.Length;
    }

    private int _edits;

    private static string EditedCode(int version) =>
        "namespace User { internal static class Edited { public const int Version = " + version + "; } }";
}

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

        _warm = new GeneratorHarness(_files);
        var (result, _) = _warm.Run();
        if (!result.Diagnostics.IsEmpty) throw new InvalidOperationException(result.Diagnostics[0].ToString());
        if (result.GeneratedSources.IsEmpty) throw new InvalidOperationException("the generator produced nothing");
    }

    /// <summary>A cold driver: reads, resolves and generates the whole world.</summary>
    [Benchmark]
    public int FullRun() => new GeneratorHarness(_files).Run().Result.GeneratedSources.Length;

    /// <summary>A warm driver after an edit to a C# file: every generator step should be cached.</summary>
    [Benchmark]
    public int UnrelatedCSharpEdit()
    {
        _warm.EditCSharp();
        return _warm.Run().Result.GeneratedSources.Length;
    }
}

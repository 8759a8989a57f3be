using System;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.Benchmarks;

/// <summary>
/// Parse + resolve throughput of the WIT front end (issue 2's speed goal: ≥50 MB/s). MB/s is the input size
/// divided by the mean time; both inputs are read from disk through the same WitLoader the CLI uses.
/// </summary>
[MemoryDiagnoser]
public class FrontEndBenchmarks
{
    private string _wasiHttp = "";
    private string _generatedDir = "";

    [GlobalSetup]
    public void Setup()
    {
        _wasiHttp = Path.Combine(CorpusLocator.Find(), "wasi-0.2.12", "http");
        _generatedDir = Path.Combine(Path.GetTempPath(), "wittools-bench-big");
        Directory.CreateDirectory(_generatedDir);
        string text = WitCorpusGenerator.Package(10 * 1024 * 1024);
        File.WriteAllText(Path.Combine(_generatedDir, "big.wit"), text, new UTF8Encoding(false));
        Console.WriteLine($"// wasi-0.2.12/http: {SizeOf(_wasiHttp)} bytes; generated: {SizeOf(_generatedDir)} bytes");
    }

    [Benchmark]
    public object WasiHttp() => Check(WitLoader.Load(_wasiHttp, FeatureSet.None));

    [Benchmark]
    public object Generated10MB() => Check(WitLoader.Load(_generatedDir, FeatureSet.None));

    private static LoadResult Check(LoadResult result) =>
        result.Success ? result : throw new InvalidOperationException(result.Diagnostics[0].ToString());

    private static long SizeOf(string dir) =>
        Directory.EnumerateFiles(dir, "*.wit", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
}

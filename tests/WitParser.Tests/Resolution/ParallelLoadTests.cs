using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using WitTools.Benchmarks;
using WitTools.Tests.Shared;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Serialization;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>
/// A large package's files are read and parsed on several threads (<see cref="PackageLoader"/>,
/// <see cref="UnresolvedPackageGroupParser.ParseFiles"/>): the load must give exactly what the sequential load gives —
/// the same model, the same syntax trees and symbols, the same diagnostics in the same order.
/// </summary>
public sealed class ParallelLoadTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wittools-parallel-" + Guid.NewGuid().ToString("N"));

    public ParallelLoadTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    private static LoadResult Load(string path, bool parallel, bool symbols = false) =>
        WitLoader.Load(path, FeatureSet.None, null, new WitLoadOptions { BuildSymbols = symbols, Parallel = parallel });

    /// <summary>A generated package (WASI-shaped, 18 files of ~57 KB), above both parallel thresholds.</summary>
    private string Generated(string name, int size = 1_000_000)
    {
        string dir = Path.Combine(_root, name);
        WitCorpusGenerator.WriteDirectory(dir, size);
        var files = Directory.GetFiles(dir, "*.wit");
        Assert.True(files.Length >= PackageLoader.ParallelReadThreshold);
        Assert.True(files.Sum(f => new FileInfo(f).Length) >= UnresolvedPackageGroupParser.ParallelParseThreshold);
        return dir;
    }

    [Fact]
    public void GeneratedPackageLoadsTheSameInParallel()
    {
        string dir = Generated("ok");
        var sequential = Load(dir, parallel: false, symbols: true);
        var parallel = Load(dir, parallel: true, symbols: true);
        Assert.True(sequential.Success, sequential.RenderDiagnostics());
        AssertSame(sequential, parallel);
        Assert.Equal(ResolveJson.Serialize(sequential.Resolve!), ResolveJson.Serialize(parallel.Resolve!));
        Assert.Equal(Symbols(sequential), Symbols(parallel));
    }

    [Fact]
    public void ErrorsInManyFilesComeOutInTheSameOrder()
    {
        string dir = Generated("broken");
        var files = Directory.GetFiles(dir, "*.wit").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        // Syntax errors (the lexer's and the parser's), resolution errors and an unreadable file, spread over the
        // package, so that each thread's files have some.
        Append(files[1], "\ninterface broken-a {\n  f: func(x: u32 -> u32;\n}\n");
        Append(files[4], "\ninterface broken-b {\n  use no-such-interface.{t};\n  g: func() -> missing-type;\n}\n");
        Append(files[7], "\ninterface broken-c {\n  h: func() -> \u0001 u8;\n  record r { a: u8, a: u16 }\n}\n");
        Append(files[files.Length - 1], "\nworld broken-w {\n  import nope;\n  export f: func(;\n}\n");
        File.CreateSymbolicLink(Path.Combine(dir, "m-dangling.wit"), Path.Combine(dir, "does-not-exist.wit"));

        var sequential = Load(dir, parallel: false, symbols: true);
        var parallel = Load(dir, parallel: true, symbols: true);
        Assert.False(sequential.Success);
        Assert.True(sequential.Diagnostics.Count >= 6, sequential.RenderDiagnostics());
        Assert.Contains(sequential.Diagnostics, d => d.Message.Contains("No such file"));
        AssertSame(sequential, parallel);
        Assert.Equal(Symbols(sequential), Symbols(parallel));
    }

    [Fact]
    public void EveryCorpusFileParsesTheSameInParallel()
    {
        var map = new SourceMap();
        var files = Directory.GetFiles(WitCorpus.Root, "*.wit", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => map.Add(f, File.ReadAllBytes(f)))
            .ToList();
        Assert.True(files.Count > 50);
        var (sequentialTrees, sequentialErrors) = UnresolvedPackageGroupParser.ParseFiles(files, parallel: false);
        var (parallelTrees, parallelErrors) = UnresolvedPackageGroupParser.ParseFiles(files, parallel: true);
        for (int i = 0; i < files.Count; i++)
        {
            Assert.Equal(Dump(sequentialTrees[i]), Dump(parallelTrees[i]));
            Assert.Equal(Render(sequentialErrors[i].Items), Render(parallelErrors[i].Items));
        }
    }

    [Fact]
    public void EveryCorpusPackageLoadsTheSameEitherWay()
    {
        foreach (var release in new[] { "wasi-0.2.12", "wasi-0.3.0" })
        {
            foreach (var package in Directory.GetDirectories(Path.Combine(WitCorpus.Root, release)).OrderBy(d => d, StringComparer.Ordinal))
            {
                var sequential = Load(package, parallel: false);
                var parallel = Load(package, parallel: true);
                Assert.True(sequential.Success, sequential.RenderDiagnostics());
                AssertSame(sequential, parallel);
                Assert.Equal(ResolveJson.Serialize(sequential.Resolve!), ResolveJson.Serialize(parallel.Resolve!));
            }
        }
    }

    private static void Append(string path, string text) => File.AppendAllText(path, text);

    private static void AssertSame(LoadResult expected, LoadResult actual)
    {
        Assert.Equal(Render(expected.Diagnostics), Render(actual.Diagnostics));
        Assert.Equal(expected.Sources.Files.Select(f => (f.Path, f.Offset, f.Length)), actual.Sources.Files.Select(f => (f.Path, f.Offset, f.Length)));
        Assert.Equal(expected.Files.Count, actual.Files.Count);
        for (int i = 0; i < expected.Files.Count; i++)
        {
            Assert.Equal(expected.Files[i].Source.Path, actual.Files[i].Source.Path);
            Assert.Equal(Render(expected.Files[i].SyntaxDiagnostics), Render(actual.Files[i].SyntaxDiagnostics));
            Assert.Equal(Dump(expected.Files[i].Syntax), Dump(actual.Files[i].Syntax));
        }
    }

    private static string Render(IEnumerable<WitDiagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"{d.Severity} {d.Code} {d.Span} {d.Message} | {d.Help} | {string.Join(" / ", d.Context)}"));

    private static string[] Symbols(LoadResult result) =>
        result.Symbols!.Symbols.Select(s => $"{s.Kind} {s.QualifiedName} {s.NameSpan} {s.Span} {s.Definition.NameSpan} {s.TypeId} {s.InterfaceId}")
            .Concat(result.Symbols.References.Select(r => $"ref {r.Kind} {r.Span} {r.Symbol?.NameSpan} {r.Definition?.NameSpan}"))
            .ToArray();

    /// <summary>Every node of a tree with its public properties (spans, names, docs' spans), recursively.</summary>
    private static string Dump(SyntaxTree tree)
    {
        var text = new StringBuilder();
        DumpValue(tree, text, 0);
        return text.ToString();
    }

    private static void DumpValue(object? value, StringBuilder text, int depth)
    {
        Assert.True(depth < 200, "syntax tree deeper than expected");
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case WitTools.WitParser.Syntax.Docs docs:
                text.Append("docs ").Append(docs.Span);
                return;
            case SourceFile file:
                text.Append(file.Path);
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    DumpValue(item, text, depth + 1);
                    text.Append(", ");
                }
                text.Append(']');
                return;
        }
        var type = value.GetType();
        if (type.Namespace != typeof(SyntaxTree).Namespace)
        {
            text.Append(value);
            return;
        }
        text.Append(type.Name).Append('{');
        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.Name == "EqualityContract") continue;
            text.Append(property.Name).Append('=');
            DumpValue(property.GetValue(value), text, depth + 1);
            text.Append(' ');
        }
        text.Append('}');
    }
}

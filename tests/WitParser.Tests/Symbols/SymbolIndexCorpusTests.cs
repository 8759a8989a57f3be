using System.IO;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Symbols;
using WitCorpus = WitTools.Tests.Shared.WitCorpus;

namespace WitTools.WitParser.Tests.Symbols;

/// <summary>The index over the real WASI packages: complete, linked, and robust to broken input.</summary>
public class SymbolIndexCorpusTests
{
    [Fact]
    public void Every_reference_of_every_wasi_package_resolves_and_every_item_links_to_the_model()
    {
        int references = 0;
        foreach (var release in Directory.GetDirectories(WitCorpus.Root).OrderBy(d => d))
        {
            foreach (var package in Directory.GetDirectories(release).OrderBy(d => d))
            {
                var result = WitLoader.Load(package, FeatureSet.All, null, new WitLoadOptions { BuildSymbols = true });
                Assert.True(result.Success, package + ": " + result.RenderDiagnostics());
                var index = result.Symbols!;
                foreach (var reference in index.References)
                {
                    Assert.True(reference.Symbol != null, $"{package}: unresolved {reference.Kind} at {result.Sources.RenderLocation(reference.Span)}");
                    Assert.NotEqual(WitSymbolKind.Use, reference.Definition!.Kind);
                    references++;
                }
                foreach (var symbol in index.Symbols)
                {
                    string where = package + ": " + symbol + " at " + result.Sources.RenderLocation(symbol.NameSpan);
                    switch (symbol.Kind)
                    {
                        case WitSymbolKind.Record or WitSymbolKind.Variant or WitSymbolKind.Enum or WitSymbolKind.Flags
                            or WitSymbolKind.Resource or WitSymbolKind.TypeAlias:
                            Assert.True(symbol.TypeId is { } type && result.Resolve!.Types[type].Name == symbol.Name, where);
                            break;
                        case WitSymbolKind.Function or WitSymbolKind.Method or WitSymbolKind.StaticFunction or WitSymbolKind.Constructor:
                            Assert.True(symbol.Function != null, where);
                            break;
                        case WitSymbolKind.Interface:
                            Assert.True(symbol.InterfaceId is { } iface && result.Resolve!.Interfaces[iface].Name == symbol.Name, where);
                            break;
                        case WitSymbolKind.World:
                            Assert.True(symbol.WorldId is { } world && result.Resolve!.Worlds[world].Name == symbol.Name, where);
                            break;
                        case WitSymbolKind.Package:
                            Assert.NotNull(symbol.PackageId);
                            break;
                        case WitSymbolKind.Use:
                            Assert.True(symbol.AliasOf != null, where);
                            break;
                    }
                    Assert.True(symbol.File != null && symbol.File.Contains(symbol.NameSpan.Start), where);
                }
            }
        }
        Assert.True(references > 1000, references.ToString());
    }

    [Fact]
    public void Deleting_tokens_of_a_wasi_file_never_breaks_the_resolver_or_the_index()
    {
        string dir = WitCorpus.Package("wasi-0.2.12", "http");
        string types = File.ReadAllText(Path.Combine(dir, "types.wit"));
        var baseline = WitLoader.Load(dir, FeatureSet.None);
        Assert.True(baseline.Success);
        var tokens = WitTools.WitParser.Lexing.Lexer.Tokenize(new WitTools.WitParser.Text.SourceMap().Add("types.wit", types), new DiagnosticBag());
        // Every 13th token keeps the run short; the offsets differ, so every kind of token gets deleted somewhere.
        int runs = 0;
        for (int i = 3; i < tokens.Count - 1; i += 13)
        {
            var token = tokens[i];
            string broken = types.Remove(token.Start, token.End - token.Start).Insert(token.Start, " ");
            var fs = new CorpusOverlay(dir, "types.wit", broken);
            var result = WitLoader.Load("http", FeatureSet.None, fs, new WitLoadOptions { BuildSymbols = true });
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("internal error"));
            Assert.NotNull(result.Symbols);
            Assert.NotNull(result.Resolve);
            runs++;
        }
        Assert.True(runs > 100, runs.ToString());
    }

    /// <summary>A package folder from disk (with its deps/) where one file's text is replaced.</summary>
    private sealed class CorpusOverlay : IWitFileSystem
    {
        private readonly InMemoryWitFileSystem _memory = new();

        public CorpusOverlay(string dir, string file, string text)
        {
            foreach (var path in Directory.GetFiles(dir, "*.wit", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(dir, path).Replace('\\', '/');
                _memory.AddFile("http/" + relative, relative == file ? text : File.ReadAllText(path));
            }
        }

        public bool FileExists(string path) => _memory.FileExists(path);
        public bool DirectoryExists(string path) => _memory.DirectoryExists(path);
        public System.Collections.Generic.IReadOnlyList<WitDirectoryEntry>? ListDirectory(string path) => _memory.ListDirectory(path);
        public WitFileReadResult ReadText(string path) => _memory.ReadText(path);
    }
}

using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Symbols;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.LanguageServer.Workspace;

/// <summary>
/// Everything known about one package folder (and its <c>deps/</c>) at one version of the open documents:
/// the loader's result, every .wit file as a <see cref="WitDocument"/>, and the symbol index (built on
/// first use). Immutable once made; requests read it from any thread.
/// </summary>
public sealed class RootAnalysis
{
    private readonly Dictionary<string, WitDocument> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WitDocument> _byUri = new(StringComparer.Ordinal);
    private readonly Lazy<SymbolIndex> _index;

    private RootAnalysis(string rootPath, long version, LoadResult load, List<WitDocument> documents)
    {
        RootPath = rootPath;
        Version = version;
        Load = load;
        Documents = documents;
        foreach (var document in documents)
        {
            _byPath[document.Path] = document;
            _byUri[document.Uri] = document;
        }
        _index = new Lazy<SymbolIndex>(() => SymbolIndexBuilder.Build(this));
    }

    public string RootPath { get; }
    public long Version { get; }
    public LoadResult Load { get; }
    public Resolve? Resolve => Load.Resolve;
    public IReadOnlyList<WitDocument> Documents { get; }
    public SymbolIndex Index => _index.Value;

    public WitDocument? ByPath(string path) => _byPath.TryGetValue(path, out var d) ? d : null;
    public WitDocument? ByUri(string uri) => _byUri.TryGetValue(uri, out var d) ? d : null;

    /// <summary>The document owning a global offset.</summary>
    public WitDocument? DocumentAt(int globalOffset)
    {
        foreach (var document in Documents)
        {
            if (document.Source.Contains(globalOffset)) return document;
        }
        return null;
    }

    /// <summary>Loads <paramref name="rootPath"/> through <paramref name="fileSystem"/> and lists its files
    /// (the package's own, then those of <c>deps/</c>, in the loader's order).</summary>
    public static RootAnalysis Create(string rootPath, long version, IWitFileSystem fileSystem, FeatureSet features,
        Func<string, string> uriOfPath)
    {
        var load = WitLoader.Load(rootPath, features, fileSystem);
        var known = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var file in load.Sources.Files) known.TryAdd(file.Path, file);
        // Files the loader did not reach (it stops at a broken package) get a map of their own.
        var extra = new SourceMap();
        var documents = new List<WitDocument>();
        int group = 0;
        void Add(string path, bool dependency, int packageGroup)
        {
            if (!known.TryGetValue(path, out var source))
            {
                var read = fileSystem.ReadText(path);
                if (!read.IsOk) return;
                source = extra.Add(path, read.Text!);
            }
            documents.Add(new WitDocument(path, uriOfPath(path), source, dependency, packageGroup));
        }

        foreach (var entry in fileSystem.ListDirectory(rootPath) ?? Array.Empty<WitDirectoryEntry>())
        {
            if (!entry.IsDirectory && entry.Name.EndsWith(".wit", StringComparison.Ordinal)) Add(DocumentUris.Join(rootPath, entry.Name), false, group);
        }
        string deps = DocumentUris.Join(rootPath, "deps");
        foreach (var entry in fileSystem.ListDirectory(deps) ?? Array.Empty<WitDirectoryEntry>())
        {
            string entryPath = DocumentUris.Join(deps, entry.Name);
            group++;
            if (!entry.IsDirectory)
            {
                if (entry.Name.EndsWith(".wit", StringComparison.Ordinal)) Add(entryPath, true, group);
                continue;
            }
            foreach (var file in fileSystem.ListDirectory(entryPath) ?? Array.Empty<WitDirectoryEntry>())
            {
                if (!file.IsDirectory && file.Name.EndsWith(".wit", StringComparison.Ordinal)) Add(DocumentUris.Join(entryPath, file.Name), true, group);
            }
        }
        return new RootAnalysis(rootPath, version, load, documents);
    }
}

using System;
using System.Collections.Generic;
using WitTools.LanguageServer.Symbols;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.LanguageServer.Workspace;

/// <summary>
/// Everything known about one package folder (and its <c>deps/</c>) at one version of the open documents:
/// the loader's result with the front end's symbol index, and every .wit file it read as a
/// <see cref="WitDocument"/>. Immutable once made; requests read it from any thread.
/// </summary>
public sealed class RootAnalysis
{
    private readonly Dictionary<string, WitDocument> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WitDocument> _byUri = new(StringComparer.Ordinal);

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
        Symbols = new SymbolLookup(this, load.Symbols);
    }

    public string RootPath { get; }
    public long Version { get; }
    public LoadResult Load { get; }
    public Resolve? Resolve => Load.Resolve;
    public IReadOnlyList<WitDocument> Documents { get; }

    /// <summary>The front end's symbol index of the load, seen through documents.</summary>
    public SymbolLookup Symbols { get; }

    public WitDocument? ByPath(string path) => _byPath.TryGetValue(path, out var d) ? d : null;
    public WitDocument? ByUri(string uri) => _byUri.TryGetValue(uri, out var d) ? d : null;

    /// <summary>The document owning a global offset.</summary>
    public WitDocument? DocumentAt(int globalOffset) => Load.Sources.FileAt(globalOffset) is { } file ? ByPath(file.Path) : null;

    /// <summary>Loads <paramref name="rootPath"/> through <paramref name="fileSystem"/> with the symbol index and lists
    /// the files the loader read (the package's own, then those of <c>deps/</c>, in the loader's order).</summary>
    public static RootAnalysis Create(string rootPath, long version, IWitFileSystem fileSystem, FeatureSet features,
        Func<string, string> uriOfPath)
    {
        var load = WitLoader.Load(rootPath, features, fileSystem, new WitLoadOptions { BuildSymbols = true });
        string depsPrefix = DocumentUris.Join(DocumentUris.Join(rootPath, "deps"), "");
        var documents = new List<WitDocument>(load.Files.Count);
        foreach (var file in load.Files)
        {
            string path = file.Source.Path;
            string group = "";
            if (file.IsDependency && path.StartsWith(depsPrefix, StringComparison.Ordinal))
            {
                string rest = path.Substring(depsPrefix.Length);
                int slash = rest.IndexOfAny(new[] { '/', '\\' });
                group = slash < 0 ? rest : rest.Substring(0, slash);
            }
            documents.Add(new WitDocument(file, uriOfPath(path), group));
        }
        return new RootAnalysis(rootPath, version, load, documents);
    }
}

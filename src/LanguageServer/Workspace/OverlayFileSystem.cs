using System;
using System.Collections.Generic;
using WitTools.WitParser.Resolution;

namespace WitTools.LanguageServer.Workspace;

/// <summary>
/// The disk with the open documents laid over it: an open document's text replaces the file's, and an
/// open document that exists only in the editor is listed in its folder. Immutable: one snapshot per analysis.
/// </summary>
public sealed class OverlayFileSystem : IWitFileSystem
{
    private readonly IWitFileSystem _disk;
    private readonly IReadOnlyDictionary<string, string> _open;

    public OverlayFileSystem(IReadOnlyDictionary<string, string> openDocuments, IWitFileSystem? disk = null)
    {
        _open = openDocuments;
        _disk = disk ?? PhysicalWitFileSystem.Instance;
    }

    public bool FileExists(string path) => _open.ContainsKey(path) || _disk.FileExists(path);

    public bool DirectoryExists(string path)
    {
        if (_disk.DirectoryExists(path)) return true;
        foreach (var open in _open.Keys)
        {
            if (IsUnder(open, path)) return true;
        }
        return false;
    }

    public IReadOnlyList<WitDirectoryEntry>? ListDirectory(string path)
    {
        var fromDisk = _disk.ListDirectory(path);
        var entries = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        if (fromDisk != null)
        {
            foreach (var entry in fromDisk) entries[entry.Name] = entry.IsDirectory;
        }
        bool any = fromDisk != null;
        foreach (var open in _open.Keys)
        {
            if (!IsUnder(open, path)) continue;
            any = true;
            string rest = open.Substring(path.TrimEnd('/', '\\').Length + 1);
            int slash = rest.IndexOfAny(new[] { '/', '\\' });
            if (slash < 0) entries.TryAdd(rest, false);
            else entries[rest.Substring(0, slash)] = true;
        }
        if (!any) return null;
        var list = new List<WitDirectoryEntry>(entries.Count);
        foreach (var pair in entries) list.Add(new WitDirectoryEntry(pair.Key, pair.Value));
        return list;
    }

    public WitFileReadResult ReadText(string path) =>
        _open.TryGetValue(path, out var text) ? WitFileReadResult.Success(text) : _disk.ReadText(path);

    private static bool IsUnder(string file, string directory)
    {
        string prefix = directory.TrimEnd('/', '\\');
        return file.Length > prefix.Length + 1
            && file.StartsWith(prefix, StringComparison.Ordinal)
            && (file[prefix.Length] == '/' || file[prefix.Length] == '\\');
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// A file system held in memory, for tests and the source generator (which gets WIT texts from the
/// compilation rather than from disk). Paths use '/' separators; directories exist implicitly as the
/// parents of added files (or explicitly through <see cref="AddDirectory"/>).
/// </summary>
public sealed class InMemoryWitFileSystem : IWitFileSystem
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    /// <summary>Adds (or replaces) a text file, creating its parent directories.</summary>
    public InMemoryWitFileSystem AddFile(string path, string text) => AddFile(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Adds (or replaces) a file with raw bytes (e.g. to test invalid UTF-8).</summary>
    public InMemoryWitFileSystem AddFile(string path, byte[] bytes)
    {
        path = Normalize(path);
        _files[path] = bytes;
        AddParents(path);
        return this;
    }

    /// <summary>Adds an empty directory (and its parents).</summary>
    public InMemoryWitFileSystem AddDirectory(string path)
    {
        path = Normalize(path);
        if (path.Length > 0)
        {
            _directories.Add(path);
            AddParents(path);
        }
        return this;
    }

    public bool FileExists(string path) => _files.ContainsKey(Normalize(path));

    public bool DirectoryExists(string path)
    {
        path = Normalize(path);
        return path.Length == 0 || path == "." || _directories.Contains(path);
    }

    public IReadOnlyList<WitDirectoryEntry>? ListDirectory(string path)
    {
        if (!DirectoryExists(path)) return null;
        string prefix = Normalize(path);
        prefix = prefix.Length == 0 || prefix == "." ? string.Empty : prefix + "/";
        var entries = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var file in _files.Keys)
        {
            if (ChildName(prefix, file) is { } name) entries[name] = false;
        }
        foreach (var dir in _directories)
        {
            if (ChildName(prefix, dir) is { } name) entries[name] = true;
        }
        var list = new List<WitDirectoryEntry>(entries.Count);
        foreach (var pair in entries) list.Add(new WitDirectoryEntry(pair.Key, pair.Value));
        return list;
    }

    public WitFileReadResult ReadText(string path)
    {
        if (!_files.TryGetValue(Normalize(path), out var bytes))
        {
            return WitFileReadResult.Failure(WitFileReadStatus.NotFound, "No such file or directory (os error 2)");
        }
        return WitText.CheckUtf8(bytes);
    }

    private static string? ChildName(string prefix, string path)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.Length == prefix.Length) return null;
        string rest = path.Substring(prefix.Length);
        return rest.IndexOf('/') >= 0 ? null : rest;
    }

    private void AddParents(string path)
    {
        int slash = path.LastIndexOf('/');
        while (slash > 0)
        {
            path = path.Substring(0, slash);
            if (!_directories.Add(path)) break;
            slash = path.LastIndexOf('/');
        }
    }

    // "./a//b/" -> "a/b"; backslashes count as separators too.
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            parts.Add(part);
        }
        return string.Join("/", parts);
    }
}

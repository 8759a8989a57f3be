using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>Parses one package's files (already added to the source map) into an unresolved package
/// group, reporting every problem to <paramref name="errors"/>; null only when nothing could be built.</summary>
internal delegate UnresolvedPackageGroup? PackageGroupParser(SourceMap sources, IReadOnlyList<SourceFile> files, DiagnosticSink errors,
    GroupParseContext context);

/// <summary>What a load asks of the per-package stage besides the group: the symbol collector (when an index is
/// built), whether to keep syntax trees, and the list of parsed files to fill.</summary>
internal sealed class GroupParseContext
{
    public GroupParseContext(SymbolCollector? symbols, bool keepSyntax, bool parallel = false)
    {
        Symbols = symbols;
        KeepSyntax = keepSyntax;
        Parallel = parallel;
    }

    /// <summary>Whether a large package's files may be read and parsed on several threads.</summary>
    public bool Parallel { get; }

    public SymbolCollector? Symbols { get; }
    public bool KeepSyntax { get; }

    /// <summary>Whether the files being parsed come from a <c>deps/</c> folder.</summary>
    public bool IsDependency { get; set; }

    public List<ParsedWitFile> Files { get; } = new();
}

/// <summary>
/// Reads WIT from an <see cref="IWitFileSystem"/> the way wit-parser's <c>Resolve::push_path</c> does: a
/// file is one package group; a directory is all of its <c>*.wit</c> files (one package group) plus a
/// <c>deps/</c> folder whose entries, in sorted order, are package directories or single <c>.wit</c>
/// files. Everything is then pushed into the <see cref="Resolve"/> in dependency order. Problems are
/// reported with wit-parser's context chain and the rest is still loaded: a file that cannot be read is left
/// out, a package that cannot be built is not pushed.
/// </summary>
internal sealed class PackageLoader
{
    private readonly IWitFileSystem _fs;
    private readonly SourceMap _sources;
    private readonly ResolveBuilder _builder;
    private readonly PackageGroupParser _parse;
    private readonly DiagnosticSink _errors;
    private readonly GroupParseContext _context;
    private readonly List<(UnresolvedPackageGroup Group, IReadOnlyList<SourceFile> Files)> _groupFiles = new();

    public PackageLoader(IWitFileSystem fs, SourceMap sources, ResolveBuilder builder, PackageGroupParser parse, DiagnosticSink errors,
        GroupParseContext context)
    {
        _fs = fs;
        _sources = sources;
        _builder = builder;
        _parse = parse;
        _errors = errors;
        _context = context;
    }

    /// <summary>Loads a file or directory; returns the ids of the packages defined by <paramref name="path"/>
    /// itself (its main package first, then packages nested in its files), not those of <c>deps/</c>.</summary>
    public IReadOnlyList<PackageId> PushPath(string path)
    {
        if (_fs.DirectoryExists(path))
        {
            _errors.PushContext($"failed to resolve directory while parsing WIT for path [{path}]");
            try
            {
                return PushDir(path);
            }
            finally
            {
                _errors.PopContext();
            }
        }
        var group = ReadFileGroup(path);
        return group == null ? Array.Empty<PackageId>() : _builder.PushGroups(group, Array.Empty<UnresolvedPackageGroup>());
    }

    private IReadOnlyList<PackageId> PushDir(string path)
    {
        var top = WithContext($"failed to parse package: {path}", () => ParseDir(path));
        string depsPath = JoinPath(path, "deps");
        _context.IsDependency = true;
        var deps = WithContext($"failed to parse dependency directory: {depsPath}", () => ParseDepsDir(depsPath));
        _context.IsDependency = false;
        return _builder.PushGroups(top, deps);
    }

    private T WithContext<T>(string context, Func<T> step)
    {
        _errors.PushContext(context);
        try
        {
            return step();
        }
        finally
        {
            _errors.PopContext();
        }
    }

    /// <summary>All <c>*.wit</c> files directly in a directory, parsed as one package group (files are
    /// taken in sorted order; subdirectories and other files are ignored).</summary>
    private UnresolvedPackageGroup? ParseDir(string path)
    {
        var entries = _fs.ListDirectory(path);
        if (entries == null)
        {
            Fail("failed to list the directory's entries", $"failed to read directory {Quote(path)}");
            return null;
        }
        var paths = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.IsDirectory || !entry.Name.EndsWith(".wit", StringComparison.Ordinal)) continue;
            paths.Add(JoinPath(path, entry.Name));
        }
        var reads = ReadAll(paths);
        var files = new List<SourceFile>(paths.Count);
        for (int i = 0; i < paths.Count; i++)
        {
            var read = reads[i];
            if (!read.IsOk)
            {
                Fail(read.Error ?? "failed to read", $"failed to read file {Quote(paths[i])}");
                continue;
            }
            files.Add(AddSource(paths[i], read));
        }
        return Parse(files);
    }

    /// <summary>A directory with at least this many files is read on several threads (from disk only).</summary>
    internal const int ParallelReadThreshold = 8;

    /// <summary>The files' contents, in order. Reading and checking UTF-8 is per file, so many files on disk are read
    /// on all cores (only <see cref="PhysicalWitFileSystem"/>: another file system need not be thread-safe); each
    /// result is what reading it alone gives, and the caller adds them to the source map in order.</summary>
    private WitFileReadResult[] ReadAll(List<string> paths)
    {
        var reads = new WitFileReadResult[paths.Count];
        UnresolvedPackageGroupParser.ForEachIndex(paths.Count,
            _context.Parallel && paths.Count >= ParallelReadThreshold && _fs is PhysicalWitFileSystem, i => reads[i] = _fs.ReadText(paths[i]));
        return reads;
    }

    private List<UnresolvedPackageGroup> ParseDepsDir(string path)
    {
        var groups = new List<UnresolvedPackageGroup>();
        bool isDirectory = _fs.DirectoryExists(path);
        if (!isDirectory && !_fs.FileExists(path)) return groups;
        var entries = isDirectory ? _fs.ListDirectory(path) : null;
        if (entries == null)
        {
            Fail(isDirectory ? "failed to list the directory's entries" : "Not a directory (os error 20)", "failed to read directory");
            return groups;
        }
        foreach (var entry in entries)
        {
            string entryPath = JoinPath(path, entry.Name);
            if (entry.IsDirectory)
            {
                // A dependency directory is one package; it cannot have a `deps/` folder of its own.
                if (WithContext($"failed to parse package: {entryPath}", () => ParseDir(entryPath)) is { } dir) groups.Add(dir);
                continue;
            }
            switch (Extension(entry.Name))
            {
                case "wit":
                    if (ReadFileGroup(entryPath) is { } file) groups.Add(file);
                    break;
                case "wat":
                case "wasm":
                    UnsupportedWasm(entryPath);
                    break;
                default:
                    // Anything else (READMEs, .DS_Store, ...) is not a package and is skipped, as in wit-parser.
                    break;
            }
        }
        return groups;
    }

    /// <summary>One standalone WIT file as a package group.</summary>
    private UnresolvedPackageGroup? ReadFileGroup(string path)
    {
        var read = _fs.ReadText(path);
        switch (read.Status)
        {
            case WitFileReadStatus.Ok:
                break;
            case WitFileReadStatus.InvalidUtf8:
                if (LooksLikeWasm(path, null)) UnsupportedWasm(path);
                else Fail($"input file is not valid utf-8 [{path}]", null);
                return null;
            default:
                Fail(read.Error ?? "failed to read", $"failed to read path for WIT [{path}]");
                return null;
        }
        if (LooksLikeWasm(path, read))
        {
            UnsupportedWasm(path);
            return null;
        }
        var file = AddSource(path, read);
        return Parse(new[] { file });
    }

    private UnresolvedPackageGroup? Parse(IReadOnlyList<SourceFile> files)
    {
        if (files.Count == 0)
        {
            // What wit-parser reports for a package directory without any `*.wit` file.
            _errors.Error("no `package` header was found in any WIT file for this package", Span.Unknown);
            return null;
        }
        var group = _parse(_sources, files, _errors, _context);
        if (group != null) _groupFiles.Add((group, files));
        return group;
    }

    /// <summary>The paths of the files each pushed package was parsed from (wit-parser's
    /// <c>PackageSourceMap</c>): a package nested in a file lists all files of its group.</summary>
    public Dictionary<PackageId, IReadOnlyList<string>> PackageSources(Resolve resolve)
    {
        var result = new Dictionary<PackageId, IReadOnlyList<string>>();
        foreach (var (group, files) in _groupFiles)
        {
            var paths = new List<string>(files.Count);
            foreach (var file in files) paths.Add(file.Path);
            void Add(UnresolvedPackage package)
            {
                if (!package.IsUnnamed && resolve.PackageNames.TryGetValue(package.Name, out var id)) result[id] = paths;
            }
            Add(group.Main);
            foreach (var nested in group.Nested) Add(nested);
        }
        return result;
    }

    private SourceFile AddSource(string path, WitFileReadResult read)
    {
        var file = read.Utf8 is { } bytes ? _sources.Add(path, bytes) : _sources.Add(path, read.Text!);
        file.PlainAscii = read.PlainAscii;
        return file;
    }

    private static bool LooksLikeWasm(string path, WitFileReadResult? read)
    {
        string ext = Extension(FileName(path)) ?? string.Empty;
        if (ext == "wasm" || ext == "wat") return true;
        if (read is not { } result) return false;
        if (result.Utf8 is { } bytes) return bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m';
        return result.Text != null && result.Text.StartsWith("\0asm", StringComparison.Ordinal);
    }

    private void UnsupportedWasm(string path) =>
        Fail($"wasm-encoded WIT packages are not supported (only WIT text is): [{path}]", null);

    /// <summary>A loading problem (nothing in the source to point at), with an optional innermost context.</summary>
    private void Fail(string message, string? context) =>
        _errors.Add(new WitDiagnostic(message, Span.Unknown, DiagnosticSeverity.Error, DiagnosticCodes.Loading,
            context == null ? null : new[] { context }));

    /// <summary>Joins like Rust's <c>Path::join</c> on Unix: a separator is added unless one ends the base.</summary>
    internal static string JoinPath(string directory, string name)
    {
        if (directory.Length == 0) return name;
        char last = directory[directory.Length - 1];
        return last == '/' || last == '\\' ? directory + name : directory + "/" + name;
    }

    private static string FileName(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    /// <summary>Rust's <c>Path::extension</c>: the text after the last dot, except for names like ".wit"
    /// whose only dot is the first character (those have no extension).</summary>
    internal static string? Extension(string fileName)
    {
        int dot = fileName.LastIndexOf('.');
        if (dot <= 0) return null;
        return fileName.Substring(dot + 1);
    }

    /// <summary>A path as Rust's <c>{:?}</c> prints it: quoted, with quotes and backslashes escaped.</summary>
    internal static string Quote(string path) => "\"" + path.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

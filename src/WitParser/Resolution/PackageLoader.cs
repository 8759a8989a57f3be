using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>Parses one package's files (already added to the source map) into an unresolved package
/// group; null on error, with the errors in the bag.</summary>
internal delegate UnresolvedPackageGroup? PackageGroupParser(SourceMap sources, IReadOnlyList<SourceFile> files, DiagnosticBag diagnostics);

/// <summary>
/// Reads WIT from an <see cref="IWitFileSystem"/> the way wit-parser's <c>Resolve::push_path</c> does: a
/// file is one package group; a directory is all of its <c>*.wit</c> files (one package group) plus a
/// <c>deps/</c> folder whose entries, in sorted order, are package directories or single <c>.wit</c>
/// files. Everything is then pushed into the <see cref="Resolve"/> in dependency order. Failures are
/// thrown as <see cref="ResolutionFailure"/> carrying wit-parser's context chain.
/// </summary>
internal sealed class PackageLoader
{
    private readonly IWitFileSystem _fs;
    private readonly SourceMap _sources;
    private readonly ResolveBuilder _builder;
    private readonly PackageGroupParser _parse;
    private readonly List<WitDiagnostic> _warnings;
    private readonly List<(UnresolvedPackageGroup Group, IReadOnlyList<SourceFile> Files)> _groupFiles = new();

    public PackageLoader(IWitFileSystem fs, SourceMap sources, ResolveBuilder builder, PackageGroupParser parse, List<WitDiagnostic> warnings)
    {
        _fs = fs;
        _sources = sources;
        _builder = builder;
        _parse = parse;
        _warnings = warnings;
    }

    /// <summary>Loads a file or directory; returns the ids of the packages defined by <paramref name="path"/>
    /// itself (its main package first, then packages nested in its files), not those of <c>deps/</c>.</summary>
    public IReadOnlyList<PackageId> PushPath(string path)
    {
        if (_fs.DirectoryExists(path))
        {
            return ResolutionFailure.WithContext(
                $"failed to resolve directory while parsing WIT for path [{path}]",
                () => PushDir(path));
        }
        var group = ReadFileGroup(path);
        return _builder.PushGroups(group, Array.Empty<UnresolvedPackageGroup>());
    }

    private IReadOnlyList<PackageId> PushDir(string path)
    {
        var top = ResolutionFailure.WithContext($"failed to parse package: {path}", () => ParseDir(path));
        string depsPath = JoinPath(path, "deps");
        var deps = ResolutionFailure.WithContext($"failed to parse dependency directory: {depsPath}", () => ParseDepsDir(depsPath));
        return _builder.PushGroups(top, deps);
    }

    /// <summary>All <c>*.wit</c> files directly in a directory, parsed as one package group (files are
    /// taken in sorted order; subdirectories and other files are ignored).</summary>
    private UnresolvedPackageGroup ParseDir(string path)
    {
        var entries = _fs.ListDirectory(path)
            ?? throw ResolutionFailure.Single(
                "failed to list the directory's entries", Span.Unknown, DiagnosticCodes.Loading,
                $"failed to read directory {Quote(path)}");
        var files = new List<SourceFile>();
        foreach (var entry in entries)
        {
            if (entry.IsDirectory || !entry.Name.EndsWith(".wit", StringComparison.Ordinal)) continue;
            string filePath = JoinPath(path, entry.Name);
            var read = _fs.ReadText(filePath);
            if (!read.IsOk)
            {
                throw ResolutionFailure.Single(read.Error ?? "failed to read", Span.Unknown, DiagnosticCodes.Loading,
                    $"failed to read file {Quote(filePath)}");
            }
            files.Add(AddSource(filePath, read));
        }
        return Parse(files);
    }

    private List<UnresolvedPackageGroup> ParseDepsDir(string path)
    {
        var groups = new List<UnresolvedPackageGroup>();
        bool isDirectory = _fs.DirectoryExists(path);
        if (!isDirectory && !_fs.FileExists(path)) return groups;
        var entries = (isDirectory ? _fs.ListDirectory(path) : null)
            ?? throw ResolutionFailure.Single(
                isDirectory ? "failed to list the directory's entries" : "Not a directory (os error 20)",
                Span.Unknown, DiagnosticCodes.Loading, "failed to read directory");
        foreach (var entry in entries)
        {
            string entryPath = JoinPath(path, entry.Name);
            if (entry.IsDirectory)
            {
                // A dependency directory is one package; it cannot have a `deps/` folder of its own.
                groups.Add(ResolutionFailure.WithContext($"failed to parse package: {entryPath}", () => ParseDir(entryPath)));
                continue;
            }
            switch (Extension(entry.Name))
            {
                case "wit":
                    groups.Add(ReadFileGroup(entryPath));
                    break;
                case "wat":
                case "wasm":
                    throw UnsupportedWasm(entryPath);
                default:
                    // Anything else (READMEs, .DS_Store, ...) is not a package and is skipped, as in wit-parser.
                    break;
            }
        }
        return groups;
    }

    /// <summary>One standalone WIT file as a package group.</summary>
    private UnresolvedPackageGroup ReadFileGroup(string path)
    {
        var read = _fs.ReadText(path);
        switch (read.Status)
        {
            case WitFileReadStatus.Ok:
                break;
            case WitFileReadStatus.InvalidUtf8:
                if (LooksLikeWasm(path, null)) throw UnsupportedWasm(path);
                throw ResolutionFailure.Single($"input file is not valid utf-8 [{path}]", Span.Unknown, DiagnosticCodes.Loading);
            default:
                throw ResolutionFailure.Single(read.Error ?? "failed to read", Span.Unknown, DiagnosticCodes.Loading,
                    $"failed to read path for WIT [{path}]");
        }
        if (LooksLikeWasm(path, read)) throw UnsupportedWasm(path);
        var file = AddSource(path, read);
        return Parse(new[] { file });
    }

    private UnresolvedPackageGroup Parse(IReadOnlyList<SourceFile> files)
    {
        var bag = new DiagnosticBag();
        UnresolvedPackageGroup? group = null;
        if (files.Count == 0)
        {
            // What wit-parser reports for a package directory without any `*.wit` file.
            bag.Error("no `package` header was found in any WIT file for this package", Span.Unknown, DiagnosticCodes.Resolution);
        }
        else
        {
            group = _parse(_sources, files, bag);
        }
        if (group != null && !bag.HasErrors)
        {
            _warnings.AddRange(bag.Items);
            _groupFiles.Add((group, files));
            return group;
        }
        var errors = new List<WitDiagnostic>();
        foreach (var d in bag.Items)
        {
            if (d.Severity == DiagnosticSeverity.Error) errors.Add(d);
            else _warnings.Add(d);
        }
        if (errors.Count == 0)
        {
            errors.Add(new WitDiagnostic("internal error: the package failed to parse without a diagnostic", Span.Unknown));
        }
        throw new ResolutionFailure(errors);
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
                if (resolve.PackageNames.TryGetValue(package.Name, out var id)) result[id] = paths;
            }
            Add(group.Main);
            foreach (var nested in group.Nested) Add(nested);
        }
        return result;
    }

    private SourceFile AddSource(string path, WitFileReadResult read) =>
        read.Utf8 is { } bytes ? _sources.Add(path, bytes) : _sources.Add(path, read.Text!);

    private static bool LooksLikeWasm(string path, WitFileReadResult? read)
    {
        string ext = Extension(FileName(path)) ?? string.Empty;
        if (ext == "wasm" || ext == "wat") return true;
        if (read is not { } result) return false;
        if (result.Utf8 is { } bytes) return bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == (byte)'a' && bytes[2] == (byte)'s' && bytes[3] == (byte)'m';
        return result.Text != null && result.Text.StartsWith("\0asm", StringComparison.Ordinal);
    }

    private static ResolutionFailure UnsupportedWasm(string path) =>
        ResolutionFailure.Single(
            $"wasm-encoded WIT packages are not supported (only WIT text is): [{path}]",
            Span.Unknown, DiagnosticCodes.Loading);

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

/// <summary>Abandons loading at the first error (wit-parser stops at the first one too); carries the
/// diagnostics with their context chain. Always caught by <see cref="WitLoader"/>.</summary>
internal sealed class ResolutionFailure : Exception
{
    public ResolutionFailure(IReadOnlyList<WitDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "resolution failed") => Diagnostics = diagnostics;

    public IReadOnlyList<WitDiagnostic> Diagnostics { get; }

    public static ResolutionFailure Single(string message, Span span, string code, string? context = null) =>
        new(new[]
        {
            new WitDiagnostic(message, span, DiagnosticSeverity.Error, code, context == null ? null : new[] { context }),
        });

    public static ResolutionFailure From(WitException exception) => new(new[] { exception.Diagnostic });

    /// <summary>Runs <paramref name="action"/>; any failure gets <paramref name="context"/> prepended to its
    /// context chain (anyhow's <c>with_context</c>).</summary>
    public static T WithContext<T>(string context, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ResolutionFailure failure)
        {
            var wrapped = new List<WitDiagnostic>(failure.Diagnostics.Count);
            foreach (var d in failure.Diagnostics) wrapped.Add(d.WithContext(context));
            throw new ResolutionFailure(wrapped);
        }
        catch (WitException exception)
        {
            throw new ResolutionFailure(new[] { exception.Diagnostic.WithContext(context) });
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using WitTools.Analyzers.Models;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.Analyzers.Generation;

/// <summary>
/// The expensive step of the pipeline: resolves one WIT root from its in-memory texts and generates the
/// bindings of its worlds. A pure function of <see cref="WitRootInput"/> (no Roslyn types, no disk), so
/// it can be cached by the driver and tested directly. Never throws.
/// </summary>
public static class RootGenerator
{
    public static WitRootOutput Run(WitRootInput input, CancellationToken cancellationToken = default)
    {
        var run = new Execution(input);
        try
        {
            run.Execute(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            run.Report(GeneratorDiagnosticIds.Internal, $"internal error in the WIT bindings generator: {e.GetType().Name}: {e.Message}", null);
        }
        return new WitRootOutput(input.Options.Root, run.Namespace, new EquatableArray<string>(run.Worlds),
            new EquatableArray<GeneratedSource>(run.Sources), new EquatableArray<DiagnosticInfo>(run.Diagnostics),
            new EquatableArray<ExportInfo>(run.Exports));
    }

    private sealed class Execution
    {
        private readonly WitRootInput _input;
        private readonly WitRootOptions _options;
        // Normalized path (as the loader prints it) -> the AdditionalFiles path Roslyn knows the file by.
        private readonly Dictionary<string, string> _originalPaths = new(StringComparer.Ordinal);
        private LoadResult? _load;

        public Execution(WitRootInput input)
        {
            _input = input;
            _options = input.Options;
        }

        public List<GeneratedSource> Sources { get; } = new();
        public List<string> Worlds { get; } = new();
        public string Namespace { get; private set; } = "";
        public List<DiagnosticInfo> Diagnostics { get; } = new();
        public List<ExportInfo> Exports { get; } = new();

        public void Execute(CancellationToken cancellationToken)
        {
            var guestOptions = ReadOptions();
            if (guestOptions is null) return;

            var fileSystem = new InMemoryWitFileSystem();
            foreach (var file in _input.Files)
            {
                fileSystem.AddFile(file.Path, file.Text);
                _originalPaths[NormalizePath(file.Path)] = file.Path;
            }
            cancellationToken.ThrowIfCancellationRequested();

            _load = WitLoader.Load(_options.Root, ParseFeatures(_options.Features), fileSystem);
            foreach (var diagnostic in _load.Diagnostics)
            {
                // A located diagnostic already names its file, so the loader's context chain ("failed to
                // resolve directory while parsing WIT for path [...]: failed to parse package: ...") is noise.
                bool located = diagnostic.Span.IsKnown && _load.Sources.FileAt(diagnostic.Span.Start) is not null;
                Report(diagnostic.Code, located ? diagnostic.Message : diagnostic.ToString(), diagnostic.Span, diagnostic.Severity == DiagnosticSeverity.Error);
            }
            if (!_load.Success || _load.Resolve is null) return;
            var resolve = _load.Resolve;
            cancellationToken.ThrowIfCancellationRequested();

            var worlds = SelectWorlds(resolve, _load.MainPackages);
            foreach (var worldId in worlds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var world = resolve.Worlds[worldId];
                foreach (var warning in DeprecatedUse.InWorld(resolve, worldId))
                {
                    Report(warning.Code, warning.Message, warning.Span, isError: false);
                }
                var result = GuestGenerator.Generate(resolve, worldId, guestOptions);
                foreach (var error in result.Errors) ReportGenerationError(error);
                if (result.Errors.Count > 0) continue;
                foreach (var file in result.Files)
                {
                    // The emitter also writes the resolved WIT next to the bindings (for componentization);
                    // only C# belongs in the compilation.
                    if (!file.Name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) continue;
                    Sources.Add(new GeneratedSource(HintName(guestOptions.RootNamespace, world.Name, file.Name), file.Text));
                }
                foreach (var export in result.Exports)
                {
                    Exports.Add(new ExportInfo(export.Name, world.Name, export.WorldNamespace, export.WorldClass, export.Factory,
                        export.Contract, export.Declaration, new EquatableArray<string>(export.Functions.ToArray()), LocationOf(export.Span)));
                }
                Worlds.Add(world.Package is { } package ? resolve.IdOfName(package, world.Name) : world.Name);
            }
        }

        private GuestOptions? ReadOptions()
        {
            bool ok = true;
            var options = new GuestOptions { Stubs = false };

            string ns = _options.Namespace.Trim();
            if (ns.Length == 0) ns = "Wit";
            if (!IsValidNamespace(ns))
            {
                Report(GeneratorDiagnosticIds.InvalidOption, $"`{ns}` is not a valid C# namespace (set the Namespace metadata of the <Wit> item or the WitNamespace property)", null);
                ok = false;
            }
            options.RootNamespace = ns;
            Namespace = ns;

            switch (_options.ResultMapping.Trim().ToLowerInvariant())
            {
                case "":
                case "exceptions":
                case "exception":
                    options.ResultMapping = ResultMapping.Exceptions;
                    break;
                case "result":
                    options.ResultMapping = ResultMapping.Result;
                    break;
                default:
                    Report(GeneratorDiagnosticIds.InvalidOption, $"unknown result mapping `{_options.ResultMapping}`; expected `exceptions` or `result`", null);
                    ok = false;
                    break;
            }

            switch (_options.StringEncoding.Trim().ToLowerInvariant())
            {
                case "":
                case "utf8":
                case "utf-8":
                    break;
                case "utf16":
                case "utf-16":
                    Report(GeneratorDiagnosticIds.InvalidOption, "string encoding `utf16` is not supported by the C# guest bindings yet; use `utf8`", null);
                    ok = false;
                    break;
                default:
                    Report(GeneratorDiagnosticIds.InvalidOption, $"unknown string encoding `{_options.StringEncoding}`; expected `utf8` or `utf16`", null);
                    ok = false;
                    break;
            }
            return ok ? options : null;
        }

        private static FeatureSet ParseFeatures(string features)
        {
            string trimmed = features.Trim();
            return trimmed == "*" ? FeatureSet.All : FeatureSet.Parse(trimmed);
        }

        private static bool IsValidNamespace(string ns)
        {
            foreach (var part in ns.Split('.'))
            {
                if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None) return false;
            }
            return true;
        }

        // ------------------------------------------------------------------ worlds

        /// <summary>The worlds named by the options, or the only world of the root's main packages.</summary>
        private List<WorldId> SelectWorlds(Resolve resolve, IReadOnlyList<PackageId> mains)
        {
            var available = new List<(WorldId Id, string Name, string Qualified)>();
            foreach (var packageId in mains)
            {
                var package = resolve.Packages[packageId];
                foreach (var pair in package.Worlds) available.Add((pair.Value, pair.Key, resolve.IdOfName(packageId, pair.Key)));
            }
            string availableText = available.Count == 0
                ? "the WIT defines no world"
                : "available worlds: " + string.Join(", ", available.Select(w => w.Qualified));
            Span anchor = available.Count > 0 ? resolve.Worlds[available[0].Id].Span : Span.Unknown;

            var requested = _options.Worlds.Split(new[] { ',', ';', ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            var selected = new List<WorldId>();
            if (requested.Length == 0)
            {
                if (available.Count == 1)
                {
                    selected.Add(available[0].Id);
                }
                else
                {
                    string what = available.Count == 0 ? "no world to generate bindings for" : "several worlds; choose one with World=\"...\" on the <Wit> item";
                    ReportAt(GeneratorDiagnosticIds.WorldSelection, $"{DisplayRoot()} has {what}; {availableText}", anchor);
                }
                return selected;
            }

            foreach (var name in requested)
            {
                var matches = name.IndexOf('/') >= 0
                    ? FindQualified(resolve, name)
                    : available.Where(w => w.Name == name).Select(w => w.Id).ToList();
                if (matches.Count == 1)
                {
                    if (!selected.Contains(matches[0])) selected.Add(matches[0]);
                }
                else if (matches.Count == 0)
                {
                    ReportAt(GeneratorDiagnosticIds.WorldSelection, $"world `{name}` not found in {DisplayRoot()}; {availableText}", anchor);
                }
                else
                {
                    ReportAt(GeneratorDiagnosticIds.WorldSelection, $"world name `{name}` is ambiguous in {DisplayRoot()}; use the qualified name; {availableText}", anchor);
                }
            }
            return selected;
        }

        /// <summary>Worlds named <c>ns:pkg/world</c> or <c>ns:pkg/world@version</c> in any package.</summary>
        private static List<WorldId> FindQualified(Resolve resolve, string name)
        {
            var matches = new List<WorldId>();
            for (int i = 0; i < resolve.Packages.Count; i++)
            {
                var packageId = resolve.Packages.IdAt(i);
                foreach (var pair in resolve.Packages[packageId].Worlds)
                {
                    string qualified = resolve.IdOfName(packageId, pair.Key);
                    string unversioned = resolve.Packages[packageId].Name.Namespace + ":" + resolve.Packages[packageId].Name.Name + "/" + pair.Key;
                    if (qualified == name || unversioned == name) matches.Add(pair.Value);
                }
            }
            return matches;
        }

        private string DisplayRoot()
        {
            string root = _options.Root;
            int slash = Math.Max(root.LastIndexOf('/'), root.LastIndexOf('\\'));
            return "`" + (slash >= 0 && slash < root.Length - 1 ? root.Substring(slash + 1) : root) + "`";
        }

        // ------------------------------------------------------------------ diagnostics

        public void Report(string id, string message, Span? span, bool isError = true)
        {
            if (span is { IsKnown: true } known && _load?.Sources.FileAt(known.Start) is { } file)
            {
                int start = Clamp(known.Start - file.Offset, file.Text.Length);
                int end = Math.Max(start, Clamp(known.End - file.Offset, file.Text.Length));
                AddLocated(id, message, isError, file, start, end);
                return;
            }
            Diagnostics.Add(new DiagnosticInfo(id, message, isError, null, 0, 0, 0, 0, 0, 0));
        }

        /// <summary>Reports at a span, or at the start of the root's first file when the span is unknown
        /// (so `dotnet build` still points into the WIT rather than nowhere).</summary>
        private void ReportAt(string id, string message, Span span)
        {
            if (span.IsKnown)
            {
                Report(id, message, span);
                return;
            }
            var first = _load?.Sources.Files.FirstOrDefault();
            if (first is null) Report(id, message, null);
            else AddLocated(id, message, true, first, 0, 0);
        }

        private void AddLocated(string id, string message, bool isError, SourceFile file, int start, int end)
        {
            var from = file.Locate(file.Offset + start);
            var to = file.Locate(file.Offset + end);
            Diagnostics.Add(new DiagnosticInfo(id, message, isError, OriginalPath(file.Path), start, end - start,
                from.Line - 1, from.CharColumn - 1, to.Line - 1, to.CharColumn - 1));
        }

        /// <summary>A span of the loaded WIT as a location in its AdditionalFile, or null when unknown.</summary>
        private FileSpan? LocationOf(Span span)
        {
            if (!span.IsKnown || _load?.Sources.FileAt(span.Start) is not { } file) return null;
            int start = Clamp(span.Start - file.Offset, file.Text.Length);
            int end = Math.Max(start, Clamp(span.End - file.Offset, file.Text.Length));
            var from = file.Locate(file.Offset + start);
            var to = file.Locate(file.Offset + end);
            return new FileSpan(OriginalPath(file.Path), start, end - start, from.Line - 1, from.CharColumn - 1, to.Line - 1, to.CharColumn - 1);
        }

        /// <summary>Generation errors are texts starting with "path:line:col: " (UTF-8 byte column);
        /// turn that prefix back into a location.</summary>
        private void ReportGenerationError(string error)
        {
            if (_load is not null)
            {
                foreach (var file in _load.Sources.Files)
                {
                    string prefix = file.Path + ":";
                    if (!error.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    string rest = error.Substring(prefix.Length);
                    int colon1 = rest.IndexOf(':');
                    int colon2 = colon1 < 0 ? -1 : rest.IndexOf(':', colon1 + 1);
                    if (colon2 < 0
                        || !int.TryParse(rest.Substring(0, colon1), out int line)
                        || !int.TryParse(rest.Substring(colon1 + 1, colon2 - colon1 - 1), out int byteColumn)
                        || line < 1 || line > file.LineCount) continue;
                    int offset = file.LineStart(line - 1) + CharOffsetOfByteColumn(file.LineText(line - 1), byteColumn);
                    AddLocated(GeneratorDiagnosticIds.Generation, rest.Substring(colon2 + 1).TrimStart(), true, file, offset, offset);
                    return;
                }
            }
            Report(GeneratorDiagnosticIds.Generation, error, null);
        }

        private static int CharOffsetOfByteColumn(string line, int byteColumn)
        {
            int bytes = 0;
            for (int i = 0; i < line.Length; i++)
            {
                if (bytes >= byteColumn - 1) return i;
                char c = line[i];
                if (c < 0x80) bytes += 1;
                else if (c < 0x800) bytes += 2;
                else if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1])) { bytes += 4; i++; }
                else bytes += 3;
            }
            return line.Length;
        }

        private string OriginalPath(string loaderPath) =>
            _originalPaths.TryGetValue(NormalizePath(loaderPath), out var original) ? original : loaderPath;

        private static int Clamp(int value, int max) => value < 0 ? 0 : value > max ? max : value;
    }

    /// <summary>The same normalization the in-memory file system applies ('\' as '/', no empty or "."
    /// segments), so loader paths can be matched back to AdditionalFiles paths.</summary>
    internal static string NormalizePath(string path)
    {
        var parts = path.Replace('\\', '/').Split('/').Where(p => p.Length > 0 && p != ".");
        return string.Join("/", parts);
    }

    /// <summary>A hint name unique per namespace and world: "Ns.world-name.File.cs" with only safe characters.</summary>
    internal static string HintName(string ns, string world, string fileName)
    {
        var builder = new StringBuilder();
        foreach (char c in ns + "." + world + "." + fileName)
        {
            builder.Append(char.IsLetterOrDigit(c) && c < 0x80 || c == '.' || c == '_' || c == '-' ? c : '_');
        }
        return builder.ToString();
    }
}

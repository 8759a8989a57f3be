using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using WitTools.Analyzers.Models;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Host;
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
        return new WitRootOutput(input.Options.Root, new ValueArray<WorldOutput>(run.Worlds), new ValueArray<DiagnosticInfo>(run.Diagnostics));
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

        public List<WorldOutput> Worlds { get; } = new();
        public List<DiagnosticInfo> Diagnostics { get; } = new();

        public void Execute(CancellationToken cancellationToken)
        {
            var guestOptions = ReadOptions();
            if (guestOptions is null) return;
            bool host = ReadBindings();
            if (_failedOption) return;

            var fileSystem = new InMemoryWitFileSystem();
            foreach (var file in _input.Files)
            {
                fileSystem.AddFile(file.Path, file.Text);
                _originalPaths[NormalizePath(file.Path)] = file.Path;
            }
            cancellationToken.ThrowIfCancellationRequested();

            _load = WitLoader.Load(_options.Root, WitItemValues.Features(_options.Features), fileSystem);
            foreach (var diagnostic in _load.Diagnostics)
            {
                // A located diagnostic already names its file, so the loader's context chain ("failed to
                // resolve directory while parsing WIT for path [...]: failed to parse package: ...") is noise.
                bool located = diagnostic.Span.IsKnown && _load.Sources.FileAt(diagnostic.Span.Start) is not null;
                Report(diagnostic.Code, located ? diagnostic.MessageWithHelp : diagnostic.ToString(), diagnostic.Span, diagnostic.Severity == DiagnosticSeverity.Error);
            }
            if (_load.Resolve is null) return;
            var resolve = _load.Resolve;
            cancellationToken.ThrowIfCancellationRequested();
            if (!_load.Success)
            {
                Recover(resolve, guestOptions, cancellationToken);
                return;
            }

            var worlds = SelectWorlds(resolve, _load.MainPackages);
            foreach (var worldId in worlds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var world = resolve.Worlds[worldId];
                foreach (var warning in DeprecatedUse.InWorld(resolve, worldId, _load.MainPackages))
                {
                    Report(warning.Code, warning.Message, warning.Span, isError: false);
                }
                var result = host ? HostGenerator.Generate(resolve, worldId, guestOptions) : GuestGenerator.Generate(resolve, worldId, guestOptions);
                foreach (var error in result.Diagnostics) ReportAt(error.Code, error.Message, error.Span);
                if (result.Success) AddWorld(world, result);
            }
        }

        /// <summary>
        /// After WIT errors (reported already): the bindings of what still resolves, so the user's C# keeps compiling
        /// and the build's errors are the WIT errors, not a cascade of C# errors about bindings that vanished
        /// (docs/source-generator.md, "Diagnostics"). A syntax error is usually repaired by the parser; what reaches a
        /// name that did not resolve is left out (<see cref="BindingRecovery.Prune"/>). Nothing here is reported: a
        /// world that cannot be bound this way only means no bindings, as before.
        /// </summary>
        private void Recover(Resolve resolve, GuestOptions options, CancellationToken cancellationToken)
        {
            var selection = WorldSelection.Select(resolve, _load!.MainPackages, WitItemValues.Worlds(_options.Worlds), WitItemValues.HowToChooseWorld);
            foreach (var worldId in selection.Worlds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    BindingRecovery.Prune(resolve, worldId);
                    var result = GuestGenerator.Generate(resolve, worldId, options);
                    if (result.Success) AddWorld(resolve.Worlds[worldId], result);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // the best-effort model of a failed load held something the bindings cannot take: no bindings
                }
            }
        }

        private void AddWorld(World world, GuestResult result)
        {
            // The emitter also writes the resolved WIT next to the bindings (for componentization): only
            // C# belongs in the compilation. The runtime is generated by the merge, once per namespace.
            var files = result.Files
                .Where(f => f.Kind is GuestFileKind.Bindings or GuestFileKind.Stubs)
                .Select(f => new WorldFile(f.Name, f.Text, (int)f.Kind));
            var exports = result.Exports.Select(export => new ExportInfo(export.Name, world.Name, export.WorldNamespace, export.WorldClass,
                export.Factory, export.Contract, export.Declaration, new ValueArray<string>(export.Functions.ToArray()), LocationOf(export.Span)));
            Worlds.Add(new WorldOutput(result.World, result.RootNamespace, result.OptionsKey, result.Runtime.ToString(),
                new ValueArray<string>(result.EntryPoints), new ValueArray<WorldFile>(files), Locate(world.Span),
                new ValueArray<ExportInfo>(exports)));
        }

        /// <summary>A span as a located diagnostic with no id or message yet (the root's first file when unknown).</summary>
        private DiagnosticInfo Locate(Span span)
        {
            int before = Diagnostics.Count;
            ReportAt("", "", span);
            var located = Diagnostics[before];
            Diagnostics.RemoveAt(before);
            return located;
        }

        private static readonly OptionNames MSBuildNames = new(
            "the Namespace metadata of the <Wit> item, or the WitNamespace or RootNamespace property",
            "the ResultMapping metadata of the <Wit> item or the WitResultMapping property",
            "the StringEncoding metadata of the <Wit> item or the WitStringEncoding property");

        private bool _failedOption;

        /// <summary>The Bindings metadata: guest (the default) or host bindings.</summary>
        private bool ReadBindings()
        {
            switch (_options.Bindings.ToLowerInvariant())
            {
                case "":
                case "guest":
                    return false;
                case "host":
                    return true;
                default:
                    Report(GeneratorDiagnosticIds.InvalidOption,
                        $"the Bindings metadata of the <Wit> item is `{_options.Bindings}`; expected `guest` (the project is the component) or `host` (the project runs components with Wasmtime)", null);
                    _failedOption = true;
                    return false;
            }
        }

        private GuestOptions? ReadOptions()
        {
            var validated = OptionValidation.Validate(
                new OptionTexts { RootNamespace = _options.Namespace, ResultMapping = _options.ResultMapping, StringEncoding = _options.StringEncoding },
                MSBuildNames);
            foreach (var diagnostic in validated.Diagnostics) Report(diagnostic);
            return validated.Options;
        }

        // ------------------------------------------------------------------ worlds

        /// <summary>The worlds named by the World metadata (separated by `,`, `;` or blanks), or the only world.</summary>
        private IReadOnlyList<WorldId> SelectWorlds(Resolve resolve, IReadOnlyList<PackageId> mains)
        {
            var selection = WorldSelection.Select(resolve, mains, WitItemValues.Worlds(_options.Worlds), WitItemValues.HowToChooseWorld);
            // Without a span of its own, a selection error is shown at the first world of the root (where the
            // available worlds are declared), else at the start of its first file.
            var anchor = mains.Where(resolve.Packages.Contains).SelectMany(id => resolve.Packages[id].Worlds.Values)
                .Select(id => resolve.Worlds[id].Span).Where(span => span.IsKnown).DefaultIfEmpty(Span.Unknown).First();
            foreach (var diagnostic in selection.Diagnostics) ReportAt(diagnostic.Code, diagnostic.Message, diagnostic.Span.IsKnown ? diagnostic.Span : anchor);
            return selection.Worlds;
        }

        // ------------------------------------------------------------------ diagnostics

        /// <summary>A WIT diagnostic as a Roslyn diagnostic, located by its span.</summary>
        private void Report(WitDiagnostic diagnostic) =>
            Report(diagnostic.Code, diagnostic.ToString(), diagnostic.Span, diagnostic.Severity == DiagnosticSeverity.Error);

        public void Report(string id, string message, Span? span, bool isError = true)
        {
            if (span is { IsKnown: true } known && _load?.Sources.FileAt(known.Start) is { } file)
            {
                AddLocated(id, message, isError, file, known.Start, known.End);
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
            else AddLocated(id, message, true, first, first.Offset, first.Offset);
        }

        /// <summary>Adds a diagnostic at the global (UTF-8 byte) offsets of a file, converted to the UTF-16
        /// positions Roslyn wants.</summary>
        private void AddLocated(string id, string message, bool isError, SourceFile file, int globalStart, int globalEnd)
        {
            var location = ToFileSpan(file, globalStart, globalEnd);
            Diagnostics.Add(new DiagnosticInfo(id, message, isError, location.Path, location.Start, location.Length,
                location.StartLine, location.StartCharacter, location.EndLine, location.EndCharacter));
        }

        /// <summary>A span of the loaded WIT as a location in its AdditionalFile, or null when unknown.</summary>
        private FileSpan? LocationOf(Span span) =>
            span.IsKnown && _load?.Sources.FileAt(span.Start) is { } file ? ToFileSpan(file, span.Start, span.End) : null;

        private FileSpan ToFileSpan(SourceFile file, int globalStart, int globalEnd)
        {
            globalEnd = Math.Max(globalStart, globalEnd);
            int start = file.CharIndex(globalStart);
            int end = Math.Max(start, file.CharIndex(globalEnd));
            var from = file.PositionOf(globalStart);
            var to = file.PositionOf(globalEnd);
            return new FileSpan(OriginalPath(file.Path), start, end - start, from.Line, from.Character, to.Line, to.Character);
        }

        private string OriginalPath(string loaderPath) =>
            _originalPaths.TryGetValue(NormalizePath(loaderPath), out var original) ? original : loaderPath;
    }

    /// <summary>The same normalization the in-memory file system applies ('\' as '/', no empty or "."
    /// segments), so loader paths can be matched back to AdditionalFiles paths.</summary>
    internal static string NormalizePath(string path)
    {
        var parts = path.Replace('\\', '/').Split('/').Where(p => p.Length > 0 && p != ".");
        return string.Join("/", parts);
    }

    /// <summary>A hint name unique per root namespace: "Ns.File.cs" with only safe characters.</summary>
    internal static string HintName(string ns, string fileName)
    {
        var builder = new StringBuilder();
        foreach (char c in ns + "." + fileName)
        {
            builder.Append(char.IsLetterOrDigit(c) && c < 0x80 || c == '.' || c == '_' || c == '-' ? c : '_');
        }
        return builder.ToString();
    }

    /// <summary>Merges the worlds of all roots (in root order) into one set of sources: files several worlds
    /// share are added once, the runtime once per namespace; worlds that cannot coexist are reported (WIT0103)
    /// at the declaration of the later world.</summary>
    public static MergedOutput Merge(IReadOnlyList<WitRootOutput> roots)
    {
        var worlds = roots.SelectMany(r => r.Worlds).ToList();
        var results = worlds.Select(w => GuestResult.Generated(
            w.Files.Select(f => new GuestFile(f.Name, f.Text, (GuestFileKind)f.Kind, w.Namespace)).ToList(),
            w.World, w.Namespace, RuntimeFeatures.Parse(w.Runtime), w.EntryPoints.ToList(), w.OptionsKey)).ToList();
        var merged = GuestGenerator.Merge(results);
        var sources = merged.Files
            .Where(f => f.Kind != GuestFileKind.Wit)
            .Select(f => new GeneratedSource(HintName(f.RootNamespace, f.Name), f.Text));
        var diagnostics = merged.Errors.Select(e => worlds[e.Index].Location with { Id = GeneratorDiagnosticIds.DuplicateOutput, Message = e.Message, IsError = true });
        var dropped = new HashSet<int>(merged.Errors.Select(e => e.Index));
        var exports = worlds.Where((_, i) => !dropped.Contains(i)).SelectMany(w => w.Exports);
        return new MergedOutput(new ValueArray<GeneratedSource>(sources), new ValueArray<DiagnosticInfo>(diagnostics), new ValueArray<ExportInfo>(exports));
    }
}

using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// The outcome of <see cref="WitLoader.Load(string, FeatureSet, IWitFileSystem?)"/>. When loading fails
/// (<see cref="Success"/> is false) it still holds everything that could be done: every error, the files read
/// with their syntax trees, a best-effort <see cref="Resolve"/> and, when asked for, the symbol index.
/// </summary>
/// <remarks>
/// What a failed load guarantees: <see cref="Diagnostics"/> lists every problem found (the first is the one
/// wit-parser reports); <see cref="Files"/> lists every file read; <see cref="Resolve"/> is null only when no
/// file could be read (or after an internal error), and otherwise holds every package that could be built, with
/// its ids valid, but with what failed left out or replaced: a name that did not resolve is a
/// <see cref="TypeDef"/> of <see cref="UnknownKind"/> without owner, an import of an interface that does not
/// exist is missing (but a misspelled name with one clear nearest name of its kind is bound to that name instead,
/// and listed in <see cref="StandIns"/>), a package without a <c>package</c> header or defined twice is not there. Such a Resolve is
/// for navigation (hover, go to definition); it must not be serialized, printed or given to a binding generator as
/// it is (the source generator binds only what BindGen's <c>BindingRecovery.Prune</c> leaves of a world: what reaches
/// no error).
/// </remarks>
public sealed class LoadResult
{
    internal LoadResult(Resolve? resolve, IReadOnlyList<PackageId> mainPackages, SourceMap sources, IReadOnlyList<WitDiagnostic> diagnostics,
        IReadOnlyDictionary<PackageId, IReadOnlyList<string>>? packageSources = null, IReadOnlyList<ParsedWitFile>? files = null,
        WitSymbolIndex? symbols = null, IReadOnlyList<WitStandIn>? standIns = null)
    {
        StandIns = standIns ?? Array.Empty<WitStandIn>();
        Resolve = resolve;
        PackageSources = packageSources ?? new Dictionary<PackageId, IReadOnlyList<string>>();
        MainPackages = mainPackages;
        Sources = sources;
        Diagnostics = diagnostics;
        Files = files ?? Array.Empty<ParsedWitFile>();
        Symbols = symbols;
    }

    /// <summary>The resolved packages (the loaded ones and their dependencies). After a failure: best effort (see the
    /// remarks), or null when nothing could be read.</summary>
    public Resolve? Resolve { get; }

    /// <summary>
    /// The packages defined by the loaded path itself, not by its <c>deps/</c>: the main package first
    /// (the one wit-parser's <c>push_path</c> returns), then any packages nested in its files. After a failure, those
    /// of them that are in <see cref="Resolve"/> (the main package may be missing).
    /// </summary>
    public IReadOnlyList<PackageId> MainPackages { get; }

    /// <summary>The paths of the files each package was parsed from (a package nested in a file lists
    /// all files of that package directory).</summary>
    public IReadOnlyDictionary<PackageId, IReadOnlyList<string>> PackageSources { get; }

    /// <summary>Every source file read, for rendering diagnostics.</summary>
    public SourceMap Sources { get; }

    /// <summary>Every file read (in the order of <see cref="Sources"/>) with its syntax tree and syntax errors.</summary>
    public IReadOnlyList<ParsedWitFile> Files { get; }

    /// <summary>Every definition and reference of the loaded WIT, when <see cref="WitLoadOptions.BuildSymbols"/> was
    /// set (also after a failure); otherwise null.</summary>
    public WitSymbolIndex? Symbols { get; }

    /// <summary>Recovery data of a failed load: the misspelled names that <see cref="Resolve"/> binds to the name each
    /// most likely meant (each beside its error, whose help suggests that name). Empty when the load succeeded.</summary>
    public IReadOnlyList<WitStandIn> StandIns { get; }

    /// <summary>Errors first, then warnings. The first error is the one wit-parser reports; the other errors follow in
    /// source order (errors without a location last).</summary>
    public IReadOnlyList<WitDiagnostic> Diagnostics { get; }

    /// <summary>True when there is a Resolve and no error.</summary>
    public bool Success
    {
        get
        {
            if (Resolve == null) return false;
            foreach (var d in Diagnostics)
            {
                if (d.Severity == DiagnosticSeverity.Error) return false;
            }
            return true;
        }
    }

    /// <summary>All diagnostics rendered the way wit-parser prints errors, separated by blank lines.</summary>
    public string RenderDiagnostics()
    {
        var parts = new List<string>(Diagnostics.Count);
        foreach (var d in Diagnostics) parts.Add(DiagnosticRenderer.Render(d, Sources));
        return string.Join("\n\n", parts);
    }
}

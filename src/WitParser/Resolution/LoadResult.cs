using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>The outcome of <see cref="WitLoader.Load"/>.</summary>
public sealed class LoadResult
{
    internal LoadResult(Resolve? resolve, IReadOnlyList<PackageId> mainPackages, SourceMap sources, IReadOnlyList<WitDiagnostic> diagnostics,
        IReadOnlyDictionary<PackageId, IReadOnlyList<string>>? packageSources = null)
    {
        Resolve = resolve;
        PackageSources = packageSources ?? new Dictionary<PackageId, IReadOnlyList<string>>();
        MainPackages = mainPackages;
        Sources = sources;
        Diagnostics = diagnostics;
    }

    /// <summary>The resolved packages (the loaded ones and their dependencies); null when loading failed.</summary>
    public Resolve? Resolve { get; }

    /// <summary>
    /// The packages defined by the loaded path itself, not by its <c>deps/</c>: the main package first
    /// (the one wit-parser's <c>push_path</c> returns), then any packages nested in its files. Empty on failure.
    /// </summary>
    public IReadOnlyList<PackageId> MainPackages { get; }

    /// <summary>The paths of the files each package was parsed from (a package nested in a file lists
    /// all files of that package directory). Empty on failure.</summary>
    public IReadOnlyDictionary<PackageId, IReadOnlyList<string>> PackageSources { get; }

    /// <summary>Every source file read, for rendering diagnostics.</summary>
    public SourceMap Sources { get; }

    /// <summary>Errors first (the first one is the one wit-parser reports), then warnings.</summary>
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

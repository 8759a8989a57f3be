using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// Pushes unresolved packages into a <see cref="Resolve"/> (wit-parser's <c>Resolve::push</c>,
/// <c>push_group</c> and <c>push_groups</c>): orders packages by their dependencies, connects foreign
/// references, drops items gated by disabled features, processes <c>include</c>s and elaborates worlds.
/// Errors (wit-parser's messages, the first one being the one wit-parser reports) are collected in
/// <see cref="Diagnostics"/> and the work goes on: what an error concerns is left out (an unknown type
/// becomes an error type of <see cref="UnknownKind"/>), so the Resolve stays usable for navigation, but a
/// Resolve with errors must not be serialized, printed or given to a binding generator.
/// </summary>
public sealed partial class ResolveBuilder
{
    private readonly DiagnosticSink _errors;

    public ResolveBuilder(Resolve resolve) : this(resolve, new DiagnosticSink()) { }

    internal ResolveBuilder(Resolve resolve, DiagnosticSink errors)
    {
        Resolve = resolve;
        _errors = errors;
    }

    public Resolve Resolve { get; }

    /// <summary>The errors found so far, in the order found.</summary>
    public IReadOnlyList<WitDiagnostic> Diagnostics => _errors.Items;

    private SourceMap Sources => Resolve.SourceMap;

    // Names of the packages being pushed: a dependency on one that is not (yet) in the Resolve is a consequence
    // of another error (a cycle, or a package that failed), not a missing package.
    private readonly HashSet<PackageName> _expectedPackages = new();

    // Names of packages defined twice (reported): an item missing from the one kept may be in the other.
    private readonly HashSet<PackageName> _ambiguousPackages = new();

    /// <summary>Pushes one group (its nested packages and main package) in dependency order; returns the
    /// main package's id (null when it could not be pushed).</summary>
    public PackageId? PushGroup(UnresolvedPackageGroup group)
    {
        var ids = PushGroups(group, Array.Empty<UnresolvedPackageGroup>());
        return ids.Count > 0 ? ids[0] : null;
    }

    /// <summary>
    /// Pushes a main group and its dependency groups, sorted topologically (wit-parser's
    /// <c>sort_unresolved_packages</c>). Returns the main package's id first, followed by the ids of the
    /// packages nested in the main group's files (the main package is missing when it could not be pushed,
    /// e.g. for lack of a name, or when <paramref name="main"/> is null).
    /// </summary>
    public IReadOnlyList<PackageId> PushGroups(UnresolvedPackageGroup? main, IReadOnlyList<UnresolvedPackageGroup> deps)
    {
        // Every package with the index of its group; nested packages come before their group's main one.
        var all = new List<(UnresolvedPackage Package, int Group)>();
        void Collect(UnresolvedPackageGroup group, int index)
        {
            foreach (var nested in group.Nested) all.Add((nested, index));
            all.Add((group.Main, index));
        }
        if (main != null) Collect(main, 0);
        for (int i = 0; i < deps.Count; i++) Collect(deps[i], i + 1);

        // Packages by name, sorted by name (wit-parser keeps them in a BTreeMap); a name defined twice is an error.
        var byName = new SortedDictionary<PackageName, (UnresolvedPackage Package, int Group)>(PackageNameComparer.Instance);
        foreach (var entry in all)
        {
            if (entry.Package.IsUnnamed) continue;
            if (byName.TryGetValue(entry.Package.Name, out var previous))
            {
                string message =
                    $"package `{entry.Package.Name}` is defined in two different locations:\n" +
                    $"  * {Sources.RenderLocation(entry.Package.PackageNameSpan)}\n" +
                    $"  * {Sources.RenderLocation(previous.Package.PackageNameSpan)}";
                // The locations are part of the message (no snippet), as wit-parser renders this error.
                _errors.Error(message, Span.Unknown, DiagnosticCodes.Package);
                _ambiguousPackages.Add(entry.Package.Name);
                continue;
            }
            byName[entry.Package.Name] = entry;
        }

        var names = new List<PackageName>(byName.Keys);
        var packages = new List<UnresolvedPackage>(names.Count);
        foreach (var name in names)
        {
            packages.Add(byName[name].Package);
            _expectedPackages.Add(name);
        }

        var order = PackageToposort.Sort(
            names,
            index => ForeignDepEdges(packages[index]),
            EqualityComparer<PackageName>.Default,
            cycle => _errors.Error($"package `{cycle.Package}` creates a dependency cycle", cycle.Span, DiagnosticCodes.Package));

        PackageId? mainId = null;
        var nestedIds = new List<PackageId>();
        var nestedOfMain = new HashSet<UnresolvedPackage>();
        if (main != null)
        {
            foreach (var nested in main.Nested) nestedOfMain.Add(nested);
        }
        foreach (int index in order)
        {
            var package = packages[index];
            if (Push(package) is not { } id) continue;
            if (main != null && ReferenceEquals(package, main.Main)) mainId = id;
            else if (nestedOfMain.Contains(package)) nestedIds.Add(id);
        }

        var result = new List<PackageId>(1 + nestedIds.Count);
        if (mainId is { } found) result.Add(found);
        result.AddRange(nestedIds);
        return result;
    }

    private static IReadOnlyList<PackageToposort.Edge<PackageName>> ForeignDepEdges(UnresolvedPackage package)
    {
        var edges = new List<PackageToposort.Edge<PackageName>>(package.ForeignDeps.Count);
        for (int i = 0; i < package.ForeignDeps.Count; i++)
        {
            var span = i < package.ForeignDepSpans.Count ? package.ForeignDepSpans[i] : Span.Unknown;
            edges.Add(new PackageToposort.Edge<PackageName>(package.ForeignDeps.KeyAt(i), span));
        }
        return edges;
    }

    /// <summary>Pushes one package whose dependencies are all already in the Resolve (wit-parser's
    /// <c>Resolve::push</c>). The package's arenas are consumed. Null when a package of that name is there already.</summary>
    public PackageId? Push(UnresolvedPackage package)
    {
        var remap = new Remap(Resolve, _errors, _expectedPackages, _ambiguousPackages);
        var id = remap.Append(package);
        if (id is { } pushed) package.Symbols?.Bind(pushed, Resolve, remap);
        return id;
    }

    /// <summary>Orders package names like wit-parser's derived <c>Ord</c>: namespace, name, then version.</summary>
    private sealed class PackageNameComparer : IComparer<PackageName>
    {
        public static readonly PackageNameComparer Instance = new();

        public int Compare(PackageName? x, PackageName? y) =>
            x is null ? (y is null ? 0 : -1) : x.CompareTo(y);
    }
}

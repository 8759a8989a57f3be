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
/// Errors are thrown as <see cref="WitException"/> with wit-parser's messages; after an error the
/// Resolve may be partially modified and should be discarded (as in wit-parser).
/// </summary>
public sealed partial class ResolveBuilder
{
    public ResolveBuilder(Resolve resolve)
    {
        Resolve = resolve;
    }

    public Resolve Resolve { get; }

    private SourceMap Sources => Resolve.SourceMap;

    /// <summary>Pushes one group (its nested packages and main package) in dependency order; returns the
    /// main package's id.</summary>
    public PackageId PushGroup(UnresolvedPackageGroup group) =>
        PushGroups(group, Array.Empty<UnresolvedPackageGroup>())[0];

    /// <summary>
    /// Pushes a main group and its dependency groups, sorted topologically (wit-parser's
    /// <c>sort_unresolved_packages</c>). Returns the main package's id first, followed by the ids of the
    /// packages nested in the main group's files.
    /// </summary>
    public IReadOnlyList<PackageId> PushGroups(UnresolvedPackageGroup main, IReadOnlyList<UnresolvedPackageGroup> deps)
    {
        // Every package with the index of its group; nested packages come before their group's main one.
        var all = new List<(UnresolvedPackage Package, int Group)>();
        void Collect(UnresolvedPackageGroup group, int index)
        {
            foreach (var nested in group.Nested) all.Add((nested, index));
            all.Add((group.Main, index));
        }
        Collect(main, 0);
        for (int i = 0; i < deps.Count; i++) Collect(deps[i], i + 1);

        // Packages by name, sorted by name (wit-parser keeps them in a BTreeMap); a name defined twice is an error.
        var byName = new SortedDictionary<PackageName, (UnresolvedPackage Package, int Group)>(PackageNameComparer.Instance);
        foreach (var entry in all)
        {
            if (byName.TryGetValue(entry.Package.Name, out var previous))
            {
                string message =
                    $"package `{entry.Package.Name}` is defined in two different locations:\n" +
                    $"  * {Sources.RenderLocation(entry.Package.PackageNameSpan)}\n" +
                    $"  * {Sources.RenderLocation(previous.Package.PackageNameSpan)}";
                // The locations are part of the message (no snippet), as wit-parser renders this error.
                throw new WitException(message, Span.Unknown, DiagnosticCodes.Package);
            }
            byName[entry.Package.Name] = entry;
        }

        var names = new List<PackageName>(byName.Keys);
        var packages = new List<UnresolvedPackage>(names.Count);
        foreach (var name in names) packages.Add(byName[name].Package);

        var order = PackageToposort.Sort(
            names,
            index => ForeignDepEdges(packages[index]),
            EqualityComparer<PackageName>.Default,
            out var cycle);
        if (order == null)
        {
            throw new WitException($"package `{cycle!.Package}` creates a dependency cycle", cycle.Span, DiagnosticCodes.Package);
        }

        var mainName = main.Main.Name;
        PackageId? mainId = null;
        var nestedIds = new List<PackageId>();
        var nestedOfMain = new HashSet<PackageName>();
        foreach (var nested in main.Nested) nestedOfMain.Add(nested.Name);
        foreach (int index in order)
        {
            var package = packages[index];
            var id = Push(package);
            if (package.Name == mainName) mainId = id;
            else if (nestedOfMain.Contains(package.Name)) nestedIds.Add(id);
        }

        var result = new List<PackageId>(1 + nestedIds.Count) { mainId!.Value };
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
    /// <c>Resolve::push</c>). The package's arenas are consumed.</summary>
    public PackageId Push(UnresolvedPackage package) => new Remap(Resolve).Append(package);

    /// <summary>Orders package names like wit-parser's derived <c>Ord</c>: namespace, name, then version.</summary>
    private sealed class PackageNameComparer : IComparer<PackageName>
    {
        public static readonly PackageNameComparer Instance = new();

        public int Compare(PackageName? x, PackageName? y) =>
            x is null ? (y is null ? 0 : -1) : x.CompareTo(y);
    }
}

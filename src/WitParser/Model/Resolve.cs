using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Model;

/// <summary>
/// A fully resolved set of WIT packages (wit-parser's Resolve): every item of every package lives in one
/// of the arenas and refers to others by id. Types are in topological order (a type only refers to
/// earlier ones).
/// </summary>
public sealed class Resolve
{
    public Arena<WorldId, World> Worlds { get; } = new();

    public Arena<InterfaceId, Interface> Interfaces { get; } = new();

    public Arena<TypeId, TypeDef> Types { get; } = new();

    public Arena<PackageId, Package> Packages { get; } = new();

    /// <summary>Package name to id, in insertion order.</summary>
    public OrderedMap<PackageName, PackageId> PackageNames { get; } = new();

    /// <summary>Enabled <c>@unstable</c> features.</summary>
    public OrderedSet<string> Features { get; } = new();

    /// <summary>Whether every <c>@unstable</c> feature counts as enabled.</summary>
    public bool AllFeatures { get; set; }

    /// <summary>The source files all spans in this Resolve point into.</summary>
    public SourceMap SourceMap { get; set; } = new();

    /// <summary>Whether an <c>@unstable(feature = name)</c> item is included.</summary>
    public bool IsFeatureEnabled(string feature) => AllFeatures || Features.Contains(feature);

    /// <summary>The full id <c>ns:pkg/name@version</c> of a named interface; null for inline interfaces.</summary>
    public string? IdOf(InterfaceId interfaceId)
    {
        var iface = Interfaces[interfaceId];
        if (iface.Name is null || iface.Package is not { } pkg) return null;
        return IdOfName(pkg, iface.Name);
    }

    /// <summary>The full id of interface <paramref name="name"/> in package <paramref name="package"/>.</summary>
    public string IdOfName(PackageId package, string name) => Packages[package].Name.QualifyInterface(name);

    /// <summary>A human-readable name of a world key: the name, or the interface's full id.</summary>
    public string NameWorldKey(WorldKey key) =>
        key.Name ?? IdOf(key.Interface) ?? "interface-" + key.Interface.Index;

    /// <summary>The id of the package with this name, if present.</summary>
    public PackageId? FindPackage(PackageName name) => PackageNames.TryGetValue(name, out var id) ? id : null;

    /// <summary>
    /// The interface a type alias takes its target from, when that differs from the alias's own owner (a
    /// <c>use</c>); otherwise null.
    /// </summary>
    public InterfaceId? TypeInterfaceDep(TypeId id)
    {
        var ty = Types[id];
        if (ty.Kind is not AliasKind { Target: { IsId: true } target }) return null;
        var other = Types[target.Id];
        if (ty.Owner == other.Owner) return null;
        return other.Owner.TryGetInterface(out var iface) ? iface : null;
    }

    /// <summary>Interfaces whose types the interface uses (direct only; may repeat).</summary>
    public IEnumerable<InterfaceId> InterfaceDirectDeps(InterfaceId id)
    {
        foreach (var typeId in Interfaces[id].Types.Values)
            if (TypeInterfaceDep(typeId) is { } dep) yield return dep;
    }

    /// <summary>Other packages the package refers to (direct only; may repeat).</summary>
    public IEnumerable<PackageId> PackageDirectDeps(PackageId id)
    {
        var pkg = Packages[id];
        var ifaces = new List<InterfaceId>();
        foreach (var iface in pkg.Interfaces.Values) ifaces.AddRange(InterfaceDirectDeps(iface));
        foreach (var worldId in pkg.Worlds.Values)
        {
            var world = Worlds[worldId];
            foreach (var map in new[] { world.Imports, world.Exports })
                foreach (var item in map.Values)
                {
                    if (item is InterfaceWorldItem i) ifaces.Add(i.Id);
                    else if (item is TypeWorldItem t && TypeInterfaceDep(t.Id) is { } dep) ifaces.Add(dep);
                }
        }
        foreach (var iface in ifaces)
            if (Interfaces[iface].Package is { } other && other != id) yield return other;
    }

    /// <summary>All packages ordered so that each comes after the packages it depends on.</summary>
    public List<PackageId> TopologicalPackages()
    {
        var pushed = new bool[Packages.Count];
        var order = new List<PackageId>();
        // Iterative depth-first post-order (dependency chains can be long).
        var stack = new Stack<(PackageId Id, IEnumerator<PackageId> Deps)>();
        foreach (var root in Packages.Ids)
        {
            if (pushed[root.Index]) continue;
            var onStack = new HashSet<PackageId> { root };
            stack.Push((root, PackageDirectDeps(root).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (id, deps) = stack.Peek();
                if (deps.MoveNext())
                {
                    var dep = deps.Current;
                    if (!pushed[dep.Index] && onStack.Add(dep)) stack.Push((dep, PackageDirectDeps(dep).GetEnumerator()));
                    continue;
                }
                stack.Pop();
                onStack.Remove(id);
                if (!pushed[id.Index])
                {
                    pushed[id.Index] = true;
                    order.Add(id);
                }
            }
        }
        return order;
    }
}

using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Binding;

/// <summary>
/// What of a world can still be bound after a failed load (issue 11: one typo in a .wit file must give the WIT
/// error, not a wall of C# errors because every binding vanished). The loader recovers from errors and keeps a
/// best-effort <see cref="Resolve"/>: a syntax error is usually repaired (a missing token assumed), a name that did not
/// resolve is an error type (<see cref="UnknownKind"/>). <see cref="Prune"/> leaves out of the world what reaches
/// such an error, so that <see cref="BindingBuilder"/> can bind the rest and the user's code keeps compiling against
/// everything that still resolves, while the WIT errors stay the build's errors.
/// </summary>
public static class BindingRecovery
{
    /// <summary>
    /// Removes from <paramref name="world"/> and the interfaces it imports and exports every function and type that
    /// reaches an error type (or a type or interface missing from the arenas), and world items naming what is missing.
    /// Mutates <paramref name="resolve"/>: only for the Resolve of a failed load, which is thrown away afterwards.
    /// Returns whether anything was left out.
    /// </summary>
    public static bool Prune(Resolve resolve, WorldId world)
    {
        var broken = new Dictionary<TypeId, bool>();
        bool BrokenType(WitType type) => type.IsId && BrokenId(type.Id);
        bool BrokenId(TypeId id)
        {
            if (!resolve.Types.Contains(id)) return true;
            if (broken.TryGetValue(id, out var known)) return known;
            broken[id] = true; // types are acyclic once resolved; a cycle left by an error counts as broken
            var kind = resolve.Types[id].Kind;
            bool result = kind is UnknownKind || TypeWalk.Children(kind).Any(BrokenType);
            broken[id] = result;
            return result;
        }
        bool BrokenFunction(Function f) => f.ParameterAndResultTypes().Any(BrokenType) || f.Resource is { } r && BrokenId(r);

        bool pruned = false;
        var seen = new HashSet<InterfaceId>();
        var items = resolve.Worlds[world];
        foreach (var map in new[] { items.Imports, items.Exports })
        {
            map.Retain((_, item) =>
            {
                bool keep = item switch
                {
                    InterfaceWorldItem i => resolve.Interfaces.Contains(i.Id),
                    FunctionWorldItem f => !BrokenFunction(f.Function),
                    TypeWorldItem t => !BrokenId(t.Id),
                    _ => true,
                };
                pruned |= !keep;
                return keep;
            });
            foreach (var item in map.Values)
            {
                if (item is not InterfaceWorldItem i || !seen.Add(i.Id)) continue;
                var iface = resolve.Interfaces[i.Id];
                int before = iface.Types.Count + iface.Functions.Count;
                iface.Types.Retain((_, id) => !BrokenId(id));
                iface.Functions.Retain((_, f) => !BrokenFunction(f));
                pruned |= iface.Types.Count + iface.Functions.Count != before;
            }
        }
        return pruned;
    }
}

using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// Warnings for `@deprecated` items that the user's own WIT uses, so every warning is one the user can act on:
/// a deprecated import or export of the user's world (at that import or export), a deprecated type the user's
/// interfaces or world `use` (at the `use`), and deprecated functions and types the user's own packages declare
/// in the interfaces the world binds (at their declaration). What dependencies declare deprecated but the
/// user's WIT does not name (say `wasi:http/types.field-key` inside an imported interface) is not reported.
/// </summary>
public static class DeprecatedUse
{
    /// <param name="userPackages">The packages the user wrote (a load's main packages); a world of another
    /// package has no warnings.</param>
    public static IReadOnlyList<WitDiagnostic> InWorld(Resolve resolve, WorldId worldId, IReadOnlyCollection<PackageId> userPackages)
    {
        var warnings = new List<WitDiagnostic>();
        var seenInterfaces = new HashSet<InterfaceId>();
        var world = resolve.Worlds[worldId];
        if (world.Package is not { } worldPackage || !userPackages.Contains(worldPackage)) return warnings;
        string worldName = resolve.IdOfName(worldPackage, world.Name);

        foreach (var items in new[] { world.Imports, world.Exports })
        {
            foreach (var entry in items)
            {
                switch (entry.Value)
                {
                    case InterfaceWorldItem iface:
                        string ifaceName = resolve.IdOf(iface.Id) ?? worldName + "/" + resolve.NameWorldKey(entry.Key);
                        var ifaceStability = iface.Stability.Deprecated is null ? resolve.Interfaces[iface.Id].Stability : iface.Stability;
                        bool own = resolve.Interfaces[iface.Id].Package is not { } owner || userPackages.Contains(owner);
                        // At the import/export; without its span, at the declaration when it is the user's, else at the world.
                        var at = iface.Span.IsKnown ? iface.Span : own ? resolve.Interfaces[iface.Id].Span : world.Span;
                        Warn(warnings, "interface", ifaceName, ifaceStability, at);
                        if (own && seenInterfaces.Add(iface.Id)) InInterface(resolve, iface.Id, ifaceName, warnings);
                        break;
                    case FunctionWorldItem function:
                        Warn(warnings, "function", worldName + "#" + function.Function.Name, function.Function.Stability, function.Function.Span);
                        break;
                    case TypeWorldItem type:
                        var typeDef = resolve.Types[type.Id];
                        Warn(warnings, "type", worldName + "." + (typeDef.Name ?? resolve.NameWorldKey(entry.Key)), typeDef.Stability, typeDef.Span);
                        UsedType(resolve, typeDef, warnings);
                        break;
                }
            }
        }
        return warnings;
    }

    private static void InInterface(Resolve resolve, InterfaceId id, string interfaceName, List<WitDiagnostic> warnings)
    {
        var iface = resolve.Interfaces[id];
        foreach (var type in iface.Types)
        {
            var typeDef = resolve.Types[type.Value];
            Warn(warnings, "type", interfaceName + "." + type.Key, typeDef.Stability, typeDef.Span);
            UsedType(resolve, typeDef, warnings);
        }
        foreach (var function in iface.Functions)
        {
            Warn(warnings, "function", interfaceName + "#" + function.Key, function.Value.Stability, function.Value.Span);
        }
    }

    /// <summary>A `use` (an alias) of a deprecated type declared elsewhere, reported at the `use`.</summary>
    private static void UsedType(Resolve resolve, TypeDef alias, List<WitDiagnostic> warnings)
    {
        if (alias.Kind is not AliasKind { Target: var target } || !target.TryGetId(out var targetId)) return;
        var used = resolve.Types[targetId];
        if (used.Stability.Deprecated is not { } version || used.Owner == alias.Owner) return;
        string name = used.Owner.TryGetInterface(out var owner) && resolve.IdOf(owner) is { } iface ? iface + "." + used.Name : used.Name ?? "?";
        warnings.Add(new WitDiagnostic(
            $"type `{name}` is deprecated since version {version}; the bindings still include it",
            alias.Span.IsKnown ? alias.Span : used.Span, DiagnosticSeverity.Warning, DiagnosticCodes.Deprecated));
    }

    private static void Warn(List<WitDiagnostic> warnings, string what, string name, Stability stability, Span span)
    {
        if (stability.Deprecated is not { } version) return;
        warnings.Add(new WitDiagnostic(
            $"{what} `{name}` is deprecated since version {version}; the bindings still include it",
            span, DiagnosticSeverity.Warning, DiagnosticCodes.Deprecated));
    }
}

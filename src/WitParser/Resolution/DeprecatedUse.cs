using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// Warnings for `@deprecated` items a world brings into its bindings: deprecated imports and exports, and
/// deprecated functions and types of the interfaces it imports or exports. Each warning points at the
/// deprecated item's declaration.
/// </summary>
public static class DeprecatedUse
{
    public static IReadOnlyList<WitDiagnostic> InWorld(Resolve resolve, WorldId worldId)
    {
        var warnings = new List<WitDiagnostic>();
        var seenInterfaces = new HashSet<InterfaceId>();
        var world = resolve.Worlds[worldId];
        string worldName = world.Package is { } pkg ? resolve.IdOfName(pkg, world.Name) : world.Name;

        foreach (var items in new[] { world.Imports, world.Exports })
        {
            foreach (var entry in items)
            {
                switch (entry.Value)
                {
                    case InterfaceWorldItem iface:
                        string ifaceName = resolve.IdOf(iface.Id) ?? worldName + "/" + resolve.NameWorldKey(entry.Key);
                        var ifaceStability = iface.Stability.Deprecated is null ? resolve.Interfaces[iface.Id].Stability : iface.Stability;
                        Warn(warnings, "interface", ifaceName, ifaceStability, iface.Span.IsKnown ? iface.Span : resolve.Interfaces[iface.Id].Span);
                        if (seenInterfaces.Add(iface.Id)) InInterface(resolve, iface.Id, ifaceName, warnings);
                        break;
                    case FunctionWorldItem function:
                        Warn(warnings, "function", worldName + "#" + function.Function.Name, function.Function.Stability, function.Function.Span);
                        break;
                    case TypeWorldItem type:
                        var typeDef = resolve.Types[type.Id];
                        Warn(warnings, "type", worldName + "." + (typeDef.Name ?? resolve.NameWorldKey(entry.Key)), typeDef.Stability, typeDef.Span);
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
        }
        foreach (var function in iface.Functions)
        {
            Warn(warnings, "function", interfaceName + "#" + function.Key, function.Value.Stability, function.Value.Span);
        }
    }

    private static void Warn(List<WitDiagnostic> warnings, string what, string name, Stability stability, Span span)
    {
        if (stability.Deprecated is not { } version) return;
        warnings.Add(new WitDiagnostic(
            $"{what} `{name}` is deprecated since version {version}; the bindings still include it",
            span, DiagnosticSeverity.Warning, DiagnosticCodes.Deprecated));
    }
}

using WitTools.WitParser.Model;

namespace WitTools.LanguageServer.Symbols;

/// <summary>
/// Finds the resolved-model item of a symbol by its names (package, interface or world, item), for hover's
/// signatures and canonical-ABI facts. Null when the folder did not resolve or the item is not in the model
/// (e.g. excluded by a feature gate).
/// </summary>
internal static class ModelLookup
{
    public static PackageId? PackageOf(Resolve resolve, WitSymbol symbol)
    {
        var package = symbol.Package;
        if (package == null) return null;
        foreach (var pair in resolve.PackageNames)
        {
            var name = pair.Key;
            if (name.Namespace + ":" + name.Name == package.Name && name.Version?.ToString() == package.PackageVersion) return pair.Value;
        }
        return null;
    }

    public static InterfaceId? InterfaceOf(Resolve resolve, WitSymbol scope)
    {
        switch (scope.Kind)
        {
            case WitSymbolKind.Interface:
                return PackageOf(resolve, scope) is { } package && resolve.Packages[package].Interfaces.TryGetValue(scope.Name, out var id) ? id : null;
            case WitSymbolKind.Import:
            case WitSymbolKind.Export:
                if (scope.Container is not { Kind: WitSymbolKind.World } worldSymbol || WorldOf(resolve, worldSymbol) is not { } worldId) return null;
                var world = resolve.Worlds[worldId];
                var items = scope.Kind == WitSymbolKind.Import ? world.Imports : world.Exports;
                return items.TryGetValue(WorldKey.OfName(scope.Name), out var item) && item is InterfaceWorldItem inline ? inline.Id : null;
            default:
                return null;
        }
    }

    public static WorldId? WorldOf(Resolve resolve, WitSymbol world) =>
        world.Kind == WitSymbolKind.World && PackageOf(resolve, world) is { } package
        && resolve.Packages[package].Worlds.TryGetValue(world.Name, out var id) ? id : null;

    /// <summary>The model type of a type, resource or alias symbol.</summary>
    public static TypeId? TypeOf(Resolve resolve, WitSymbol symbol)
    {
        if (symbol.Kind is not (WitSymbolKind.Type or WitSymbolKind.Resource or WitSymbolKind.UseAlias) || symbol.Container is not { } container) return null;
        if (container.Kind == WitSymbolKind.World)
        {
            if (WorldOf(resolve, container) is not { } worldId) return null;
            return resolve.Worlds[worldId].Imports.TryGetValue(WorldKey.OfName(symbol.Name), out var item) && item is TypeWorldItem type ? type.Id : null;
        }
        if (InterfaceOf(resolve, container) is not { } interfaceId) return null;
        return resolve.Interfaces[interfaceId].Types.TryGetValue(symbol.Name, out var id) ? id : null;
    }

    /// <summary>The model function of a function, method, static function or constructor symbol.</summary>
    public static Function? FunctionOf(Resolve resolve, WitSymbol symbol)
    {
        if (symbol.Container is not { } container) return null;
        string name;
        WitSymbol scope;
        switch (symbol.Kind)
        {
            case WitSymbolKind.Function:
                name = symbol.Name;
                scope = container;
                break;
            case WitSymbolKind.Method:
            case WitSymbolKind.StaticFunction:
            case WitSymbolKind.Constructor:
                if (container.Container is not { } resourceScope) return null;
                scope = resourceScope;
                name = symbol.Kind switch
                {
                    WitSymbolKind.Method => "[method]" + container.Name + "." + symbol.Name,
                    WitSymbolKind.StaticFunction => "[static]" + container.Name + "." + symbol.Name,
                    _ => "[constructor]" + container.Name,
                };
                break;
            default:
                return null;
        }
        if (scope.Kind == WitSymbolKind.World)
        {
            if (WorldOf(resolve, scope) is not { } worldId) return null;
            var world = resolve.Worlds[worldId];
            if (world.Imports.TryGetValue(WorldKey.OfName(name), out var imported) && imported is FunctionWorldItem f1) return f1.Function;
            if (world.Exports.TryGetValue(WorldKey.OfName(name), out var exported) && exported is FunctionWorldItem f2) return f2.Function;
            return null;
        }
        if (InterfaceOf(resolve, scope) is not { } interfaceId) return null;
        return resolve.Interfaces[interfaceId].Functions.TryGetValue(name, out var function) ? function : null;
    }
}

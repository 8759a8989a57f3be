using System.Collections.Generic;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Tests.TestSupport;

/// <summary>Builds small resolved models by hand (the way the resolver would lay them out).</summary>
internal sealed class ModelBuilder
{
    public Resolve Resolve { get; } = new();

    public PackageId Package(string ns, string name, SemVersion? version = null)
    {
        var packageName = new PackageName(ns, name, version);
        var id = Resolve.Packages.Alloc(new Package(packageName));
        Resolve.PackageNames.Add(packageName, id);
        return id;
    }

    public InterfaceId Interface(PackageId package, string? name)
    {
        var id = Resolve.Interfaces.Alloc(new Interface(name) { Package = package });
        if (name is not null) Resolve.Packages[package].Interfaces.Add(name, id);
        return id;
    }

    public WorldId World(PackageId package, string name)
    {
        var id = Resolve.Worlds.Alloc(new World(name) { Package = package });
        Resolve.Packages[package].Worlds.Add(name, id);
        return id;
    }

    /// <summary>An anonymous type (list&lt;T&gt;, option&lt;T&gt;, ...).</summary>
    public WitType Anonymous(TypeDefKind kind) => Resolve.Types.Alloc(new TypeDef(null, kind, TypeOwner.None));

    public TypeId Named(InterfaceId owner, string name, TypeDefKind kind)
    {
        var id = Resolve.Types.Alloc(new TypeDef(name, kind, TypeOwner.OfInterface(owner)));
        Resolve.Interfaces[owner].Types.Add(name, id);
        return id;
    }

    public TypeId Named(WorldId owner, string name, TypeDefKind kind, bool export = false)
    {
        var id = Resolve.Types.Alloc(new TypeDef(name, kind, TypeOwner.OfWorld(owner)));
        var world = Resolve.Worlds[owner];
        (export ? world.Exports : world.Imports).Add(WorldKey.OfName(name), new TypeWorldItem(id));
        return id;
    }

    public Function Function(InterfaceId owner, string name, WitType? result, params (string Name, WitType Type)[] @params) =>
        AddFunction(Resolve.Interfaces[owner].Functions, new Function(name, FunctionKind.Freestanding), result, @params);

    public Function Method(InterfaceId owner, FunctionKind kind, string name, TypeId resource, WitType? result, params (string Name, WitType Type)[] @params) =>
        AddFunction(Resolve.Interfaces[owner].Functions, new Function(name, kind, resource), result, @params);

    public Function WorldFunction(WorldId owner, string name, WitType? result, bool export, params (string Name, WitType Type)[] @params)
    {
        var function = new Function(name, FunctionKind.Freestanding) { Result = result };
        foreach (var (n, t) in @params) function.Params.Add(new Param(n, t));
        var world = Resolve.Worlds[owner];
        (export ? world.Exports : world.Imports).Add(WorldKey.OfName(name), new FunctionWorldItem(function));
        return function;
    }

    public void ImportInterface(WorldId world, InterfaceId iface) =>
        Resolve.Worlds[world].Imports.Add(WorldKey.OfInterface(iface), new InterfaceWorldItem(iface));

    private static Function AddFunction(OrderedMap<string, Function> map, Function function, WitType? result, (string Name, WitType Type)[] @params)
    {
        function.Result = result;
        foreach (var (n, t) in @params) function.Params.Add(new Param(n, t));
        map.Add(function.Name, function);
        return function;
    }

    public static List<Field> Fields(params (string Name, WitType Type)[] fields)
    {
        var list = new List<Field>();
        foreach (var (n, t) in fields) list.Add(new Field(n, t));
        return list;
    }
}

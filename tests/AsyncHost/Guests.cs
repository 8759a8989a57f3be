using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using WitTools.AsyncHost.Canon;
using WitTools.BindGen.Binding;

namespace WitTools.AsyncHost;

/// <summary>
/// Generated guest bindings compiled with <c>WIT_EMULATED_MEMORY</c> into an assembly image, with the binding model they
/// were printed from. Each <see cref="Load"/> gives a fresh instance (its own collectible load context, so its own linear
/// memory and runtime state).
/// </summary>
public sealed class GuestAssembly
{
    public GuestAssembly(string name, byte[] image, WorldBinding world)
    {
        Name = name;
        Image = image;
        World = world;
    }

    public string Name { get; }
    public byte[] Image { get; }
    public WorldBinding World { get; }

    public GuestInstance Load() => new(this);
}

/// <summary>One loaded copy of a <see cref="GuestAssembly"/>: its memory, realloc, exports and import handler.</summary>
public sealed class GuestInstance : ICoreInstance, IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly FieldInfo _bytes;
    private readonly MethodInfo _realloc;
    private readonly PropertyInfo _live;
    private readonly PropertyInfo _handler;
    private readonly Dictionary<string, MethodInfo> _exports = new(StringComparer.Ordinal);

    internal GuestInstance(GuestAssembly guest)
    {
        Guest = guest;
        _context = new AssemblyLoadContext("guest " + guest.Name, isCollectible: true);
        Assembly = _context.LoadFromStream(new MemoryStream(guest.Image));
        string root = guest.World.Options.RootNamespace;
        var memory = Assembly.GetType(root + ".WitMemory", throwOnError: true)!;
        const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        _bytes = memory.GetField("Bytes", Static)!;
        _realloc = memory.GetMethod("Realloc", Static)!;
        _live = memory.GetProperty("Live", Static)!;
        var host = Assembly.GetType(root + ".WitTestHost", throwOnError: true)!;
        _handler = host.GetProperty("Handler", Static)!;
        var world = Assembly.GetType(ClrName(guest.World.Class), throwOnError: true)!;
        foreach (var f in ExportedFunctions(guest.World))
        {
            _exports[f.Core.Name] = world.GetMethod(f.CoreMethod, Static) ?? throw new InvalidOperationException("no shim " + f.CoreMethod);
            if (f.Async?.Callback is { } callback) _exports[callback.Name] = world.GetMethod(f.Async.CallbackMethod!, Static)!;
            if (f.PostReturn is { } post) _exports[post.Name] = world.GetMethod(f.PostReturnMethod!, Static)!;
        }
        foreach (var resource in ExportedResources(guest.World))
            _exports[resource.Destructor!.Name] = world.GetMethod(resource.DestructorShim!, Static)!;
    }

    public GuestAssembly Guest { get; }
    public Assembly Assembly { get; }

    public static string ClrName(CsName name) => name.Namespace + "." + string.Join("+", name.Path);

    /// <summary>Every function the world exports (interface functions, resource methods, world-level functions).</summary>
    public static IEnumerable<FunctionBinding> ExportedFunctions(WorldBinding world) => world.Exports.SelectMany(c => c.Functions);

    /// <summary>Every function the world imports (interface functions, resource functions, world-level functions).</summary>
    public static IEnumerable<FunctionBinding> ImportedFunctions(WorldBinding world) =>
        world.Interfaces.Where(i => i.Imported).SelectMany(i => i.Imports)
            .Concat(world.Interfaces.SelectMany(i => i.Types.Concat(i.ExportTypes)).OfType<ResourceDeclaration>().Where(r => !r.IsExported).SelectMany(r => r.Functions))
            .Concat(world.Types.OfType<ResourceDeclaration>().Where(r => !r.IsExported).SelectMany(r => r.Functions))
            .Concat(world.Imports)
            .Where(f => f.Role == FunctionRole.GuestImport);

    public static IEnumerable<ResourceDeclaration> ExportedResources(WorldBinding world) =>
        world.Interfaces.SelectMany(i => i.Types.Concat(i.ExportTypes)).OfType<ResourceDeclaration>().Where(r => r.IsExported);

    public byte[] Memory => (byte[])_bytes.GetValue(null)!;

    /// <summary>Live allocations of the guest's allocator (address → size): what leak checks look at.</summary>
    public IReadOnlyDictionary<int, int> LiveAllocations => (IReadOnlyDictionary<int, int>)_live.GetValue(null)!;

    public Func<string, string, object[], object?>? Handler
    {
        set => _handler.SetValue(null, value);
    }

    public int Realloc(int old, int oldSize, int align, int newSize) => (int)Invoke(_realloc, new object[] { old, oldSize, align, newSize })!;

    public object? CallExport(string name, object[] args) =>
        Invoke(_exports.TryGetValue(name, out var method) ? method : throw new InvalidOperationException("the guest exports no " + name), args);

    private static object? Invoke(MethodInfo method, object[] args)
    {
        try
        {
            return method.Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public void Dispose()
    {
        Handler = null;
        _context.Unload();
    }
}

using System;
using System.Collections.Generic;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Binding;

/// <summary>
/// One WIT function as the host sees it (<see cref="FunctionRole.HostCall"/> or <see cref="FunctionRole.HostImplementation"/>):
/// its C# member (<see cref="Function"/>, the same shapes as the guest's contracts) and where it lives in the component.
/// </summary>
/// <param name="Instance">The component-model name of the interface instance holding the function
/// ("wittools:factorization/factorize@0.1.0", or an inline interface's key); null at the world's root.</param>
/// <param name="Name">The function's name in that instance ("factor", "[method]batch.push", "[constructor]batch").</param>
/// <param name="QualifiedName">The WIT function named in traps and errors ("wittools:factorization/factorize@0.1.0#factor").</param>
/// <param name="Slot">Host calls: the function's index in its client's table of component functions; else -1.</param>
public sealed record HostFunctionBinding(FunctionBinding Function, string? Instance, string Name, string QualifiedName, int Slot);

/// <summary>
/// A resource as the host sees it. Implemented by the host (the world imports it): an abstract class the host derives
/// from, its objects kept per store in a rep table while the component holds handles, its destructor a linker callback.
/// Implemented by the component (the world exports it): a sealed handle class owning a Wasmtime resource, whose methods
/// call the component.
/// </summary>
/// <param name="Instance">The component-model name of the interface instance defining it (null at the world's root).</param>
/// <param name="DestructorCallback">Host-implemented resources: the linker callback run when the component drops its
/// last own handle to a value (a member of the dispatch class); else null.</param>
/// <param name="Methods">The resource's methods (constructors and static functions are members of the contract).</param>
public sealed record HostResourceBinding(TypeId Origin, BindingSide Side, CsName Name, string WitName, string? Docs, bool Implemented,
    string? Instance, string? DestructorCallback, ValueArray<HostFunctionBinding> Methods);

/// <summary>
/// The C# interface of one interface instance (or of the world's own functions) on the host. The host implements it
/// for what the world imports (<see cref="Implemented"/>: the component calls it back), and the generated client
/// implements it for what the world exports (the host calls the component through it). It is the contract the guest
/// bindings declare for the same instance, with the same name, member names and signatures: for an import the guest's
/// import contract (<c>Iface.IHost</c>, <c>WWorld.IHost</c>; see <see cref="ImportContract"/>), so one class provides the
/// import to a guest unit test (<c>WitImports.Provide</c>) and to a component run by the host; for an export the guest's
/// export contract (<c>I&lt;Iface&gt;</c>, <c>WWorld.IExports</c>), so one implementation can stand in for the other.
/// </summary>
/// <param name="Instance">The component-model name of the instance; null for the world's own functions.</param>
/// <param name="Class">Implemented: the dispatch class (the linker callbacks and <c>Define</c>); else the client class.</param>
/// <param name="Member">Implemented: the parameter of <c>Instantiate</c> taking the implementation; else the host class's
/// property returning the client.</param>
/// <param name="Members">The contract's members: freestanding functions, constructors (<c>CreateR</c>) and statics (<c>RStatic</c>).</param>
/// <param name="Functions">Every function of the instance in WIT order, resource methods included.</param>
public sealed record HostContract(string? Instance, CsName Contract, bool Implemented, CsName Class, string Member, string? Docs,
    ValueArray<HostFunctionBinding> Members, ValueArray<HostFunctionBinding> Functions, ValueArray<HostResourceBinding> Resources)
{
    /// <summary>How many component functions a client looks up (its table's size).</summary>
    public int SlotCount
    {
        get
        {
            int count = 0;
            foreach (var f in Functions) count = Math.Max(count, f.Slot + 1);
            return count;
        }
    }
}

/// <summary>
/// A host codec: the one method converting values of one type between C# and Wasmtime's component values
/// (<c>wasmtime_component_val_t</c>), for a named compound type, enum or flags (in its interface's host codec class) or an
/// anonymous compound list element (in the class using it). <see cref="PlanDirection.Lower"/>: C# → value (arguments the
/// host passes, results of host implementations); <see cref="PlanDirection.Lift"/>: value → C#.
/// </summary>
public sealed record HostCodecBinding(CsName Home, string Method, PlanDirection Direction, BindingSide Context, AbiType Type, CsType CsType);

/// <summary>One interface of the world as the host sees it: its class with the types (the guest's declarations), the
/// host codecs, and the contract the host implements (imported) or calls through a client (exported).</summary>
/// <param name="Imported">The world imports the interface: the linker defines its instance (an interface holding only types
/// is defined empty, so components importing it link).</param>
/// <param name="IsWasi">An interface of a <c>wasi:</c> package the world imports: Wasmtime's WASI preview 2 implements it,
/// so it has no contract (its types are still declared).</param>
/// <param name="HostFile">The file holding the contract, client and dispatch class (null when there are none).</param>
public sealed record HostInterfaceBinding(
    InterfaceId Id,
    string InstanceName,
    CsName Class,
    string? Docs,
    bool IsInline,
    bool Imported,
    bool IsWasi,
    string? TypesFile,
    string? HostFile,
    ValueArray<TypeDeclaration> Types,
    CsName? ExportClass,
    ValueArray<TypeDeclaration> ExportTypes,
    HostContract? Implemented,
    HostContract? Called,
    CsName CodecClass,
    ValueArray<HostCodecBinding> Codecs)
{
    /// <summary>The message of the <c>[Obsolete]</c> the interface class carries when the WIT interface is <c>@deprecated</c>
    /// (the guest's, see <see cref="InterfaceBinding.Obsolete"/>).</summary>
    public string? Obsolete { get; init; }
}

/// <summary>
/// Everything decided about one world's host bindings: the world class (world-level types, host codecs, the contracts of
/// the world's own functions), the host class (the typed entry point: <c>Instantiate</c>, one property per exported
/// interface), every interface, and whether WASI preview 2 is linked. The C# types are the guest bindings' types.
/// </summary>
/// <param name="HostClass">The entry point (<c>&lt;World&gt;Host</c>).</param>
/// <param name="Implemented">The world's own imported functions (<c>WWorld.IHost</c>, the guest's import contract), implemented by the host.</param>
/// <param name="Called">The world's own exported functions (<c>IExports</c>), called through a client.</param>
/// <param name="UsesWasi">The world imports WASI interfaces: Wasmtime's WASI preview 2 is added to the linker and each
/// store gets a WASI context.</param>
public sealed record HostWorldBinding(
    WorldId Id,
    string WitName,
    string QualifiedName,
    BindingOptions Options,
    CsName WorldClass,
    CsName HostClass,
    string? Docs,
    string WorldFile,
    string HostFile,
    ValueArray<TypeDeclaration> Types,
    ValueArray<HostInterfaceBinding> Interfaces,
    HostContract? Implemented,
    HostContract? Called,
    CsName CodecClass,
    ValueArray<HostCodecBinding> Codecs,
    bool UsesWasi,
    RuntimeFeatures Runtime)
{
    /// <summary>The contracts the host implements, in the order <c>Instantiate</c> takes them (interfaces in world order, then the world's own).</summary>
    public IEnumerable<HostContract> ImplementedContracts
    {
        get
        {
            foreach (var iface in Interfaces)
                if (iface.Implemented is { } contract) yield return contract;
            if (Implemented is { } world) yield return world;
        }
    }

    /// <summary>The clients of the component's exports, in world order (the world's own functions last).</summary>
    public IEnumerable<HostContract> CalledContracts
    {
        get
        {
            foreach (var iface in Interfaces)
                if (iface.Called is { } contract) yield return contract;
            if (Called is { } world) yield return world;
        }
    }
}

/// <summary>The host codec of each type node, by direction, side and (for anonymous list elements) the class using it.</summary>
public sealed class HostCodecIndex
{
    private readonly Dictionary<(AbiType, PlanDirection, BindingSide, CsName?), HostCodecBinding> _codecs;

    internal HostCodecIndex(Dictionary<(AbiType, PlanDirection, BindingSide, CsName?), HostCodecBinding> codecs) => _codecs = codecs;

    /// <summary>The codec of <paramref name="type"/> for code in <paramref name="user"/>, or null when the type has none
    /// (primitives, handles, anonymous types not used as list elements: printed in place).</summary>
    public HostCodecBinding? Find(AbiType type, PlanDirection direction, BindingSide side, CsName user) =>
        _codecs.TryGetValue((type, direction, side, null), out var shared) ? shared
        : _codecs.TryGetValue((type, direction, side, user), out var local) ? local
        : null;
}

/// <summary>The result of <see cref="BindingBuilder.BuildHost"/>: the model, or the errors that prevented it.</summary>
public sealed class HostBindingResult
{
    public HostBindingResult(HostWorldBinding? world, TypeProjection? projection, HostCodecIndex? codecs, IReadOnlyList<WitDiagnostic> diagnostics)
    {
        World = world;
        Projection = projection;
        Codecs = codecs;
        Diagnostics = diagnostics;
    }

    public HostWorldBinding? World { get; }
    public TypeProjection? Projection { get; }
    public HostCodecIndex? Codecs { get; }

    /// <summary>Errors (then <see cref="World"/> is null), located at the WIT construct they are about.</summary>
    public IReadOnlyList<WitDiagnostic> Diagnostics { get; }

    public bool Success => World is not null;
}

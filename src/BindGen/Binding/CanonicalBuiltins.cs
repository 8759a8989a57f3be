using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Binding;

/// <summary>What a core function the bindings import or export is, in the canonical ABI.</summary>
public enum BuiltinKind
{
    /// <summary>A lowered WIT function the core module imports (<c>module</c> = the interface, or <c>$root</c>).</summary>
    ImportedFunction,

    /// <summary>A lifted WIT function the core module exports (<c>iface#name</c>, or the plain name at world level).</summary>
    ExportedFunction,

    /// <summary><c>cabi_post_&lt;export&gt;</c>: frees what an export's lowered result points to.</summary>
    PostReturn,

    /// <summary><c>[resource-drop]r</c> (imported from the resource's interface, or from <c>[export]…</c> for an exported resource).</summary>
    ResourceDrop,

    /// <summary><c>[resource-new]r</c> of an exported resource.</summary>
    ResourceNew,

    /// <summary><c>[resource-rep]r</c> of an exported resource.</summary>
    ResourceRep,

    /// <summary><c>iface#[dtor]r</c>: the destructor of an exported resource, exported by the core module.</summary>
    ResourceDestructor,

    /// <summary><c>cabi_realloc</c>, exported once by the runtime support code.</summary>
    Realloc,

    // ---- async (CanonicalBuiltins.Async.cs: names, modules and signatures) ----

    /// <summary><c>[async-lower]…</c>: an async WIT function the core module imports with the async ABI.</summary>
    AsyncImportedFunction,

    /// <summary><c>[async-lift]…</c>: an async WIT function the core module exports with the callback ABI.</summary>
    AsyncExportedFunction,

    /// <summary><c>[callback][async-lift]…</c>: the callback of an <see cref="AsyncExportedFunction"/>.</summary>
    Callback,

    TaskReturn,
    TaskCancel,
    ContextGet,
    ContextSet,
    BackpressureInc,
    BackpressureDec,
    Yield,
    WaitableSetNew,
    WaitableSetWait,
    WaitableSetPoll,
    WaitableSetDrop,
    WaitableJoin,
    SubtaskDrop,
    SubtaskCancel,
    StreamNew,
    StreamRead,
    StreamWrite,
    StreamCancelRead,
    StreamCancelWrite,
    StreamDropReadable,
    StreamDropWritable,
    FutureNew,
    FutureRead,
    FutureWrite,
    FutureCancelRead,
    FutureCancelWrite,
    FutureDropReadable,
    FutureDropWritable,
    ErrorContextNew,
    ErrorContextDebugMessage,
    ErrorContextDrop,
}

/// <summary>
/// One core function of the canonical ABI the bindings use: its import module (empty for exports), its name, its
/// core signature and whether the core module exports it (else imports it). The table of a world lists each once.
/// </summary>
public sealed record CanonicalBuiltin(BuiltinKind Kind, string Module, string Name, CoreSignature Signature)
{
    /// <summary>True for the functions the core module exports (the host calls them).</summary>
    public bool IsExport => Kind is BuiltinKind.ExportedFunction or BuiltinKind.PostReturn or BuiltinKind.ResourceDestructor or BuiltinKind.Realloc
        or BuiltinKind.AsyncExportedFunction or BuiltinKind.Callback;

    public override string ToString() => (IsExport ? "export " : "import ") + (Module.Length > 0 ? Module + " " : "") + Name + " " + Signature;

    private static readonly CoreSignature HandleToHandle = new(new[] { CoreType.I32 }, new[] { CoreType.I32 }, false, false, false, null);
    private static readonly CoreSignature HandleToNothing = new(new[] { CoreType.I32 }, System.Array.Empty<CoreType>(), false, false, false, null);

    public static CanonicalBuiltin ResourceDrop(string module, string resource) => new(BuiltinKind.ResourceDrop, module, "[resource-drop]" + resource, HandleToNothing);

    public static CanonicalBuiltin ResourceNew(string module, string resource) => new(BuiltinKind.ResourceNew, module, "[resource-new]" + resource, HandleToHandle);

    public static CanonicalBuiltin ResourceRep(string module, string resource) => new(BuiltinKind.ResourceRep, module, "[resource-rep]" + resource, HandleToHandle);

    public static CanonicalBuiltin Destructor(string exportName, string resource) => new(BuiltinKind.ResourceDestructor, "", exportName + "#[dtor]" + resource, HandleToNothing);

    public static CanonicalBuiltin PostReturn(string exportName, CoreSignature export) =>
        new(BuiltinKind.PostReturn, "", "cabi_post_" + exportName, new CoreSignature(export.Results, System.Array.Empty<CoreType>(), false, false, false, null));
}

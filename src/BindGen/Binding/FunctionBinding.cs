using WitTools.BindGen.Abi;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

/// <summary>Which side of the boundary a function binding is for, and whether it calls or is called.</summary>
public enum FunctionRole
{
    /// <summary>Guest code calls an imported WIT function: lowers the arguments, calls the core import, lifts the result.</summary>
    GuestImport,

    /// <summary>The host calls a WIT function the guest exports: the shim lifts the arguments, calls the user's
    /// implementation and lowers the result.</summary>
    GuestExport,

    /// <summary>The host calls a WIT function the component exports, through the generated client: lowers the arguments to
    /// component values, calls the component, lifts the result (host bindings, <see cref="HostFunctionBinding"/>).</summary>
    HostCall,

    /// <summary>The component calls a WIT function it imports, which the host implements: the dispatch callback lifts the
    /// arguments, calls the host's implementation and lowers the result (host bindings).</summary>
    HostImplementation,
}

/// <summary>What kind of C# member a WIT function becomes.</summary>
public enum FunctionShape
{
    /// <summary>A static method of an interface or world class, or a member of an export contract.</summary>
    Freestanding,

    /// <summary>An instance method of a resource class (the WIT <c>self</c> is the object).</summary>
    Method,

    /// <summary>A static method of an imported resource class, or <c>RStatic</c> of an export contract.</summary>
    Static,

    /// <summary>The constructor of an imported resource class, or <c>CreateR</c> of an export contract.</summary>
    Constructor,
}

/// <summary>Who allocates a piece of memory a call uses and who frees it.</summary>
public enum Allocation
{
    /// <summary>Not used by this call.</summary>
    None,

    /// <summary>On the caller's stack (<c>stackalloc</c>): gone when the calling method returns.</summary>
    CallerStack,

    /// <summary>Allocated by the caller through the call's cleanup list, freed when the call has returned.</summary>
    CallCleanup,

    /// <summary>Allocated by the other side through this component's <c>cabi_realloc</c>; freed here once read.</summary>
    FreedAfterLifting,

    /// <summary>Allocated through <c>WitMemory.PostReturn</c>; freed by the function's <c>cabi_post_</c> export.</summary>
    PostReturn,

    /// <summary>Async import: allocated by the caller through the call's own cleanup list, freed once the callee has started
    /// (it lifted the arguments).</summary>
    UntilStarted,

    /// <summary>Async import: the result area, allocated by the caller, freed once the result was lifted.</summary>
    UntilReturned,

    /// <summary>Async export: the result is lowered through a cleanup list freed once <c>task.return</c> returned.</summary>
    UntilTaskReturned,
}

/// <summary>
/// Memory ownership of one call, decided once (docs/type-mapping.md, "Memory"). Imports: the spilled params area and
/// every string or list lowered into the arguments belong to the call (<see cref="Allocation.CallCleanup"/>); the
/// spilled result area is on the stack; strings and lists in the result were allocated by the callee through our
/// <c>cabi_realloc</c> and are freed as they are lifted. Exports: everything lifted from the arguments (and the params
/// area) was allocated by the host and is freed as it is lifted; the lowered result and its area live until the post-return.
/// </summary>
public sealed record CallOwnership(
    Allocation ParamsArea,
    Allocation LoweredArguments,
    Allocation ResultArea,
    Allocation LoweredResult,
    Allocation LiftedBuffers,
    bool DropsBorrowedHandles)
{
    /// <summary>The lowered result holds handles the component keeps after the other side took the value (error-context):
    /// an export drops them once the host has taken the result (post-return, or after <c>task.return</c>).</summary>
    public bool KeepsHandles { get; init; }

    /// <summary>Whether the call needs a cleanup list (anything allocated with <see cref="Allocation.CallCleanup"/>).</summary>
    public bool UsesCallCleanup => ParamsArea == Allocation.CallCleanup || LoweredArguments == Allocation.CallCleanup || ResultArea == Allocation.CallCleanup;
}

/// <summary>A C# parameter of a function binding (the WIT <c>self</c> of methods is not one).</summary>
/// <param name="Pinned">A <c>ReadOnlySpan</c> of numbers an import passes in place (pinned with <c>fixed</c>) instead of copying.</param>
public sealed record ParameterBinding(string WitName, string Name, CsType Type, bool Pinned);

/// <summary>
/// Fixed member names of the generated resource classes (reserved in their scopes, so WIT names never take them):
/// the handle helpers of imported resources and the rep-table helpers of exported ones.
/// </summary>
public static class ResourceMembers
{
    public const string Dispose = "Dispose";
    public const string OnDestroy = "OnDestroy";
    public const string BorrowHandle = "WitBorrowHandle";
    public const string TakeHandle = "WitTakeHandle";
    public const string Drop = "WitDrop";
    public const string New = "WitNew";
    public const string Rep = "WitRep";
    public const string FromRep = "WitFromRep";
    public const string LiftOwn = "WitLiftOwn";
    public const string LowerOwn = "WitLowerOwn";
    public const string LowerBorrow = "WitLowerBorrow";
    public const string Destroy = "WitDestroy";
    public const string Construct = "WitConstruct";

    /// <summary>The import contract of an imported resource (<c>R.IHost</c>, see <see cref="ImportContract"/>).</summary>
    public const string Contract = "IHost";

    /// <summary>The <c>R.IHost</c> implementation an imported resource object wraps outside a component.</summary>
    public const string Implementation = "WitImplementation";

    /// <summary>Names an imported resource class declares besides the WIT functions.</summary>
    public static readonly string[] Imported = { Dispose, BorrowHandle, TakeHandle, Drop, Construct, Contract, Implementation };

    /// <summary>Names an exported resource class declares besides the WIT methods.</summary>
    public static readonly string[] Exported = { Dispose, OnDestroy, FromRep, LiftOwn, LowerOwn, LowerBorrow, Destroy, New, Rep, Drop };
}

/// <summary>What an export shim calls: a member of the contract instance cached in <see cref="Property"/> of the world
/// class, or (for methods) the lifted <c>self</c> object.</summary>
public sealed record ExportTarget(CsName WorldClass, string? Property)
{
    public bool IsSelf => Property is null;
}

/// <summary>
/// One WIT function on one side: its C# member (name, parameters, return type and how a WIT <c>result</c> maps),
/// its canonical ABI plan (with shared types left to <see cref="CodecBinding"/>s), the core function it imports or
/// exports, and the ownership of the memory the call uses.
/// </summary>
/// <param name="WitType">The WIT function type as printed in messages and the <c>[WitFunction]</c> attribute.</param>
/// <param name="MemberName">The C# member: a static method, instance method, contract member or abstract method
/// (empty for the constructor of an imported resource, which is a C# constructor).</param>
/// <param name="Return">The C# return type; null for <c>void</c>.</param>
/// <param name="ThrownError">When the WIT result <c>result&lt;T, E&gt;</c> maps to "return T, throw
/// <c>WitException&lt;E&gt;</c>": the C# type of E (<see cref="CsTupleType.Unit"/> when E is absent); else null.</param>
/// <param name="ResultType">The C# type of the whole WIT result as lifted or lowered (e.g. <c>Result&lt;T, E&gt;</c>).</param>
/// <param name="CoreMethod">The C# name of the core function: the extern of an import, the shim of an export.</param>
/// <param name="PostReturnMethod">The C# name of the <c>cabi_post_</c> shim, when <see cref="PostReturn"/> is set.</param>
/// <param name="CodecHome">The class whose codecs the function's plans use (its interface's or the world's <c>Abi</c> class).</param>
public sealed record FunctionBinding(
    string WitName,
    string WitType,
    string? Docs,
    Span Span,
    FunctionRole Role,
    FunctionShape Shape,
    BindingSide Context,
    string MemberName,
    ValueArray<ParameterBinding> Parameters,
    CsType? Return,
    CsType? ThrownError,
    CsType? ResultType,
    FunctionAbiPlan Plan,
    CanonicalBuiltin Core,
    string CoreMethod,
    CanonicalBuiltin? PostReturn,
    string? PostReturnMethod,
    ExportTarget? Target,
    CallOwnership Ownership,
    CsName CodecHome)
{
    public bool IsMethod => Shape == FunctionShape.Method;

    /// <summary>A guest import: the member of its import contract it calls outside a WebAssembly component.</summary>
    public ImportDispatch? Dispatch { get; init; }

    /// <summary>The message of the <c>[Obsolete]</c> its C# members carry when the WIT function is <c>@deprecated</c>.</summary>
    public string? Obsolete { get; init; }

    /// <summary>For an <c>async func</c>: what the async ABI adds (FunctionBinding.Async.cs); null for other functions.</summary>
    public AsyncFunctionBinding? Async { get; init; }
}

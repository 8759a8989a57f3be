using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Binding;

/// <summary>
/// What an <c>async func</c> adds to its <see cref="FunctionBinding"/> (whose <see cref="FunctionBinding.Return"/> is then a
/// <see cref="CsTaskType"/> and whose <see cref="FunctionBinding.Core"/> is the <c>[async-lower]</c> import or the
/// <c>[async-lift]</c> export).
/// </summary>
/// <param name="Awaited">The C# type the task completes with (null: none), after the result mapping (<c>T</c> of
/// <c>result&lt;T, E&gt;</c> with exceptions).</param>
/// <param name="CancellationParameter">The name of the trailing <c>CancellationToken</c> parameter: on imports it cancels
/// the call (<c>subtask.cancel</c>), on exports it reports the caller's cancellation.</param>
/// <param name="ResultLiftMethod">Imports: the method lifting the result from the result area (null without result).</param>
/// <param name="TaskReturn">Exports: the <c>[task-return]</c> built-in delivering the result, and its extern.</param>
/// <param name="Callback">Exports: the <c>[callback][async-lift]</c> export, and its shim.</param>
/// <param name="BodyMethod">Exports: the async method that awaits the implementation and returns its result.</param>
public sealed record AsyncFunctionBinding(
    CsType? Awaited,
    string CancellationParameter,
    string? ResultLiftMethod,
    CanonicalBuiltin? TaskReturn,
    string? TaskReturnMethod,
    CanonicalBuiltin? Callback,
    string? CallbackMethod,
    string? BodyMethod);

/// <summary>
/// The built-ins of one <c>stream</c> or <c>future</c> payload type a world uses (its vtable class of the runtime's
/// <c>WitStreamVTable&lt;T&gt;</c> / <c>WitFutureVTable&lt;T&gt;</c>, nested in the world's <c>Abi</c> class and registered by a
/// module initializer), named after the first function that numbers the type, with the element's layout and codecs.
/// </summary>
/// <param name="Builtins">In the order of <see cref="AsyncBuiltins.StreamKinds"/> / <see cref="AsyncBuiltins.FutureKinds"/>:
/// new, read, write, cancel-read, cancel-write, drop-readable, drop-writable.</param>
/// <param name="IsCanonical">Elements are plain numbers whose memory form is their C# form: copied as bytes.</param>
/// <param name="LiftElement">The element's memory plan (base = the element), null without payload.</param>
public sealed record AsyncValueTypeBinding(
    AsyncValueKind Kind,
    CsName Class,
    AbiType? Element,
    CsType ElementType,
    BindingSide Context,
    long ElementSize,
    int ElementAlign,
    bool IsCanonical,
    ValueArray<CanonicalBuiltin> Builtins,
    TypePlan? LiftElement,
    TypePlan? LowerElement,
    CsName CodecHome);

/// <summary>The <c>error-context</c> built-ins of a world (in its string encoding): a vtable class of the runtime's
/// <c>WitErrorContextVTable</c> nested in the world's <c>Abi</c> class.</summary>
public sealed record ErrorContextBinding(CsName Class, CanonicalBuiltin New, CanonicalBuiltin DebugMessage, CanonicalBuiltin Drop, StringEncoding Encoding);

/// <summary>The async parts of a world: payload vtables, the error-context vtable and the module initializer registering them.</summary>
public sealed record AsyncWorldBinding(
    ValueArray<AsyncValueTypeBinding> ValueTypes,
    ErrorContextBinding? ErrorContext,
    string RegisterMethod);

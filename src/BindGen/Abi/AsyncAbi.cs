using System;
using System.Collections.Generic;

namespace WitTools.BindGen.Abi;

/// <summary>Whether an async value is a <c>future&lt;T&gt;</c> (one value, once) or a <c>stream&lt;T&gt;</c> (any number of values).</summary>
public enum AsyncValueKind
{
    Future,
    Stream,
}

/// <summary>
/// One <c>future</c> or <c>stream</c> type a function mentions, with the number the built-ins that move its values are
/// named by (<c>[future-new-N]f</c>, <c>[stream-read-N]f</c>, ...): the position of the type in the function's
/// <see cref="AsyncAbi.AsyncValues"/>.
/// </summary>
public sealed class AsyncValueType
{
    internal AsyncValueType(int index, AbiType type)
    {
        Index = index;
        Type = type;
    }

    /// <summary>The number of the type within its function.</summary>
    public int Index { get; }

    /// <summary>The <c>future</c> or <c>stream</c> node.</summary>
    public AbiType Type { get; }

    public AsyncValueKind Kind => Type.Kind == AbiTypeKind.Future ? AsyncValueKind.Future : AsyncValueKind.Stream;

    /// <summary>The payload type, or null for a <c>future</c> / <c>stream</c> without one (its buffers hold no bytes).</summary>
    public AbiType? Element => Type.Element;

    /// <summary>Bytes of one element in a read or write buffer (the spec's <c>elem_size</c>; 0 without payload).</summary>
    public long ElementSize => Element?.Layout.Size ?? 0;

    /// <summary>Alignment a read or write buffer must have (the spec's <c>alignment</c>; 1 without payload).</summary>
    public int ElementAlign => Element?.Layout.Align ?? 1;
}

/// <summary>
/// The parts of the async ABI (CanonicalABI.md, Concurrency.md of WebAssembly/component-model) that are data: how the
/// futures and streams of a function are numbered, the core signatures of the async canonical built-ins, and the
/// numbers the built-ins and the callback exchange. Flattening of async functions is in <see cref="Flattening.Signature"/>.
/// Followed revision: component-model 6d28164 (2026-08-21); see docs/type-mapping.md for where Wasmtime 50 differs.
/// </summary>
public static class AsyncAbi
{
    /// <summary>
    /// The <c>future</c> and <c>stream</c> types of <paramref name="function"/> in the order wit-parser's
    /// <c>Function::find_futures_and_streams</c> gives them, which numbers the built-ins wit-component accepts: the
    /// parameters, then the result, each walked depth first with a type's payload before the type itself. Every
    /// occurrence counts (no deduplication); resources, handles, enums and flags are not entered.
    /// </summary>
    public static IReadOnlyList<AsyncValueType> AsyncValues(AbiFunction function)
    {
        var found = new List<AsyncValueType>();
        foreach (var p in function.Params) Walk(p.Type, found);
        if (function.Result is { } result) Walk(result, found);
        return found;
    }

    // Post-order with an explicit stack: (node, children visited?)
    private static void Walk(AbiType root, List<AsyncValueType> found)
    {
        var stack = new Stack<(AbiType Node, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (expanded)
            {
                found.Add(new AsyncValueType(found.Count, node));
                continue;
            }
            // a subtree without futures or streams adds nothing: not entered (types are shared, so this keeps a
            // world's walk linear in its functions rather than in the size of the types they repeat)
            if (!node.HasFuturesOrStreams) continue;
            bool isAsync = node.Kind is AbiTypeKind.Future or AbiTypeKind.Stream;
            if (isAsync) stack.Push((node, true));
            var children = new List<AbiType>(node.Children());
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((children[i], false));
        }
    }

    /// <summary>Whether a value of <paramref name="type"/> holds a future, stream or error-context handle.</summary>
    public static bool HasAsyncHandles(AbiType type) => type.HasFuturesOrStreams || type.HasErrorContext;

    /// <summary>Whether a value of <paramref name="type"/> holds an error-context handle (which lowering does not give away:
    /// the lowering side keeps its handle and drops it when done).</summary>
    public static bool HasErrorContext(AbiType type) => type.HasErrorContext;

    /// <summary>The result of an async-lowered built-in that could not complete at once (the spec's <c>BLOCKED</c>).</summary>
    public const uint Blocked = 0xffff_ffff;

    /// <summary>Bits of the status of <c>[async-lower]</c> calls and of a callback's result that hold the code; the rest (shifted by 4) is an index.</summary>
    public const int CodeBits = 4;

    private static readonly CoreType[] None = Array.Empty<CoreType>();
    private static readonly CoreType[] I32 = { CoreType.I32 };
    private static readonly CoreType[] I32I32 = { CoreType.I32, CoreType.I32 };
    private static readonly CoreType[] I32I32I32 = { CoreType.I32, CoreType.I32, CoreType.I32 };
    private static readonly CoreType[] I64 = { CoreType.I64 };

    private static CoreSignature Sig(CoreType[] @params, CoreType[] results) => new(@params, results, false, false, false, null);

    /// <summary>The callback of a callback-lifted export: <c>(event code, index, payload) -> callback code</c>.</summary>
    public static readonly CoreSignature Callback = Sig(I32I32I32, I32);

    /// <summary><c>context.get i32 N</c>: <c>() -> i32</c>.</summary>
    public static readonly CoreSignature ContextGet = Sig(None, I32);

    /// <summary><c>context.set i32 N</c>: <c>(i32) -> ()</c>.</summary>
    public static readonly CoreSignature ContextSet = Sig(I32, None);

    /// <summary>Built-ins without params or results: <c>task.cancel</c>, <c>backpressure.inc</c>/<c>dec</c>.</summary>
    public static readonly CoreSignature Nothing = Sig(None, None);

    /// <summary><c>waitable-set.new</c>: <c>() -> set</c>.</summary>
    public static readonly CoreSignature WaitableSetNew = Sig(None, I32);

    /// <summary><c>waitable-set.wait</c> and <c>waitable-set.poll</c>: <c>(set, event area) -> event code</c>; index and
    /// payload land in the 8-byte area.</summary>
    public static readonly CoreSignature WaitableSetWait = Sig(I32I32, I32);

    /// <summary>Built-ins taking one handle and returning nothing: the drops and <c>waitable-set.drop</c>.</summary>
    public static readonly CoreSignature HandleToNothing = Sig(I32, None);

    /// <summary><c>waitable.join</c>: <c>(waitable, set or 0) -> ()</c>.</summary>
    public static readonly CoreSignature WaitableJoin = Sig(I32I32, None);

    /// <summary>Built-ins taking one handle and returning a status: <c>subtask.cancel</c>, the <c>cancel-read</c>/<c>cancel-write</c>s.</summary>
    public static readonly CoreSignature HandleToStatus = Sig(I32, I32);

    /// <summary><c>thread.yield</c>: <c>() -> cancelled</c>.</summary>
    public static readonly CoreSignature Yield = Sig(None, I32);

    /// <summary><c>stream.new</c> and <c>future.new</c>: <c>() -> i64</c>, the readable end's handle in the low 32 bits, the writable end's in the high.</summary>
    public static readonly CoreSignature New = Sig(None, I64);

    /// <summary><c>stream.read</c>/<c>stream.write</c>: <c>(end, buffer, count) -> status</c>.</summary>
    public static readonly CoreSignature StreamCopy = Sig(I32I32I32, I32);

    /// <summary><c>future.read</c>/<c>future.write</c>: <c>(end, buffer) -> status</c>.</summary>
    public static readonly CoreSignature FutureCopy = Sig(I32I32, I32);

    /// <summary><c>error-context.new</c>: <c>(string pointer, length in code units) -> handle</c>.</summary>
    public static readonly CoreSignature ErrorContextNew = Sig(I32I32, I32);

    /// <summary><c>error-context.debug-message</c>: <c>(handle, out-pointer to a (pointer, length) pair) -> ()</c>.</summary>
    public static readonly CoreSignature ErrorContextDebugMessage = Sig(I32I32, None);
}

/// <summary>What a callback-lifted export's core function and its callback return (the spec's <c>CallbackCode</c>), in the low 4 bits; a waitable set in the rest.</summary>
public enum CallbackCode
{
    Exit = 0,
    Yield = 1,
    Wait = 2,
}

/// <summary>The events a callback receives or <c>waitable-set.wait</c> returns (the spec's <c>EventCode</c>).</summary>
public enum EventCode
{
    None = 0,
    Subtask = 1,
    StreamRead = 2,
    StreamWrite = 3,
    FutureRead = 4,
    FutureWrite = 5,
    TaskCancelled = 6,
}

/// <summary>The states of a subtask, in the low 4 bits of an <c>[async-lower]</c> call's status and as an event's payload.</summary>
public enum SubtaskState
{
    Starting = 0,
    Started = 1,
    Returned = 2,
    CancelledBeforeStarted = 3,
    CancelledBeforeReturned = 4,
}

/// <summary>How a stream or future copy ended (the spec's <c>CopyResult</c>); for streams the count of elements moved is in the bits above the low 4.</summary>
public enum CopyResult
{
    Completed = 0,
    Dropped = 1,
    Cancelled = 2,
}

// Emitted when the bindings use the async ABI (async functions, future, stream, error-context): the numbers the
// async built-ins and callbacks exchange (CanonicalABI.md of component-model 6d28164; the same values as
// BindGen/Abi/AsyncAbi.cs, which tests compare) and the instance-wide built-ins the async runtime imports from
// `$root` under wit-component's names. Their list is AsyncBuiltins.RuntimeImports in the binding model; the
// contract check compares the two.
namespace WitTools.Runtime;

/// <summary>Codes of the async ABI and the instance-wide canonical built-ins (waitable sets, subtasks, the task's
/// context slot, <c>task.cancel</c>, and the payload-less future the runtime wakes a waiting task with).</summary>
internal static class WitAsyncAbi
{
    /// <summary>A non-blocking built-in could not complete now; an event follows (the spec's BLOCKED).</summary>
    public const int Blocked = -1;

    // callback codes (low 4 bits; a waitable set above them)
    public const int Exit = 0;
    public const int Yield = 1;
    public const int Wait = 2;

    // event codes
    public const int EventNone = 0;
    public const int EventSubtask = 1;
    public const int EventStreamRead = 2;
    public const int EventStreamWrite = 3;
    public const int EventFutureRead = 4;
    public const int EventFutureWrite = 5;
    public const int EventTaskCancelled = 6;

    // subtask states
    public const int Starting = 0;
    public const int Started = 1;
    public const int Returned = 2;
    public const int CancelledBeforeStarted = 3;
    public const int CancelledBeforeReturned = 4;

    // copy results (low 4 bits of a stream copy's status; the count of elements moved above them)
    public const int Completed = 0;
    public const int Dropped = 1;
    public const int Cancelled = 2;

#if WIT_EMULATED_MEMORY
    private static object? Call(string module, string name, params object[] args) => WitTestHost.Call(module, name, args);

    public static int ContextGet() => (int)Call("$root", "[context-get-0]")!;
    public static void ContextSet(int value) => Call("$root", "[context-set-0]", value);
    public static int WaitableSetNew() => (int)Call("$root", "[waitable-set-new]")!;
    public static void WaitableSetDrop(int set) => Call("$root", "[waitable-set-drop]", set);
    public static void WaitableJoin(int waitable, int set) => Call("$root", "[waitable-join]", waitable, set);
    public static void SubtaskDrop(int subtask) => Call("$root", "[subtask-drop]", subtask);
    public static int SubtaskCancel(int subtask) => (int)Call("$root", "[async-lower][subtask-cancel]", subtask)!;
    public static void TaskCancel() => Call("[export]$root", "[task-cancel]");
    public static long WakeNew() => (long)Call("$root", "[future-new-unit]")!;
    public static int WakeRead(int end, int buffer) => (int)Call("$root", "[async-lower][future-read-unit]", end, buffer)!;
    public static int WakeWrite(int end, int buffer) => (int)Call("$root", "[async-lower][future-write-unit]", end, buffer)!;
    public static int WakeCancelRead(int end) => (int)Call("$root", "[async-lower][future-cancel-read-unit]", end)!;
    public static void WakeDropReadable(int end) => Call("$root", "[future-drop-readable-unit]", end);
    public static void WakeDropWritable(int end) => Call("$root", "[future-drop-writable-unit]", end);
#else
    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[context-get-0]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern int ContextGet();

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[context-set-0]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern void ContextSet(int value);

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[waitable-set-new]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern int WaitableSetNew();

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[waitable-set-drop]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern void WaitableSetDrop(int set);

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[waitable-join]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern void WaitableJoin(int waitable, int set);

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[subtask-drop]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern void SubtaskDrop(int subtask);

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[async-lower][subtask-cancel]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern int SubtaskCancel(int subtask);

    [global::System.Runtime.InteropServices.DllImport("[export]$root", EntryPoint = "[task-cancel]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern void TaskCancel();

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[future-new-unit]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern long WakeNew();

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[async-lower][future-read-unit]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern int WakeRead(int end, int buffer);

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[async-lower][future-write-unit]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern int WakeWrite(int end, int buffer);

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[async-lower][future-cancel-read-unit]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern int WakeCancelRead(int end);

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[future-drop-readable-unit]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern void WakeDropReadable(int end);

    [global::System.Runtime.InteropServices.DllImport("$root", EntryPoint = "[future-drop-writable-unit]"), global::System.Runtime.InteropServices.WasmImportLinkage]
    public static extern void WakeDropWritable(int end);
#endif

    /// <summary>The code of a packed status or callback result (its low 4 bits).</summary>
    public static int Code(int packed) => packed & 0xf;

    /// <summary>The index or count of a packed status (the bits above the low 4).</summary>
    public static int Index(int packed) => (int)((uint)packed >> 4);
}

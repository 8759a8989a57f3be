using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;

namespace WitTools.BindGen.Guest;

/// <summary>
/// Prints the async forms of one function (<see cref="FunctionBinding.Async"/>): an import as a method starting a subtask
/// (<c>WitSubtask</c>) and the method lifting its result; an export as the <c>[async-lift]</c> shim, the async body awaiting
/// the implementation and calling <c>task.return</c>, and the <c>[callback]</c> shim. Everything comes from the model.
/// </summary>
internal sealed class AsyncFunctionPrinter
{
    private readonly SourceWriter _w;
    private readonly TypeProjection _projection;
    private readonly CsTypeText _types;
    private readonly FunctionBinding _f;
    private readonly AsyncFunctionBinding _async;

    public AsyncFunctionPrinter(SourceWriter writer, TypeProjection projection, CsTypeText types, FunctionBinding function)
    {
        _w = writer;
        _projection = projection;
        _types = types;
        _f = function;
        _async = function.Async!;
    }

    private string Memory => _types.Runtime("WitMemory");

    private static string Int(long value) => PlanWriter.Int(value);

    private string Awaited => _async.Awaited is null ? "global::System.ValueTuple" : _types.Of(_async.Awaited);

    /// <summary>The parameters of the member, the trailing token optional for callers of an import.</summary>
    private string Parameters(bool optionalToken) =>
        string.Join(", ", _f.Parameters.Select(p => _types.Of(p.Type) + " " + p.Name + (optionalToken && p.Type is CsCancellationTokenType ? " = default" : "")));

    // ---------------------------------------------------------------- imports

    public void Import(string modifiers, string name, string self)
    {
        var plan = _f.Plan;
        var sig = plan.Signature!;
        string call = "__call";
        _w.Docs(_f.Docs);
        _w.Open($"{modifiers} {_types.Of(_f.Return)} {name}({Parameters(optionalToken: true)})");
        if (_f.Dispatch is { } dispatch) FunctionPrinter.OutsideComponent(_w, _types, _f, dispatch);
        string lift = _async.ResultLiftMethod ?? "null";
        var area = plan.ResultArea;
        _w.Line($"var {call} = {_types.Runtime("WitSubtask")}<{Awaited}>.Begin({lift}, {Int(area?.Size ?? 0)}, {Int(area?.Align ?? 1)});");
        var slots = Enumerable.Range(0, sig.Params.Count).Select(i => "__p" + Int(i)).ToArray();
        // the arguments live in the call's own cleanup list until the callee has started
        var writer = new PlanWriter(_w, _projection, _types, _f.Context, _f.CodecHome, call + ".Arguments", null);
        _w.Line("int __status;");
        _w.Open("try");
        string? paramsBase = null;
        if (plan.ParamsLocation == ParamsLocation.ParamsPointer)
        {
            paramsBase = slots[0];
            writer.LowerFrame(slots, sig.Params, System.Array.Empty<ValuePlan>());
            writer.DeclareSlot(0, $"{call}.Arguments.Alloc({Int(plan.ParamsArea!.Size)}, {Int(plan.ParamsArea.Align)})");
        }
        else
        {
            writer.LowerFrame(slots, sig.Params, plan.Params.Select(p => p.Plan));
        }
        int offset = _f.IsMethod ? 1 : 0;
        for (int i = 0; i < plan.Params.Count; i++)
        {
            string value = _f.IsMethod && i == 0 ? self : _f.Parameters[i - offset].Name;
            writer.Lower(plan.Params[i].Plan, value, paramsBase);
        }
        if (plan.ResultLocation == ResultLocation.OutPointer) writer.DeclareSlot(plan.OutPointerIndex, call + ".ResultArea");
        _w.Line($"__status = {_f.CoreMethod}({string.Join(", ", slots)});");
        _w.Close();
        _w.Open("catch");
        _w.Line($"{call}.Abandon();");
        _w.Line("throw;");
        _w.Close();
        string start = _async.Awaited is null ? "StartVoid" : "Start";
        _w.Line($"return {call}.{start}(__status, {_async.CancellationParameter});");
        _w.Close();

        if (_async.ResultLiftMethod is null) return;
        // the result, lifted from the result area once the callee returned (a WIT error may surface as an exception)
        _w.Line();
        _w.Open($"private static {Awaited} {_async.ResultLiftMethod}(int __base)");
        var lifter = new PlanWriter(_w, _projection, _types, _f.Context, _f.CodecHome, "", null);
        lifter.LiftFrame(System.Array.Empty<string>());
        var resultPlan = plan.Result!;
        if (_f.ThrownError is not null && resultPlan is VariantPlan { Type.Kind: AbiTypeKind.Result } variant)
        {
            string error = _types.Of(_f.ThrownError);
            lifter.LiftCases(variant, "__base", (c, payload) => c == 0
                ? (_async.Awaited is null ? "return default;" : $"return {payload};")
                : $"throw new {_types.Runtime("WitException")}<{error}>({payload ?? "default"});");
        }
        else
        {
            _w.Line($"return {lifter.Lift(resultPlan, "__base")};");
        }
        _w.Close();
    }

    // ---------------------------------------------------------------- exports

    public void ExportShim()
    {
        var plan = _f.Plan;
        var sig = plan.Signature!;
        string entry = _f.Core.Name;
        var args = Enumerable.Range(0, sig.Params.Count).Select(i => "__a" + Int(i)).ToArray();
        var writer = new PlanWriter(_w, _projection, _types, _f.Context, _f.CodecHome, "", null);
        writer.LiftFrame(args);
        FunctionPrinter.UnmanagedCallersOnly(_w, entry);
        _w.Open($"internal static int {_f.CoreMethod}({string.Join(", ", sig.Params.Select((t, i) => PlanWriter.CoreType(t) + " " + args[i]))})");
        _w.Open("try");
        string? paramsBase = plan.ParamsLocation == ParamsLocation.ParamsPointer ? args[0] : null;
        if (_f.Ownership.DropsBorrowedHandles)
        {
            writer.Borrows = "__borrows";
            _w.Line($"var __borrows = new {_types.Runtime("WitBorrowScope")}();");
        }
        // every argument is read before the params area is freed
        var values = new List<string>();
        foreach (var p in plan.Params)
        {
            string value = writer.Lift(p.Plan, paramsBase);
            string local = "__arg" + Int(values.Count);
            _w.Line($"var {local} = {value};");
            values.Add(local);
        }
        if (_f.Ownership.ParamsArea == Allocation.FreedAfterLifting) _w.Line($"{Memory}.Free({paramsBase});");
        _w.Line($"var __task = {_types.Runtime("WitTask")}.Begin();");
        var bodyArgs = new List<string> { "__task" };
        bodyArgs.AddRange(values);
        if (writer.Borrows is not null) bodyArgs.Add("__borrows");
        _w.Line($"return __task.Start({_async.BodyMethod}({string.Join(", ", bodyArgs)}));");
        _w.Close();
        FunctionPrinter.TrapCatch(_w, _types, entry);
        _w.Close();
        _w.Line();
        Body(values.Count, writer.Borrows is not null);
        _w.Line();
        string callback = _async.Callback!.Name;
        FunctionPrinter.UnmanagedCallersOnly(_w, callback);
        _w.Open($"internal static int {_async.CallbackMethod}(int __event, int __index, int __payload)");
        _w.Open("try");
        _w.Line($"return {_types.Runtime("WitTask")}.Callback(__event, __index, __payload);");
        _w.Close();
        FunctionPrinter.TrapCatch(_w, _types, callback);
        _w.Close();
        _w.Line();
        FunctionPrinter.Externs(_w, _types, new[] { (_async.TaskReturn!, _async.TaskReturnMethod!) });
    }

    /// <summary>The async body: awaits the implementation, then hands the result to <c>task.return</c> (or, when the
    /// implementation gave up after the caller cancelled, calls <c>task.cancel</c>).</summary>
    private void Body(int valueCount, bool borrows)
    {
        var plan = _f.Plan;
        var values = Enumerable.Range(0, valueCount).Select(i => "__arg" + Int(i)).ToList();
        var parameters = new List<string> { _types.Runtime("WitTask") + " __task" };
        for (int i = 0; i < valueCount; i++)
        {
            var type = _projection.Of(plan.Function.Params[i].Type, _f.Context);
            parameters.Add(_types.Of(type) + " " + values[i]);
        }
        if (borrows) parameters.Add(_types.Runtime("WitBorrowScope") + " __borrows");
        _w.Open($"private static async global::System.Threading.Tasks.ValueTask {_async.BodyMethod}({string.Join(", ", parameters)})");
        var callArgs = (_f.IsMethod ? values.Skip(1) : values).Append("__task.CancellationToken");
        string call = _f.IsMethod
            ? $"{values[0]}.{_f.MemberName}({string.Join(", ", callArgs)})"
            : $"{_f.Target!.WorldClass}.{_f.Target.Property}.{_f.MemberName}({string.Join(", ", callArgs)})";
        string? result = null;
        string resultType = _f.ResultType is null ? "" : _types.Of(_f.ResultType);
        if (_f.ResultType is not null)
        {
            result = "__result";
            _w.Line($"{resultType} {result};");
        }
        _w.Open("try");
        if (_f.ResultType is null) _w.Line($"await {call};");
        else if (_f.ThrownError is not null && _async.Awaited is null)
        {
            _w.Line($"await {call};");
            _w.Line($"{result} = {resultType}.Ok(default);");
        }
        else if (_f.ThrownError is not null) _w.Line($"{result} = {resultType}.Ok(await {call});");
        else _w.Line($"{result} = await {call};");
        _w.Close();
        if (_f.ThrownError is not null)
        {
            _w.Open($"catch ({_types.Runtime("WitException")}<{_types.Of(_f.ThrownError)}> __error)");
            _w.Line($"{result} = {resultType}.Err(__error.Value);");
            _w.Close();
        }
        _w.Open("catch (global::System.Exception __e) when (__task.IsCancellation(__e))");
        if (borrows) _w.Line("__borrows.DropAll();");
        _w.Line("__task.CancelWithoutResult();");
        _w.Line("return;");
        _w.Close();
        if (borrows) _w.Line("__borrows.DropAll();");

        // task.return: the result as flat params, or in an area, allocated through a cleanup list freed after the call
        var taskReturn = plan.Signature!.TaskReturn!;
        var slots = Enumerable.Range(0, taskReturn.Params.Count).Select(i => "__r" + Int(i)).ToArray();
        var writer = new PlanWriter(_w, _projection, _types, _f.Context, _f.CodecHome, "__cleanup", null);
        bool cleanup = plan.Function.Result is { HasPointers: true } || plan.ResultLocation == ResultLocation.TaskReturnPointer
                       || _f.Ownership.KeepsHandles;
        if (cleanup) _w.Line($"using var __cleanup = {_types.Runtime("WitCleanup")}.RentForResult();");
        if (plan.Result is { } resultPlan)
        {
            if (plan.ResultLocation == ResultLocation.TaskReturnPointer)
            {
                writer.LowerFrame(slots, taskReturn.Params, System.Array.Empty<ValuePlan>());
                writer.DeclareSlot(0, $"__cleanup.Alloc({Int(plan.ResultArea!.Size)}, {Int(plan.ResultArea.Align)})");
                writer.Lower(resultPlan, result!, slots[0]);
            }
            else
            {
                writer.LowerFrame(slots, taskReturn.Params, new[] { resultPlan });
                writer.Lower(resultPlan, result!, null);
            }
        }
        _w.Line("__task.Returned();");
        _w.Line($"{_async.TaskReturnMethod}({string.Join(", ", slots)});");
        _w.Close();
    }
}

/// <summary>Prints the async parts of a world class: the stream and future vtables, the error-context vtable, and the module
/// initializer registering them with the runtime.</summary>
internal sealed class AsyncWorldPrinter
{
    private readonly SourceWriter _w;
    private readonly TypeProjection _projection;
    private readonly CsTypeText _types;
    private readonly AsyncWorldBinding _async;
    private readonly CsName _abiClass;

    public AsyncWorldPrinter(SourceWriter writer, TypeProjection projection, CsTypeText types, AsyncWorldBinding async, CsName abiClass)
    {
        _w = writer;
        _projection = projection;
        _types = types;
        _async = async;
        _abiClass = abiClass;
    }

    private static string Int(long value) => PlanWriter.Int(value);

    /// <summary>The registration method (a module initializer) and, in the <c>Abi</c> class, the vtables.</summary>
    public void Print()
    {
        _w.Line("/// <summary>Makes the stream, future and error-context built-ins of this world the ones the runtime uses.</summary>");
        _w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        _w.Open($"internal static void {_async.RegisterMethod}()");
        foreach (var v in _async.ValueTypes)
        {
            string vtable = v.Kind == AsyncValueKind.Stream ? "WitStreamVTable" : "WitFutureVTable";
            _w.Line($"{_types.Runtime(vtable)}<{_types.Of(v.ElementType)}>.Register({v.Class}.Instance);");
        }
        if (_async.ErrorContext is { } errorContext) _w.Line($"{_types.Runtime("WitErrorContextVTable")}.Register({errorContext.Class}.Instance);");
        _w.Close();
        if (_async.ValueTypes.Count == 0 && _async.ErrorContext is null) return;
        _w.Line();
        _w.Line("/// <summary>The built-ins of the stream and future payload types and of error-context.</summary>");
        _w.Open($"internal static partial class {_abiClass.Simple}");
        bool first = true;
        foreach (var v in _async.ValueTypes)
        {
            if (!first) _w.Line();
            first = false;
            ValueType(v);
        }
        if (_async.ErrorContext is { } context)
        {
            if (!first) _w.Line();
            ErrorContext(context);
        }
        _w.Close();
    }

    private static readonly string[] Members = { "New", "Read", "Write", "CancelRead", "CancelWrite", "DropReadable", "DropWritable" };

    private void ValueType(AsyncValueTypeBinding v)
    {
        bool stream = v.Kind == AsyncValueKind.Stream;
        string element = _types.Of(v.ElementType);
        string name = v.Class.Simple;
        _w.Open($"internal sealed class {name} : {_types.Runtime(stream ? "WitStreamVTable" : "WitFutureVTable")}<{element}>");
        _w.Line($"public static readonly {name} Instance = new();");
        _w.Line($"internal override int ElementSize => {Int(v.ElementSize)};");
        _w.Line($"internal override int ElementAlign => {Int(v.ElementAlign)};");
        if (stream) _w.Line($"internal override bool IsCanonical => {(v.IsCanonical ? "true" : "false")};");
        string count = stream ? ", int count" : "";
        string countArg = stream ? ", count" : "";
        _w.Line("internal override long New() => __New();");
        _w.Line($"internal override int Read(int end, int buffer{count}) => __Read(end, buffer{countArg});");
        _w.Line($"internal override int Write(int end, int buffer{count}) => __Write(end, buffer{countArg});");
        _w.Line("internal override int CancelRead(int end) => __CancelRead(end);");
        _w.Line("internal override int CancelWrite(int end) => __CancelWrite(end);");
        _w.Line("internal override void DropReadable(int end) => __DropReadable(end);");
        _w.Line("internal override void DropWritable(int end) => __DropWritable(end);");
        if (v.LiftElement is { } lift && (!stream || !v.IsCanonical))
        {
            _w.Line();
            _w.Open($"internal override {element} LiftElement(int address)");
            var writer = new PlanWriter(_w, _projection, _types, v.Context, v.CodecHome, "", null);
            _w.Line($"return {writer.Lift(lift.Root, "address")};");
            _w.Close();
            _w.Line();
            _w.Open($"internal override void LowerElement({element} value, int address, {_types.Runtime("WitCleanup")} cleanup)");
            var lowerer = new PlanWriter(_w, _projection, _types, v.Context, v.CodecHome, "cleanup", null);
            lowerer.Lower(v.LowerElement!.Root, "value", "address");
            _w.Close();
        }
        else if (!stream)
        {
            // a future without payload: nothing in its buffer
            _w.Line($"internal override {element} LiftElement(int address) => default;");
            _w.Line($"internal override void LowerElement({element} value, int address, {_types.Runtime("WitCleanup")} cleanup) {{ }}");
        }
        _w.Line();
        FunctionPrinter.Externs(_w, _types, v.Builtins.Select((b, i) => (b, "__" + Members[i])).ToList());
        _w.Close();
    }

    private void ErrorContext(ErrorContextBinding context)
    {
        string memory = _types.Runtime("WitMemory");
        string suffix = context.Encoding switch
        {
            StringEncoding.Utf16 => "Utf16",
            StringEncoding.Latin1Utf16 => "Latin1Utf16",
            _ => "",
        };
        _w.Open($"internal sealed class {context.Class.Simple} : {_types.Runtime("WitErrorContextVTable")}");
        _w.Line($"public static readonly {context.Class.Simple} Instance = new();");
        _w.Line();
        _w.Open("internal override int New(string message)");
        _w.Line($"using var cleanup = {_types.Runtime("WitCleanup")}.Rent();");
        _w.Line($"int pointer = {memory}.LowerString{suffix}(message, cleanup, out int length);");
        _w.Line("return __New(pointer, length);");
        _w.Close();
        _w.Line();
        _w.Open("internal override string DebugMessage(int handle)");
        _w.Line($"using var cleanup = {_types.Runtime("WitCleanup")}.Rent();");
        _w.Line("int area = cleanup.Alloc(8, 4);");
        _w.Line("__DebugMessage(handle, area);");
        _w.Line($"return {memory}.LiftString{suffix}({memory}.LoadI32(area), {memory}.LoadI32(area + 4));");
        _w.Close();
        _w.Line();
        _w.Line("internal override void Drop(int handle) => __Drop(handle);");
        _w.Line();
        FunctionPrinter.Externs(_w, _types, new[] { (context.New, "__New"), (context.DebugMessage, "__DebugMessage"), (context.Drop, "__Drop") });
        _w.Close();
    }
}

using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;

namespace WitTools.BindGen.Guest;

/// <summary>
/// Prints one function binding: an import as a C# method that lowers its arguments, calls the core import and lifts
/// the result; an export as the shim the host calls (lift arguments, call the implementation, lower the result) and
/// its post-return. One object per printed function; everything printed comes from the <see cref="FunctionBinding"/>.
/// </summary>
internal sealed class FunctionPrinter
{
    private readonly SourceWriter _w;
    private readonly TypeProjection _projection;
    private readonly CsTypeText _types;
    private readonly FunctionBinding _f;

    public FunctionPrinter(SourceWriter writer, TypeProjection projection, CsTypeText types, FunctionBinding function)
    {
        _w = writer;
        _projection = projection;
        _types = types;
        _f = function;
    }

    private string Memory => _types.Runtime("WitMemory");

    private static string Int(long value) => PlanWriter.Int(value);

    public string ReturnType => _types.Of(_f.Return);

    public string Parameters => string.Join(", ", _f.Parameters.Select(p => _types.Of(p.Type) + " " + p.Name));

    /// <summary>The C# signature of the member without modifiers: "ReturnType Name(params)".</summary>
    public string Signature => $"{ReturnType} {_f.MemberName}({Parameters})";

    /// <summary>The signature of the import's member in its import contract.</summary>
    public string ContractSignature =>
        $"{ReturnType} {_f.Dispatch!.Member}({string.Join(", ", _f.Dispatch.Parameters.Select(p => _types.Of(p.Type) + " " + p.Name))})";

    /// <summary>Marks a contract member with its WIT name and type (read by the analyzers).</summary>
    public string FunctionAttribute =>
        $"[{_types.Runtime("WitFunction")}({CSharpNames.Literal(_f.WitName)}, {CSharpNames.Literal(_f.WitType)})]";

    /// <summary>What precedes a member: the WIT docs; for a function whose <c>err</c> travels as <c>WitException&lt;E&gt;</c>
    /// an <c>&lt;exception&gt;</c> saying so: when it is thrown to the caller, or (<paramref name="implemented"/>: a contract
    /// member or an exported resource's method, which the user implements) that throwing it returns <c>err</c>; and
    /// <c>[Obsolete]</c> for a deprecated WIT function.</summary>
    public void Docs(bool implemented = false)
    {
        _w.Docs(_f.Docs);
        ExceptionDocs(implemented);
        _w.Obsolete(_f.Obsolete);
    }

    private void ExceptionDocs(bool implemented)
    {
        if (_f.ThrownError is not { } error) return;
        string value = error switch
        {
            CsTupleType { Items.Count: 0 } => null!,
            CsDeclaredType declared => $"<see cref=\"{declared.Name}\"/>",
            _ => $"<c>{SourceWriter.EscapeXml(_types.Of(error))}</c>",
        };
        string exception = _types.Runtime("WitException{E}");
        string text = implemented
            ? value is null ? "Throw it to return <c>err</c>." : $"Throw it with a {value} to return <c>err</c> with that value."
            : value is null ? "The WIT function returned <c>err</c>." : $"The WIT function returned <c>err</c>; the exception's <c>Value</c> is the {value}.";
        _w.Line($"/// <exception cref=\"{exception}\">{text}</exception>");
    }

    // ---------------------------------------------------------------- imports

    /// <summary>The import as a method. <paramref name="modifiers"/>: "public static", "public", or for the
    /// constructor helper of a resource "private static" (named <paramref name="name"/>); <paramref name="self"/> is the
    /// expression lowered as the WIT <c>self</c> of a method.</summary>
    public void Import(string modifiers, string name, string self)
    {
        if (_f.Async is not null)
        {
            new AsyncFunctionPrinter(_w, _projection, _types, _f).Import(modifiers, name, self);
            return;
        }
        var plan = _f.Plan;
        var sig = plan.Signature!;
        var writer = new PlanWriter(_w, _projection, _types, _f.Context, _f.CodecHome, "__cleanup", null);
        var pinned = _f.Parameters.Where(p => p.Pinned).ToList();
        bool stack = _f.Ownership.ResultArea == Allocation.CallerStack;
        bool cleanup = _f.Ownership.UsesCallCleanup || stack; // emulated memory puts the stack area in the cleanup list too
        Docs();
        _w.Open($"{modifiers} {(pinned.Count > 0 ? "unsafe " : "")}{ReturnType} {name}({Parameters})");
        if (_f.Dispatch is { } dispatch) OutsideComponent(_w, _types, _f, dispatch);
        foreach (var span in pinned)
        {
            string pin = "__pin" + span.Name.TrimStart('@');
            string element = _types.Of(((CsReadOnlySpanType)span.Type).Element);
            _w.Line("#if !WIT_EMULATED_MEMORY");
            _w.Line($"fixed ({element}* {pin} = {span.Name})");
            _w.Line("#endif");
            _w.Line("{");
            _w.Indent();
            writer.Pinned[span.Name] = pin;
        }
        var slots = Enumerable.Range(0, sig.Params.Count).Select(i => "__p" + Int(i)).ToArray();
        // the call's allocations are freed when the method is left, however it is left
        if (cleanup) _w.Line($"using var __cleanup = {_types.Runtime("WitCleanup")}.Rent();");
        string? paramsBase = null;
        if (plan.ParamsLocation == ParamsLocation.ParamsPointer)
        {
            paramsBase = slots[0];
            writer.LowerFrame(slots, sig.Params, System.Array.Empty<ValuePlan>());
            writer.DeclareSlot(0, $"__cleanup.Alloc({Int(plan.ParamsArea!.Size)}, {Int(plan.ParamsArea.Align)})");
        }
        else
        {
            writer.LowerFrame(slots, sig.Params, plan.Params.Select(p => p.Plan));
        }
        for (int i = 0; i < plan.Params.Count; i++)
        {
            string value = _f.IsMethod && i == 0 ? self : _f.Parameters[_f.IsMethod ? i - 1 : i].Name;
            writer.Lower(plan.Params[i].Plan, value, paramsBase);
        }
        string? resultBase = null;
        if (plan.ResultLocation == ResultLocation.OutPointer)
        {
            resultBase = slots[plan.OutPointerIndex];
            var area = plan.ResultArea!;
            // on the stack (in linear memory in wasm32), aligned by the runtime; emulated memory allocates it in the cleanup list
            writer.DeclareSlot(plan.OutPointerIndex, stack
                ? $"{Memory}.ReturnArea(stackalloc byte[{Int(area.Size + area.Align - 1)}], {Int(area.Size)}, {Int(area.Align)}, __cleanup)"
                : $"__cleanup.Alloc({Int(area.Size)}, {Int(area.Align)})");
        }
        string call = $"{_f.CoreMethod}({string.Join(", ", slots)})";
        if (sig.Results.Count > 0) _w.Line($"var __r0 = {call};");
        else _w.Line(call + ";");
        if (plan.Result is { } resultPlan)
        {
            writer.LiftFrame(new[] { "__r0" });
            if (_f.ThrownError is not null && resultPlan is VariantPlan { Type.Kind: AbiTypeKind.Result } variant)
            {
                // result<T, E> as "return T, throw WitException<E>": straight from the cases, no Result in between
                string error = _types.Of(_f.ThrownError);
                writer.LiftCases(variant, resultBase, (c, payload) => c == 0
                    ? (_f.Return is null ? "return;" : $"return {payload};")
                    : $"throw new {_types.Runtime("WitException")}<{error}>({payload ?? "default"});");
            }
            else
            {
                string result = writer.Lift(resultPlan, resultBase);
                if (_f.ThrownError is not null)
                {
                    string res = writer.Temp("result");
                    _w.Line($"var {res} = {result};");
                    _w.Line(_f.Return is null ? $"if ({res}.IsOk) return;" : $"if ({res}.IsOk) return {res}.Value;");
                    _w.Line($"throw new {_types.Runtime("WitException")}<{_types.Of(_f.ThrownError)}>({res}.Error);");
                }
                else
                {
                    _w.Line($"return {result};");
                }
            }
        }
        foreach (var _ in pinned) _w.Close();
        _w.Close();
    }

    /// <summary>Outside a WebAssembly component the import calls its contract's member with the C# arguments as they
    /// are (an implementation provided through <c>WitImports.Provide</c>, or the one a resource object wraps). Async
    /// imports too (AsyncFunctionPrinter): the contract member returns the same task.</summary>
    internal static void OutsideComponent(SourceWriter w, CsTypeText types, FunctionBinding f, ImportDispatch dispatch)
    {
        string imports = types.Runtime("WitImports");
        string target = dispatch.FromSelf
            ? ResourceMembers.Implementation
            : $"{imports}.Get<{dispatch.Contract}>({CSharpNames.Literal(dispatch.Import)})";
        // a pinned span is a T[] in the contract (ImportDispatch.Parameters): copied, only here outside a component
        string call = $"{target}.{dispatch.Member}({string.Join(", ", f.Parameters.Select(p => p.Pinned ? p.Name + ".ToArray()" : p.Name))})";
        if (f.Return is null)
        {
            w.Open($"if ({imports}.OutsideComponent)");
            w.Line(call + ";");
            w.Line("return;");
            w.Close();
        }
        else
        {
            w.Line($"if ({imports}.OutsideComponent) return {call};");
        }
    }

    /// <summary>
    /// The core functions a class imports (its imported functions and canonical built-ins), as one block: each an
    /// extern with <c>DllImport</c> + <c>WasmImportLinkage</c>, or with WIT_EMULATED_MEMORY a call into the test host.
    /// </summary>
    public static void Externs(SourceWriter w, CsTypeText types, IReadOnlyList<(CanonicalBuiltin Builtin, string Method)> externs)
    {
        if (externs.Count == 0) return;
        w.Line("#if WIT_EMULATED_MEMORY");
        foreach (var (builtin, method) in externs)
        {
            var (ret, ps) = CoreSignature(builtin);
            string args = "new object[] { " + string.Join(", ", builtin.Signature.Params.Select((t, i) => "p" + Int(i))) + " }";
            string call = $"{types.Runtime("WitTestHost")}.Call({CSharpNames.Literal(builtin.Module)}, {CSharpNames.Literal(builtin.Name)}, {args})";
            w.Line(ret == "void" ? $"private static void {method}({ps}) => {call};" : $"private static {ret} {method}({ps}) => ({ret}){call}!;");
        }
        w.Line("#else");
        foreach (var (builtin, method) in externs)
        {
            var (ret, ps) = CoreSignature(builtin);
            w.Line($"[global::System.Runtime.InteropServices.DllImport({CSharpNames.Literal(builtin.Module)}, EntryPoint = {CSharpNames.Literal(builtin.Name)}), global::System.Runtime.InteropServices.WasmImportLinkage] private static extern {ret} {method}({ps});");
        }
        w.Line("#endif");
    }

    private static (string Return, string Params) CoreSignature(CanonicalBuiltin builtin)
    {
        var sig = builtin.Signature;
        string ret = sig.Results.Count == 0 ? "void" : PlanWriter.CoreType(sig.Results[0]);
        string ps = string.Join(", ", sig.Params.Select((t, i) => PlanWriter.CoreType(t) + " p" + Int(i)));
        return (ret, ps);
    }

    // ---------------------------------------------------------------- exports

    /// <summary>The attribute that exports a core function (absent in emulated mode, where tests call the shim).</summary>
    public static void UnmanagedCallersOnly(SourceWriter w, string entryPoint)
    {
        w.Line("#if !WIT_EMULATED_MEMORY");
        w.Line("[global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = " + CSharpNames.Literal(entryPoint) + ")]");
        w.Line("#endif");
    }

    /// <summary>The catch every export shim ends with: any exception aborts the instance (docs/type-mapping.md).</summary>
    public static void TrapCatch(SourceWriter w, CsTypeText types, string exportName)
    {
        w.Open("catch (global::System.Exception __e)");
        w.Line($"throw {types.Runtime("WitTrapException")}.Abort({CSharpNames.Literal(exportName)}, __e);");
        w.Close();
    }

    /// <summary>The shim the host calls: lifts params, calls the user's implementation, lowers the result; then its post-return.</summary>
    public void ExportShim()
    {
        if (_f.Async is not null)
        {
            new AsyncFunctionPrinter(_w, _projection, _types, _f).ExportShim();
            return;
        }
        var plan = _f.Plan;
        var sig = plan.Signature!;
        string exportName = _f.Core.Name;
        string ret = sig.Results.Count == 0 ? "void" : PlanWriter.CoreType(sig.Results[0]);
        var args = Enumerable.Range(0, sig.Params.Count).Select(i => "__a" + Int(i)).ToArray();
        string postReturn = Memory + ".PostReturn";
        var writer = new PlanWriter(_w, _projection, _types, _f.Context, _f.CodecHome, postReturn, null);
        writer.LiftFrame(args);
        UnmanagedCallersOnly(_w, exportName);
        _w.Open($"internal static {ret} {_f.CoreMethod}({string.Join(", ", sig.Params.Select((t, i) => PlanWriter.CoreType(t) + " " + args[i]))})");
        _w.Open("try");
        string? paramsBase = plan.ParamsLocation == ParamsLocation.ParamsPointer ? args[0] : null;
        if (_f.Ownership.DropsBorrowedHandles)
        {
            writer.Borrows = "__borrows";
            _w.Line($"var __borrows = new {_types.Runtime("WitBorrowScope")}();");
        }
        var values = plan.Params.Select(p => writer.Lift(p.Plan, paramsBase)).ToList();
        // the host allocated the params area through our cabi_realloc: ours to free once read
        if (_f.Ownership.ParamsArea == Allocation.FreedAfterLifting) _w.Line($"{Memory}.Free({paramsBase});");
        string call = _f.IsMethod
            ? $"{values[0]}.{_f.MemberName}({string.Join(", ", values.Skip(1))})"
            : $"{_f.Target!.WorldClass}.{_f.Target.Property}.{_f.MemberName}({string.Join(", ", values)})";
        string? result = null;
        if (_f.ResultType is null)
        {
            _w.Line(call + ";");
        }
        else if (_f.ThrownError is not null)
        {
            string cs = _types.Of(_f.ResultType);
            result = writer.Temp("result");
            _w.Line($"{cs} {result};");
            _w.Open("try");
            if (_f.Return is null)
            {
                _w.Line(call + ";");
                _w.Line($"{result} = {cs}.Ok(default);");
            }
            else
            {
                _w.Line($"{result} = {cs}.Ok({call});");
            }
            _w.Close();
            _w.Open($"catch ({_types.Runtime("WitException")}<{_types.Of(_f.ThrownError)}> __error)");
            _w.Line($"{result} = {cs}.Err(__error.Value);");
            _w.Close();
        }
        else
        {
            result = writer.Temp("result");
            _w.Line($"var {result} = {call};");
        }
        if (writer.Borrows is not null) _w.Line($"{writer.Borrows}.DropAll();");
        if (plan.Result is { } resultPlan)
        {
            if (plan.ResultLocation == ResultLocation.ReturnedPointer)
            {
                _w.Line($"int __ret = {postReturn}.Alloc({Int(plan.ResultArea!.Size)}, {Int(plan.ResultArea.Align)});");
                writer.LowerFrame(new string[0], new CoreType[0], System.Array.Empty<ValuePlan>());
                writer.Lower(resultPlan, result!, "__ret");
                _w.Line("return __ret;");
            }
            else
            {
                writer.LowerFrame(new[] { "__r0" }, sig.Results, new[] { resultPlan });
                writer.Lower(resultPlan, result!, null);
                _w.Line("return __r0;");
            }
        }
        _w.Close();
        TrapCatch(_w, _types, exportName);
        _w.Close();
        if (_f.PostReturn is { } post)
        {
            _w.Line();
            UnmanagedCallersOnly(_w, post.Name);
            _w.Open($"internal static void {_f.PostReturnMethod}({string.Join(", ", sig.Results.Select((t, i) => PlanWriter.CoreType(t) + " __r" + Int(i)))})");
            _w.Open("try");
            _w.Line($"{postReturn}.FreeAll();");
            _w.Close();
            TrapCatch(_w, _types, post.Name);
            _w.Close();
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;

namespace WitTools.BindGen.Host;

/// <summary>Everything the host printers read: the model, the C# projection, the host codecs, the resources by side.</summary>
internal sealed class HostModel
{
    private readonly Dictionary<(WitParser.Model.TypeId, BindingSide), HostResourceBinding> _resources = new();

    public HostModel(HostWorldBinding world, TypeProjection projection, HostCodecIndex codecs)
    {
        World = world;
        Projection = projection;
        Codecs = codecs;
        Types = new CsTypeText(world.Options.RootNamespace);
        foreach (var contract in world.ImplementedContracts.Concat(world.CalledContracts))
            foreach (var resource in contract.Resources)
                _resources[(resource.Origin, resource.Side)] = resource;
    }

    public HostWorldBinding World { get; }
    public TypeProjection Projection { get; }
    public HostCodecIndex Codecs { get; }
    public CsTypeText Types { get; }

    /// <summary>The resource a handle node refers to, as code on <paramref name="side"/> sees it.</summary>
    public HostResourceBinding Resource(AbiType handle, BindingSide side)
    {
        var declaration = Projection.Declaration(handle, side);
        return _resources.TryGetValue((declaration.Origin, declaration.Side), out var resource) ? resource
            : throw new System.InvalidOperationException("internal: no host binding for resource `" + handle + "`");
    }

    public HostResourceBinding? ResourceOf(TypeDeclaration declaration) =>
        _resources.TryGetValue((declaration.Origin, declaration.Side), out var resource) ? resource : null;
}

/// <summary>
/// Prints one host function: a call into the component (a client's contract member, or a method of a resource handle),
/// or the linker callback through which the component calls the host's implementation of an import. Everything printed
/// comes from the <see cref="HostFunctionBinding"/>.
/// </summary>
internal sealed class HostFunctionPrinter
{
    private readonly SourceWriter _w;
    private readonly HostModel _model;
    private readonly HostFunctionBinding _host;
    private readonly FunctionBinding _f;

    public HostFunctionPrinter(SourceWriter writer, HostModel model, HostFunctionBinding function)
    {
        _w = writer;
        _model = model;
        _host = function;
        _f = function.Function;
    }

    private CsTypeText Types => _model.Types;

    public string ReturnType => Types.Of(_f.Return);

    public string Parameters => string.Join(", ", _f.Parameters.Select(p => Types.Of(p.Type) + " " + p.Name));

    /// <summary>"ReturnType Name(params)".</summary>
    public string Signature => $"{ReturnType} {_f.MemberName}({Parameters})";

    /// <summary>The member's doc comment, and its <c>[Obsolete]</c> when the WIT function is <c>@deprecated</c>.</summary>
    public void Docs()
    {
        _w.Docs(_f.Docs);
        _w.Obsolete(_f.Obsolete);
    }

    /// <summary>A call into the component. <paramref name="store"/> and <paramref name="function"/> are the expressions of
    /// the <c>WitStore</c> and of the <c>WitNativeFunc*</c>; <paramref name="self"/> the handle of a method's <c>self</c>.</summary>
    public void Call(string modifiers, string store, string function, string? self)
    {
        var plan = _f.Plan.Function;
        string val = Types.Runtime("WitVal");
        var writer = new HostValueWriter(_w, _model, _f.Context, _f.CodecHome, "__store");
        Docs();
        _w.Open($"{modifiers} {Signature}");
        _w.Line($"var __store = {store};");
        int count = plan.Params.Count;
        if (count > 0)
        {
            _w.Line($"{val}* __args = __store.Arena.Values({count});");
            // numbers cannot fail to lower; anything else may (a null, an unpaired surrogate, a disposed handle)
            bool mayFail = plan.Params.Any(p => p.Type.Kind > AbiTypeKind.Char);
            if (mayFail) _w.Open("try");
            for (int i = 0; i < count; i++)
            {
                string value = _f.IsMethod && i == 0 ? self! : _f.Parameters[_f.IsMethod ? i - 1 : i].Name;
                writer.Lower(plan.Params[i].Type, value, $"&__args[{i}]");
            }
            if (mayFail)
            {
                _w.Close();
                _w.Open("catch");
                _w.Line("__store.Arena.Reset(); // arguments that could not be lowered: the component is not called");
                _w.Line("throw;");
                _w.Close();
            }
        }
        string args = count > 0 ? "__args" : "null";
        string qualified = CSharpNames.Literal(_host.QualifiedName);
        if (plan.Result is not { } result)
        {
            _w.Line($"__store.Call({function}, {args}, {count}, null, 0, {qualified});");
            _w.Close();
            return;
        }
        _w.Line($"{val} __result = default;");
        _w.Line($"__store.Call({function}, {args}, {count}, &__result, 1, {qualified});");
        _w.Open("try");
        if (_f.ThrownError is not null && result.Kind == AbiTypeKind.Result)
            writer.LiftResultAsReturn(result, "&__result", _f.Return is not null, _f.ThrownError);
        else
            _w.Line($"return {writer.Lift(result, "&__result")};");
        _w.Close();
        _w.Open("finally");
        _w.Line($"{Types.Runtime("WitHostValues")}.Free(&__result);");
        _w.Close();
        _w.Close();
    }

    /// <summary>The linker callback of an import the host implements: lifts the arguments, calls the implementation
    /// (the contract registered in the store, or the <c>self</c> object of a method), lowers the result. An exception
    /// escaping the implementation (other than the <c>WitException&lt;E&gt;</c> of a function returning <c>result</c>) makes
    /// the component trap with its message.</summary>
    public void Callback(CsName contract)
    {
        var plan = _f.Plan.Function;
        string val = Types.Runtime("WitVal");
        var writer = new HostValueWriter(_w, _model, _f.Context, _f.CodecHome, "__store");
        _w.Line("[global::System.Runtime.InteropServices.UnmanagedCallersOnly]");
        _w.Open($"private static global::System.IntPtr {_f.CoreMethod}(global::System.IntPtr env, global::System.IntPtr context, global::System.IntPtr type, {val}* args, nuint argCount, {val}* results, nuint resultCount)");
        _w.Line($"var __store = {Types.Runtime("WitStore")}.FromContext(context);");
        _w.Open("try");
        var arguments = new List<string>();
        string target;
        if (_f.IsMethod)
        {
            target = writer.Lift(plan.Params[0].Type, "&args[0]");
        }
        else
        {
            target = "__store.Get<" + contract + ">()";
        }
        for (int i = _f.IsMethod ? 1 : 0; i < plan.Params.Count; i++)
        {
            string a = writer.Temp("a");
            _w.Line($"var {a} = {writer.Lift(plan.Params[i].Type, $"&args[{i}]")};");
            arguments.Add(a);
        }
        string call = $"{target}.{_f.MemberName}({string.Join(", ", arguments)})";
        if (plan.Result is { } result)
        {
            string value;
            if (_f.ThrownError is not null && _f.ResultType is { } resultType)
            {
                value = "__result";
                string cs = Types.Of(resultType);
                _w.Line($"{cs} __result;");
                _w.Open("try");
                _w.Line(_f.Return is null ? $"{call};" : $"var __ok = {call};");
                _w.Line($"__result = {cs}.Ok({(_f.Return is null ? "default" : "__ok")});");
                _w.Close();
                _w.Open($"catch ({Types.Runtime("WitException")}<{Types.Of(_f.ThrownError)}> __error)");
                _w.Line($"__result = {cs}.Err(__error.Value);");
                _w.Close();
            }
            else
            {
                value = "__result";
                _w.Line($"var __result = {call};");
            }
            // built in scratch memory, then copied into memory Wasmtime owns (it frees the results)
            _w.Line($"{val}* __value = __store.Arena.Values(1);");
            writer.Lower(result, value, "__value");
            _w.Line($"{Types.Runtime("WitHostValues")}.CopyOut(__value, &results[0]);");
        }
        else
        {
            _w.Line(call + ";");
        }
        _w.Line("return global::System.IntPtr.Zero;");
        _w.Close();
        _w.Open("catch (global::System.Exception __e)");
        _w.Line($"return __store.Fail({CSharpNames.Literal(_host.QualifiedName)}, __e);");
        _w.Close();
        _w.Close();
    }
}

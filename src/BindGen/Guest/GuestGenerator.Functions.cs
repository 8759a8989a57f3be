using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Guest;

public static partial class GuestGenerator
{
    private sealed partial class Emitter
    {
        private readonly Dictionary<TypeId, NameScope> _resourceScopes = new();
        private readonly Dictionary<Function, string> _memberNames = new();
        /// <summary>Span parameters of the import being emitted → their pinned pointer variables.</summary>
        private readonly Dictionary<string, string> _pinned = new();
        private readonly List<(string Header, System.Action<SourceWriter> Body)> _shims = new();
        private string? _exportsContract;
        private string? _exportsFactory;
        private readonly NameScope _exportsScope = new("IExports");
        /// <summary>While lifting the params of an export: the <c>WitBorrowScope</c> that collects borrowed handles.</summary>
        private string? _borrowScope;

        private static readonly string[] ImportedResourceReserved = { "Dispose", "WitBorrowHandle", "WitTakeHandle", "WitDrop" };
        private static readonly string[] ExportedResourceReserved =
            { "Dispose", "OnDestroy", "WitFromRep", "WitLiftOwn", "WitLowerOwn", "WitLowerBorrow", "WitDestroy", "WitNew", "WitRep", "WitDrop" };

        private NameScope ResourceScope(TypeId id)
        {
            if (_resourceScopes.TryGetValue(id, out var scope)) return scope;
            return _resourceScopes[id] = new NameScope(Short(NominalName(id)), IsExportedResource(id) ? ExportedResourceReserved : ImportedResourceReserved);
        }

        /// <summary>C# member names for every function of the world, claimed in declaration order.</summary>
        private void NameFunctions()
        {
            foreach (var info in _ifaces)
            {
                foreach (var f in info.Interface.Functions.Values)
                {
                    if (f.Resource is { } r)
                    {
                        string cls = Short(NominalName(r));
                        if (f.Kind == FunctionKind.Constructor)
                            _memberNames[f] = info.Exported ? info.ContractScope!.Claim("Create" + cls) : "";
                        else if (f.IsStatic && info.Exported)
                            _memberNames[f] = info.ContractScope!.Claim(cls + CSharpNames.Pascal(f.ItemName));
                        else
                            _memberNames[f] = ResourceScope(r).Claim(CSharpNames.Pascal(f.ItemName));
                    }
                    else
                    {
                        _memberNames[f] = info.Exported ? info.ContractScope!.Claim(CSharpNames.Pascal(f.Name)) : info.Scope.Claim(CSharpNames.Pascal(f.Name));
                    }
                }
            }
            foreach (var item in _world.Imports.Values)
            {
                if (item is not FunctionWorldItem fi) continue;
                var f = fi.Function;
                if (f.Resource is { } r)
                    _memberNames[f] = f.Kind == FunctionKind.Constructor ? "" : ResourceScope(r).Claim(CSharpNames.Pascal(f.ItemName));
                else
                    _memberNames[f] = _worldScope.Claim(CSharpNames.Pascal(f.Name));
            }
            foreach (var item in _world.Exports.Values)
            {
                if (item is not FunctionWorldItem fe) continue;
                if (_exportsContract is null)
                {
                    _exportsContract = _worldScope.Claim("IExports");
                    _exportsFactory = _worldScope.Claim("CreateExports");
                }
                _memberNames[fe.Function] = _exportsScope.Claim(CSharpNames.Pascal(fe.Function.Name));
            }
        }

        private FunctionAbiPlan PlanOf(Function f, AbiConvention convention)
        {
            var plan = AbiPlanner.Plan(_abi.Function(f), convention, _options.StringEncoding);
            if (plan.Error is not null) throw new GenerationException($"{Where(f.Span)}: function `{f.Name}`: {plan.Error}");
            return plan;
        }

        /// <summary>Whether <c>result&lt;T, E&gt;</c> maps to "return T, throw WitException&lt;E&gt;". Always for
        /// constructors of imported resources (fallible WIT constructors), which C# constructors cannot return.</summary>
        private bool ResultAsException(AbiType? result, bool constructor = false) =>
            (_options.ResultMapping == ResultMapping.Exceptions || constructor) && result is { Kind: AbiTypeKind.Result };

        private string ReturnType(AbiType? result, bool constructor = false)
        {
            if (result is null) return "void";
            if (ResultAsException(result, constructor))
            {
                _features.Exceptions = _features.Result = _features.Equality = true;
                return result.Cases[0].Type is { } ok ? Cs(ok) : "void";
            }
            return Cs(result);
        }

        /// <summary>C# parameters (without self); canonical lists of imports are spans.</summary>
        private List<(string Name, string Type, FieldPlan Plan)> Parameters(Function f, FunctionAbiPlan plan, bool import)
        {
            var scope = new NameScope(null);
            var list = new List<(string, string, FieldPlan)>();
            for (int i = f.IsMethod ? 1 : 0; i < f.Params.Count; i++)
            {
                var p = plan.Params[i];
                var type = plan.Function.Params[i].Type;
                string cs = import && p.Plan is ListPlan { IsCanonical: true } && type.Kind == AbiTypeKind.List
                    ? "global::System.ReadOnlySpan<" + Cs(type.Element) + ">"
                    : Cs(type);
                list.Add((scope.Claim(CSharpNames.Camel(f.Params[i].Name)), cs, p));
            }
            return list;
        }

        private static string Signature(List<(string Name, string Type, FieldPlan Plan)> ps) => string.Join(", ", ps.Select(p => p.Type + " " + p.Name));

        private void WriteFunctionDocs(SourceWriter w, Function f) => w.Docs(f.Docs.Contents);

        // ---------------------------------------------------------------- imports

        private string DllImport(string module, string name) =>
            $"[global::System.Runtime.InteropServices.DllImport({CSharpNames.Literal(module)}, EntryPoint = {CSharpNames.Literal(name)}), global::System.Runtime.InteropServices.WasmImportLinkage]";

        /// <summary>The extern core function (or, with WIT_EMULATED_MEMORY, a call into the test host).</summary>
        private void WriteExtern(SourceWriter w, string module, string name, string method, CoreSignature sig)
        {
            string ret = sig.Results.Count == 0 ? "void" : CoreCs(sig.Results[0]);
            string ps = string.Join(", ", sig.Params.Select((t, i) => CoreCs(t) + " p" + Int(i)));
            w.Line("#if WIT_EMULATED_MEMORY");
            string args = "new object[] { " + string.Join(", ", sig.Params.Select((t, i) => "p" + Int(i))) + " }";
            string call = $"{G("WitTestHost")}.Call({CSharpNames.Literal(module)}, {CSharpNames.Literal(name)}, {args})";
            w.Line(ret == "void" ? $"private static void {method}({ps}) => {call};" : $"private static {ret} {method}({ps}) => ({ret}){call}!;");
            w.Line("#else");
            w.Line(DllImport(module, name));
            w.Line($"private static extern {ret} {method}({ps});");
            w.Line("#endif");
            _features.TestHost = true;
            _features.WasmImports = true;
        }

        /// <summary>A static or instance method that lowers its arguments, calls the import and lifts the result.</summary>
        private void EmitImport(SourceWriter w, string module, Function f, string header, string self)
        {
            _temp = 0; // generated locals are per method, so numbering restarts (stable diffs)
            var plan = PlanOf(f, AbiConvention.Lower);
            var sig = plan.Signature!;
            var ps = Parameters(f, plan, import: true);
            string method = "__Import" + (header.Contains("WitConstruct") ? "Constructor" : _memberNames[f]);
            WriteFunctionDocs(w, f);
            bool ctor = f.Kind == FunctionKind.Constructor;
            string ret = ReturnType(plan.Function.Result, ctor);
            // spans of numbers are pinned and passed in place (wasm32); emulated memory copies them
            var spans = ps.Where(p => p.Type.StartsWith("global::System.ReadOnlySpan<", System.StringComparison.Ordinal)).ToList();
            w.Open(header.Replace("{ret}", (spans.Count > 0 ? "unsafe " : "") + ret).Replace("{params}", Signature(ps)));
            _pinned.Clear();
            foreach (var span in spans)
            {
                string pin = "__pin" + span.Name.TrimStart('@');
                string element = span.Type.Substring("global::System.ReadOnlySpan<".Length).TrimEnd('>');
                w.Line("#if !WIT_EMULATED_MEMORY");
                w.Line($"fixed ({element}* {pin} = {span.Name})");
                w.Line("#endif");
                w.Line("{");
                w.Indent();
                _pinned[span.Name] = pin;
            }
            var slots = Enumerable.Range(0, sig.Params.Count).Select(i => "__p" + Int(i)).ToArray();
            bool needsCleanup = plan.ParamsLocation == ParamsLocation.ParamsPointer || plan.ResultLocation == ResultLocation.OutPointer
                                || plan.Function.Params.Any(p => p.Type.HasPointers);
            var frame = new Frame(w, slots, "__cleanup");
            if (needsCleanup)
            {
                w.Line($"var __cleanup = {G("WitCleanup")}.Rent();");
                w.Open("try");
            }
            for (int i = 0; i < slots.Length; i++) w.Line($"{CoreCs(sig.Params[i])} {slots[i]} = default;");
            string? paramsBase = null;
            if (plan.ParamsLocation == ParamsLocation.ParamsPointer)
            {
                paramsBase = slots[0];
                w.Line($"{slots[0]} = __cleanup.Alloc({Int(plan.ParamsArea!.Size)}, {Int(plan.ParamsArea.Align)});");
            }
            for (int i = 0; i < plan.Params.Count; i++)
            {
                string value = f.IsMethod && i == 0 ? self : ps[f.IsMethod ? i - 1 : i].Name;
                Lower(plan.Params[i].Plan, value, paramsBase, frame);
            }
            string? resultBase = null;
            if (plan.ResultLocation == ResultLocation.OutPointer)
            {
                resultBase = slots[plan.OutPointerIndex];
                w.Line($"{resultBase} = __cleanup.Alloc({Int(plan.ResultArea!.Size)}, {Int(plan.ResultArea.Align)});");
            }
            string call = $"{method}({string.Join(", ", slots)})";
            if (sig.Results.Count > 0) w.Line($"var __r0 = {call};");
            else w.Line(call + ";");
            if (plan.Result is { } resultPlan)
            {
                var liftFrame = new Frame(w, new[] { "__r0" }, "__cleanup");
                string result = Lift(resultPlan, resultBase, liftFrame);
                if (ResultAsException(plan.Function.Result, ctor))
                {
                    string res = Temp("result");
                    w.Line($"var {res} = {result};");
                    w.Line(plan.Function.Result!.Cases[0].Type is null ? $"if ({res}.IsOk) return;" : $"if ({res}.IsOk) return {res}.Value;");
                    w.Line($"throw new {G("WitException")}<{Cs(plan.Function.Result.Cases[1].Type)}>({res}.Error);");
                }
                else
                {
                    w.Line($"return {result};");
                }
            }
            if (needsCleanup)
            {
                w.Close();
                w.Open("finally");
                w.Line("__cleanup.Release();");
                w.Close();
            }
            foreach (var _ in spans) w.Close();
            _pinned.Clear();
            w.Close();
            w.Line();
            WriteExtern(w, module, f.Name, method, sig);
        }

        /// <summary>The import module and functions of a resource: its interface's, or the world's (`$root`).</summary>
        private (string Module, IEnumerable<Function> Functions) ResourceHome(TypeId id) =>
            _typeOwners.TryGetValue(id, out var owner)
                ? (owner.ModuleName, owner.Interface.Functions.Values)
                : ("$root", _world.Imports.Values.OfType<FunctionWorldItem>().Select(i => i.Function));

        private void EmitImportedResource(SourceWriter w, TypeId id, string name, TypeDef def)
        {
            var (module, functions) = ResourceHome(id);
            _features.Resources = true;
            w.Docs(def.Docs.Contents);
            w.Open($"public sealed class {name} : global::System.IDisposable");
            w.Line("private int _handle;");
            w.Line("private readonly bool _owned;");
            w.Line();
            w.Line("/// <summary>Adopts a handle: <see cref=\"Dispose\"/> drops it (an own handle destroys the resource, a borrowed one ends the borrow).</summary>");
            w.Open($"public {name}({G("WitHandle")} handle)");
            w.Line("_handle = handle.Value;");
            w.Line("_owned = handle.Owned;");
            w.Close();
            w.Line();
            w.Line($"internal int WitBorrowHandle() => _handle != 0 ? _handle : throw new global::System.ObjectDisposedException({CSharpNames.Literal(name)});");
            w.Line();
            w.Open("internal int WitTakeHandle()");
            w.Line("int handle = WitBorrowHandle();");
            w.Line($"if (!_owned) throw new global::System.InvalidOperationException({CSharpNames.Literal("a borrowed " + name + " cannot be passed as own<" + def.Name + ">")});");
            w.Line("_handle = 0;");
            w.Line("return handle;");
            w.Close();
            w.Line();
            w.Line("/// <summary>Drops the handle (once; later calls do nothing; a handle passed as own is gone already).</summary>");
            w.Open("public void Dispose()");
            w.Line("int handle = _handle;");
            w.Line("_handle = 0;");
            w.Line("if (handle != 0) WitDrop(handle);");
            w.Close();
            w.Line();
            WriteExtern(w, module, "[resource-drop]" + def.Name, "WitDrop", new CoreSignature(new[] { CoreType.I32 }, new CoreType[0], false, false, false, null));
            foreach (var f in functions.Where(f => f.Resource == id))
            {
                w.Line();
                if (f.Kind == FunctionKind.Constructor)
                {
                    var plan = PlanOf(f, AbiConvention.Lower);
                    var ps = Parameters(f, plan, import: true);
                    WriteFunctionDocs(w, f);
                    w.Line($"public {name}({Signature(ps)}) : this(new {G("WitHandle")}(WitConstruct({string.Join(", ", ps.Select(p => p.Name))}).WitTakeHandle(), true)) {{ }}");
                    w.Line();
                    EmitImport(w, module, f, "private static {ret} WitConstruct({params})", "this");
                }
                else if (f.IsStatic)
                {
                    EmitImport(w, module, f, $"public static {{ret}} {_memberNames[f]}({{params}})", "");
                }
                else
                {
                    EmitImport(w, module, f, $"public {{ret}} {_memberNames[f]}({{params}})", "this");
                }
            }
            w.Close();
        }

        // ---------------------------------------------------------------- exports

        private void EmitExportedResource(SourceWriter w, TypeId id, string name, TypeDef def)
        {
            var owner = _typeOwners[id];
            string module = "[export]" + owner.ModuleName;
            _features.Resources = true;
            w.Docs(def.Docs.Contents);
            w.Line(ExportAttribute(owner.ModuleName));
            w.Open($"public abstract class {name} : global::System.IDisposable");
            w.Line($"private static readonly {G("WitResourceTable")}<{name}> s_table = new();");
            w.Line("private int _rep;       // index + 1 in s_table while own handles to this object exist");
            w.Line("private int _owners;    // own handles created by [resource-new] and not yet destroyed, on either side");
            w.Line("private int _handle;    // an own handle this component holds (an own<" + def.Name + "> it received)");
            w.Line("private bool _destroyed;");
            foreach (var f in owner.Interface.Functions.Values.Where(f => f.Resource == id && f.IsMethod))
            {
                var plan = PlanOf(f, AbiConvention.Lift);
                w.Line();
                WriteFunctionDocs(w, f);
                w.Line(FunctionAttribute(f));
                w.Line($"public abstract {ReturnType(plan.Function.Result)} {_memberNames[f]}({Signature(Parameters(f, plan, import: false))});");
            }
            w.Line();
            w.Line("/// <summary>Runs once, when the resource is destroyed: the last handle to it was dropped (by the other side");
            w.Line("/// or by <see cref=\"Dispose\"/>), or <see cref=\"Dispose\"/> was called while no handle referred to it.</summary>");
            w.Line("protected virtual void OnDestroy() { }");
            w.Line();
            w.Line("/// <summary>Drops the own handle this component holds, if any (once; later calls do nothing): the resource is");
            w.Line("/// destroyed when that was the last handle. An object no handle refers to is destroyed at once; one the");
            w.Line("/// other side owns lives on until it drops its handle.</summary>");
            w.Open("public void Dispose()");
            w.Open("if (_handle != 0)");
            w.Line("int handle = _handle;");
            w.Line("_handle = 0;");
            w.Line("WitDrop(handle); // runs the destructor export, which calls WitDestroy");
            w.Close();
            w.Open("else if (_owners == 0 && !_destroyed)");
            w.Line("_destroyed = true;");
            w.Line("OnDestroy();");
            w.Close();
            w.Close();
            w.Line();
            w.Line($"internal static {name} WitFromRep(int rep) => s_table.Get(rep);");
            w.Line();
            w.Open($"internal static {name} WitLiftOwn(int handle)");
            w.Line("var value = s_table.Get(WitRep(handle));");
            w.Line("if (value._handle == 0) value._handle = handle;");
            w.Line("else WitDrop(handle); // one own handle held here is enough; the other still keeps the object alive");
            w.Line("return value;");
            w.Close();
            w.Line();
            w.Open($"internal static int WitLowerOwn({name} value)");
            w.Open("if (value._handle != 0)");
            w.Line("int handle = value._handle;");
            w.Line("value._handle = 0;");
            w.Line("return handle;");
            w.Close();
            w.Line($"if (value._destroyed) throw new global::System.ObjectDisposedException({CSharpNames.Literal(name)});");
            w.Line("if (value._rep == 0) value._rep = s_table.Add(value);");
            w.Line("value._owners++;");
            w.Line("return WitNew(value._rep);");
            w.Close();
            w.Line();
            w.Line($"internal static int WitLowerBorrow({name} value) => value._handle != 0 ? value._handle");
            w.Line($"    : throw new global::System.InvalidOperationException({CSharpNames.Literal(name + ": lending an exported resource to an import needs an own handle to it held by this component")});");
            w.Line();
            w.Open("internal static void WitDestroy(int rep)");
            w.Line("var value = s_table.Get(rep);");
            w.Line("if (--value._owners > 0) return;");
            w.Line("s_table.Remove(rep);");
            w.Line("value._rep = 0;");
            w.Line("value._destroyed = true;");
            w.Line("value.OnDestroy();");
            w.Close();
            w.Line();
            var one = new CoreSignature(new[] { CoreType.I32 }, new[] { CoreType.I32 }, false, false, false, null);
            WriteExtern(w, module, "[resource-new]" + def.Name, "WitNew", one);
            WriteExtern(w, module, "[resource-rep]" + def.Name, "WitRep", one);
            WriteExtern(w, module, "[resource-drop]" + def.Name, "WitDrop", new CoreSignature(new[] { CoreType.I32 }, new CoreType[0], false, false, false, null));
            w.Close();
            string dtor = _worldScope.Claim("__Dtor_" + owner.ClassName + "_" + name);
            string entry = owner.ModuleName + "#[dtor]" + def.Name;
            _shims.Add((entry, sw =>
            {
                sw.Lines(UnmanagedCallersOnly(entry));
                sw.Open($"internal static void {dtor}(int rep)");
                sw.Open("try");
                sw.Line($"{NominalName(id)}.WitDestroy(rep);");
                sw.Close();
                WriteTrapCatch(sw, entry);
                sw.Close();
            }));
        }

        /// <summary>The catch every export shim ends with: any exception aborts the instance (docs/type-mapping.md).</summary>
        private void WriteTrapCatch(SourceWriter w, string exportName)
        {
            w.Open("catch (global::System.Exception __e)");
            w.Line($"throw {G("WitTrapException")}.Abort({CSharpNames.Literal(exportName)}, __e);");
            w.Close();
        }

        /// <summary>The attribute that exports a core function; records the name (a component exports each once).</summary>
        private string UnmanagedCallersOnly(string entryPoint)
        {
            _entryPoints.Add(entryPoint);
            return "#if !WIT_EMULATED_MEMORY\n[global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = " + CSharpNames.Literal(entryPoint) + ")]\n#endif";
        }

        /// <summary>The shim the host calls: lifts params, calls the user's implementation, lowers the result.</summary>
        private void EmitExportShim(SourceWriter w, string exportName, Function f, string target, string prefix)
        {
            _temp = 0;
            var plan = PlanOf(f, AbiConvention.Lift);
            var sig = plan.Signature!;
            string member = f.IsMethod ? Short(NominalName(f.Resource!.Value)) + "_" + _memberNames[f] : _memberNames[f];
            string shim = _worldScope.Claim("__Export_" + prefix + member);
            string ret = sig.Results.Count == 0 ? "void" : CoreCs(sig.Results[0]);
            var args = Enumerable.Range(0, sig.Params.Count).Select(i => "__a" + Int(i)).ToArray();
            w.Lines(UnmanagedCallersOnly(exportName));
            w.Open($"internal static {ret} {shim}({string.Join(", ", sig.Params.Select((t, i) => CoreCs(t) + " " + args[i]))})");
            w.Open("try");
            var frame = new Frame(w, args, $"{Mem}.PostReturn");
            string? paramsBase = plan.ParamsLocation == ParamsLocation.ParamsPointer ? args[0] : null;
            if (plan.Function.Params.Any(p => HasImportedBorrow(p.Type)))
            {
                _borrowScope = "__borrows";
                w.Line($"var __borrows = new {G("WitBorrowScope")}();");
            }
            var values = plan.Params.Select(p => Lift(p.Plan, paramsBase, frame)).ToList();
            if (paramsBase is not null) w.Line($"{Mem}.Free({paramsBase});");
            string call;
            if (f.IsMethod) call = $"{values[0]}.{_memberNames[f]}({string.Join(", ", values.Skip(1))})";
            else call = $"{target}.{_memberNames[f]}({string.Join(", ", values)})";
            string? result = null;
            if (plan.Function.Result is null)
            {
                w.Line(call + ";");
            }
            else if (ResultAsException(plan.Function.Result))
            {
                string cs = Cs(plan.Function.Result);
                result = Temp("result");
                w.Line($"{cs} {result};");
                w.Open("try");
                if (plan.Function.Result.Cases[0].Type is null)
                {
                    w.Line(call + ";");
                    w.Line($"{result} = {cs}.Ok(default);");
                }
                else
                {
                    w.Line($"{result} = {cs}.Ok({call});");
                }
                w.Close();
                w.Open($"catch ({G("WitException")}<{Cs(plan.Function.Result.Cases[1].Type)}> __error)");
                w.Line($"{result} = {cs}.Err(__error.Value);");
                w.Close();
            }
            else
            {
                result = Temp("result");
                w.Line($"var {result} = {call};");
            }
            if (_borrowScope is not null)
            {
                w.Line($"{_borrowScope}.DropAll();");
                _borrowScope = null;
            }
            bool needsPost = plan.NeedsPostReturn || plan.ResultLocation == ResultLocation.ReturnedPointer;
            if (plan.Result is { } resultPlan)
            {
                if (plan.ResultLocation == ResultLocation.ReturnedPointer)
                {
                    w.Line($"int __ret = {Mem}.PostReturn.Alloc({Int(plan.ResultArea!.Size)}, {Int(plan.ResultArea.Align)});");
                    Lower(resultPlan, result!, "__ret", new Frame(w, new string[0], $"{Mem}.PostReturn"));
                    w.Line("return __ret;");
                }
                else
                {
                    w.Line($"{ret} __r0 = default;");
                    Lower(resultPlan, result!, null, new Frame(w, new[] { "__r0" }, $"{Mem}.PostReturn"));
                    w.Line("return __r0;");
                }
            }
            w.Close();
            WriteTrapCatch(w, exportName);
            w.Close();
            if (needsPost)
            {
                w.Line();
                w.Lines(UnmanagedCallersOnly("cabi_post_" + exportName));
                w.Open($"internal static void {shim}Post({string.Join(", ", sig.Results.Select((t, i) => CoreCs(t) + " __r" + Int(i)))})");
                w.Open("try");
                w.Line($"{Mem}.PostReturn.FreeAll();");
                w.Close();
                WriteTrapCatch(w, "cabi_post_" + exportName);
                w.Close();
            }
        }

        /// <summary>Whether lifting <paramref name="type"/> yields borrowed handles of imported resources, which the
        /// export must drop before it returns.</summary>
        private bool HasImportedBorrow(AbiType type)
        {
            var stack = new Stack<AbiType>();
            stack.Push(type);
            while (stack.Count > 0)
            {
                var t = stack.Pop();
                if (t.Kind == AbiTypeKind.Borrow && !IsExportedResource(ResourceOf(t))) return true;
                if (t.Element is { } element) stack.Push(element);
                if (t.Key is { } key) stack.Push(key);
                if (t.Value is { } value) stack.Push(value);
                foreach (var field in t.Fields) stack.Push(field.Type);
                foreach (var @case in t.Cases) if (@case.Type is { } payload) stack.Push(payload);
            }
            return false;
        }

        /// <summary>Member declarations of an export contract (C# interface) for an exported interface.</summary>
        private void EmitContract(SourceWriter w, IfaceInfo info)
        {
            w.Line($"/// <summary>Implement this and return it from <c>{_worldClass}.{info.FactoryName}</c> to export <c>{SourceWriter.EscapeXml(info.ModuleName)}</c>.</summary>");
            w.Line(ExportAttribute(info.ModuleName));
            w.Open($"public interface {Short(info.ContractName!)}");
            bool first = true;
            foreach (var f in info.Interface.Functions.Values.Where(f => !f.IsMethod))
            {
                if (!first) w.Line();
                first = false;
                var plan = PlanOf(f, AbiConvention.Lift);
                WriteFunctionDocs(w, f);
                w.Line(FunctionAttribute(f));
                w.Line($"{ReturnType(plan.Function.Result)} {_memberNames[f]}({Signature(Parameters(f, plan, import: false))});");
            }
            w.Close();
        }

        /// <summary>Marks a contract (interface or exported resource class) with the WIT export it stands for,
        /// so the analyzers can name it in their messages without reading the WIT.</summary>
        private string ExportAttribute(string exportName)
        {
            _features.ExportAttributes = true;
            return $"[{G("WitExport")}({CSharpNames.Literal(exportName)})]";
        }

        /// <summary>Marks a contract member with its WIT name and type (e.g. "[method]batch.push", "func(n: u64) -> u32").</summary>
        private string FunctionAttribute(Function f)
        {
            _features.ExportAttributes = true;
            return $"[{G("WitFunction")}({CSharpNames.Literal(f.Name)}, {CSharpNames.Literal(WitTools.WitParser.Printing.WitPrinter.PrintFunctionType(_resolve, f))})]";
        }

        /// <summary>The world's qualified name ("demo:calc/calculator@1.0.0"), or its plain name outside a package.</summary>
        private string WorldId() => _world.Package is { } package ? _resolve.IdOfName(package, _world.Name) : _world.Name;
    }
}

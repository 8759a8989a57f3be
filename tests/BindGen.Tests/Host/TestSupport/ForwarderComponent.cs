using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Tests.Host.TestSupport;

/// <summary>
/// Writes, in the component text format, a component that forwards calls: each exported function calls an imported
/// function of the same type with its arguments and returns what that returned. The host calls the export, the component
/// calls the host's implementation of the import: every value crosses the boundary in both directions (host to
/// component and back), through Wasmtime's own lowering and lifting. Type-independent core code: parameters are
/// passed on as they arrive (flat, or the pointer to their spilled area, which has the same layout on both sides), the
/// result comes back flat or in a return area whose pointer is returned. Each call starts the bump allocator afresh
/// (the previous call's memory has been read by then). Resources are not forwarded (the two instances' resource types
/// differ).
/// </summary>
internal sealed class ForwarderComponent
{
    private readonly Resolve _resolve;
    private readonly ResolveAbi _abi;
    private readonly string _encoding;
    private readonly StringBuilder _out = new();

    private ForwarderComponent(Resolve resolve, string encoding)
    {
        _resolve = resolve;
        _abi = new ResolveAbi(resolve);
        _encoding = encoding == "utf8" ? "" : " string-encoding=" + encoding;
    }

    /// <summary>One forwarded function: the export and the import it calls (same WIT type).</summary>
    /// <param name="ExportInterface">The exported interface's instance name, or null for a world-level export.</param>
    /// <param name="ImportInterface">The imported interface's instance name, or null for a world-level import.</param>
    public sealed record Route(Function Export, string? ExportInterface, Function Import, string? ImportInterface);

    /// <summary>A component of <paramref name="world"/> forwarding every function of each interface the world both imports
    /// and exports, plus the given pairs of a world-level export and the import it calls: a world-level function
    /// (<c>clock</c>) or a function of an imported interface (<c>wasi:random/random@0.2.0#get-random-u64</c>).</summary>
    public static string Build(Resolve resolve, WorldId world, string encoding = "utf8", IReadOnlyList<(string Export, string Import)>? worldPairs = null)
    {
        var w = resolve.Worlds[world];
        var routes = new List<Route>();
        var imported = w.Imports.Values.OfType<InterfaceWorldItem>().Select(i => i.Id).ToHashSet();
        foreach (var item in w.Exports.Values.OfType<InterfaceWorldItem>())
        {
            if (!imported.Contains(item.Id)) continue;
            string name = resolve.IdOf(item.Id)!;
            foreach (var f in resolve.Interfaces[item.Id].Functions.Values) routes.Add(new Route(f, name, f, name));
        }
        foreach (var (export, import) in worldPairs ?? Array.Empty<(string, string)>())
        {
            var e = w.Exports.Values.OfType<FunctionWorldItem>().Single(f => f.Function.Name == export).Function;
            int hash = import.IndexOf('#');
            if (hash < 0)
            {
                routes.Add(new Route(e, null, w.Imports.Values.OfType<FunctionWorldItem>().Single(f => f.Function.Name == import).Function, null));
                continue;
            }
            string instance = import.Substring(0, hash);
            var iface = w.Imports.Values.OfType<InterfaceWorldItem>().Single(i => resolve.IdOf(i.Id) == instance).Id;
            routes.Add(new Route(e, null, resolve.Interfaces[iface].Functions[import.Substring(hash + 1)], instance));
        }
        return new ForwarderComponent(resolve, encoding).Write(w, routes);
    }

    private string Write(World world, List<Route> routes)
    {
        _out.Append("(component\n");
        // imports: world-level types, interfaces (their types exported by the instance type), world-level functions
        var outer = new TypeScope("T");
        foreach (var item in world.Imports.Values)
        {
            if (item is TypeWorldItem t && _resolve.Types[t.Id].Kind is not AliasKind)
            {
                var scope = new TypeScope("W");
                string def = Definition(_abi.Type(t.Id), scope, outer, declare: null);
                string id = outer.Add(_abi.Type(t.Id));
                _out.Append($"  (type ${id}' {def})\n  (import \"{_resolve.Types[t.Id].Name}\" (type ${id} (eq ${id}')))\n");
            }
        }
        var interfaces = routes.Select(r => r.ImportInterface).Where(i => i is not null).Distinct().ToList();
        var importedFuncs = new Dictionary<Route, string>();
        int n = 0;
        foreach (var name in interfaces)
        {
            var iface = _resolve.Interfaces[world.Imports.Values.OfType<InterfaceWorldItem>().Single(i => _resolve.IdOf(i.Id) == name).Id];
            var inner = new TypeScope("t");
            var body = new StringBuilder();
            foreach (var typeId in iface.Types.Values)
            {
                var type = _abi.Type(typeId);
                if (type.Name is null || _resolve.Types[typeId].Kind is AliasKind) continue;
                var local = new StringBuilder();
                string def = Definition(type, inner, null, declare: local);
                body.Append(local);
                string id = inner.Add(type);
                body.Append($"    (type ${id}' {def})\n    (export \"{type.Name}\" (type ${id} (eq ${id}')))\n");
            }
            foreach (var f in iface.Functions.Values)
            {
                var local = new StringBuilder();
                string type = FuncType(_abi.Function(f), inner, local);
                body.Append(local);
                body.Append($"    (export \"{f.Name}\" (func {type}))\n");
            }
            string instance = "imp" + n++;
            _out.Append($"  (import \"{name}\" (instance ${instance}\n{body}  ))\n");
            foreach (var typeId in iface.Types.Values)
            {
                var type = _abi.Type(typeId);
                if (type.Name is null || _resolve.Types[typeId].Kind is AliasKind) continue;
                _out.Append($"  (alias export ${instance} \"{type.Name}\" (type ${outer.Add(type)}))\n");
            }
            foreach (var route in routes.Where(r => r.ImportInterface == name))
            {
                string func = "if" + importedFuncs.Count;
                _out.Append($"  (alias export ${instance} \"{route.Import.Name}\" (func ${func}))\n");
                importedFuncs[route] = func;
            }
        }
        foreach (var route in routes.Where(r => r.ImportInterface is null))
        {
            string func = "if" + importedFuncs.Count;
            var local = new StringBuilder();
            string type = FuncType(_abi.Function(route.Import), outer, local);
            _out.Append(local);
            _out.Append($"  (import \"{route.Import.Name}\" (func ${func} {type}))\n");
            importedFuncs[route] = func;
        }

        _out.Append(Libc);
        var plans = routes.Select(r => (
            Lift: AbiPlanner.Plan(_abi.Function(r.Export), AbiConvention.Lift, StringEncoding.Utf8, PlanSharing.NamedTypes),
            Lower: AbiPlanner.Plan(_abi.Function(r.Import), AbiConvention.Lower, StringEncoding.Utf8, PlanSharing.NamedTypes))).ToList();
        for (int i = 0; i < routes.Count; i++)
            _out.Append($"  (core func $l{i} (canon lower (func ${importedFuncs[routes[i]]}) (memory $mem) (realloc $realloc){_encoding}))\n");

        _out.Append("  (core module $main\n    (import \"libc\" \"reset\" (func $reset))\n    (import \"libc\" \"cabi_realloc\" (func $realloc (param i32 i32 i32 i32) (result i32)))\n");
        for (int i = 0; i < routes.Count; i++)
            _out.Append($"    (import \"host\" \"f{i}\" (func $f{i} {Core(plans[i].Lower.Signature!)}))\n");
        for (int i = 0; i < routes.Count; i++)
        {
            var lift = plans[i].Lift;
            var sig = lift.Signature!;
            var pass = string.Concat(Enumerable.Range(0, sig.Params.Count).Select(p => $" (local.get {p})"));
            bool returnArea = lift.ResultLocation == ResultLocation.ReturnedPointer;
            _out.Append($"    (func (export \"e{i}\") {Core(sig)}{(returnArea ? " (local i32)" : "")}\n      (call $reset)\n");
            if (returnArea)
            {
                var area = lift.ResultArea!;
                int local = sig.Params.Count;
                _out.Append($"      (local.set {local} (call $realloc (i32.const 0) (i32.const 0) (i32.const {area.Align}) (i32.const {area.Size})))\n");
                _out.Append($"      (call $f{i}{pass} (local.get {local}))\n      (local.get {local}))\n");
            }
            else
            {
                _out.Append($"      (call $f{i}{pass}))\n");
            }
        }
        _out.Append("  )\n  (core instance $main (instantiate $main (with \"libc\" (instance $libc)) (with \"host\" (instance");
        for (int i = 0; i < routes.Count; i++) _out.Append($" (export \"f{i}\" (func $l{i}))");
        _out.Append("))))\n");

        for (int i = 0; i < routes.Count; i++)
        {
            var local = new StringBuilder();
            string type = FuncType(_abi.Function(routes[i].Export), outer, local);
            _out.Append(local);
            _out.Append($"  (func $e{i} {type} (canon lift (core func $main \"e{i}\") (memory $mem) (realloc $realloc){_encoding}))\n");
        }
        foreach (var group in routes.Select((r, i) => (r, i)).Where(x => x.r.ExportInterface is not null).GroupBy(x => x.r.ExportInterface))
        {
            _out.Append("  (instance $x" + Math.Abs(group.Key!.GetHashCode()));
            foreach (var (r, i) in group) _out.Append($" (export \"{r.Export.Name}\" (func $e{i}))");
            _out.Append($")\n  (export \"{group.Key}\" (instance $x{Math.Abs(group.Key!.GetHashCode())}))\n");
        }
        foreach (var (r, i) in routes.Select((r, i) => (r, i)).Where(x => x.r.ExportInterface is null))
            _out.Append($"  (export \"{r.Export.Name}\" (func $e{i}))\n");
        _out.Append(")\n");
        return _out.ToString();
    }

    private const string Libc = """
  (core module $libc
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $r i32) (local $end i32) (local $have i32)
      (local.set $r (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
      (local.set $end (i32.add (local.get $r) (local.get $size)))
      (local.set $have (i32.shl (memory.size) (i32.const 16)))
      (if (i32.gt_u (local.get $end) (local.get $have))
        (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16)) (i32.const 1))) (i32.const -1)) (then unreachable))))
      (if (local.get $old) (then (memory.copy (local.get $r) (local.get $old) (select (local.get $old_size) (local.get $size) (i32.lt_u (local.get $old_size) (local.get $size))))))
      (global.set $heap (local.get $end))
      (local.get $r))
    (func (export "reset") (global.set $heap (i32.const 1024)))
  )
  (core instance $libc (instantiate $libc))
  (alias core export $libc "memory" (core memory $mem))
  (alias core export $libc "cabi_realloc" (core func $realloc))

""";

    private static string Core(CoreSignature sig)
    {
        var sb = new StringBuilder();
        if (sig.Params.Count > 0) sb.Append("(param").Append(string.Concat(sig.Params.Select(p => " " + p.Name()))).Append(')');
        if (sig.Results.Count > 0) sb.Append(" (result").Append(string.Concat(sig.Results.Select(p => " " + p.Name()))).Append(')');
        return sb.ToString();
    }

    /// <summary>Named types of one type scope (an instance type, or the component) and the ids they are known by.</summary>
    private sealed class TypeScope
    {
        private readonly string _prefix;
        private readonly Dictionary<AbiType, string> _ids = new(ReferenceEqualityComparer.Instance);

        public TypeScope(string prefix) => _prefix = prefix;

        public string Add(AbiType type)
        {
            if (!_ids.TryGetValue(type, out var id)) _ids[type] = id = _prefix + _ids.Count;
            return id;
        }

        public string? Find(AbiType type) => _ids.TryGetValue(type, out var id) ? id : null;
    }

    private string FuncType(AbiFunction f, TypeScope scope, StringBuilder declare)
    {
        var sb = new StringBuilder();
        foreach (var p in f.Params) sb.Append($"(param \"{p.Name}\" {Ref(p.Type, scope, null, declare)}) ");
        if (f.Result is { } r) sb.Append($"(result {Ref(r, scope, null, declare)})");
        return sb.ToString().TrimEnd();
    }

    /// <summary>A reference to a type: a named type by its id in the scope, anything else written out.</summary>
    private string Ref(AbiType type, TypeScope scope, TypeScope? outer, StringBuilder? declare)
    {
        if (type.Name is not null && type.Kind is not (AbiTypeKind.Own or AbiTypeKind.Borrow))
        {
            var id = scope.Find(type) ?? outer?.Find(type) ?? throw new InvalidOperationException("named type `" + type.Name + "` is not declared before its use");
            return "$" + id;
        }
        return Definition(type, scope, outer, declare);
    }

    private string Definition(AbiType type, TypeScope scope, TypeScope? outer, StringBuilder? declare)
    {
        string R(AbiType t) => Ref(t, scope, outer, declare);
        return type.Kind switch
        {
            AbiTypeKind.Bool => "bool",
            AbiTypeKind.S8 => "s8",
            AbiTypeKind.U8 => "u8",
            AbiTypeKind.S16 => "s16",
            AbiTypeKind.U16 => "u16",
            AbiTypeKind.S32 => "s32",
            AbiTypeKind.U32 => "u32",
            AbiTypeKind.S64 => "s64",
            AbiTypeKind.U64 => "u64",
            AbiTypeKind.F32 => "f32",
            AbiTypeKind.F64 => "f64",
            AbiTypeKind.Char => "char",
            AbiTypeKind.String => "string",
            AbiTypeKind.List => $"(list {R(type.Element!)})",
            AbiTypeKind.Map => $"(map {R(type.Key!)} {R(type.Value!)})",
            AbiTypeKind.Tuple => "(tuple" + string.Concat(type.Fields.Select(f => " " + R(f.Type))) + ")",
            AbiTypeKind.Option => $"(option {R(type.Cases[1].Type!)})",
            AbiTypeKind.Result => "(result" + (type.Cases[0].Type is { } ok ? " " + R(ok) : "") + (type.Cases[1].Type is { } err ? $" (error {R(err)})" : "") + ")",
            AbiTypeKind.Record => "(record" + string.Concat(type.Fields.Select(f => $" (field \"{f.Name}\" {R(f.Type)})")) + ")",
            AbiTypeKind.Variant => "(variant" + string.Concat(type.Cases.Select(c => c.Type is null ? $" (case \"{c.Name}\")" : $" (case \"{c.Name}\" {R(c.Type)})")) + ")",
            AbiTypeKind.Enum => "(enum" + string.Concat(type.Cases.Select(c => $" \"{c.Name}\"")) + ")",
            AbiTypeKind.Flags => "(flags" + string.Concat(type.FlagNames.Select(f => $" \"{f}\"")) + ")",
            _ => throw new NotSupportedException("the forwarder cannot write `" + type + "`"),
        };
    }
}

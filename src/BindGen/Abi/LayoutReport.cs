using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using WitTools.WitParser.Model;
using WitTools.WitParser.Serialization;

namespace WitTools.BindGen.Abi;

/// <summary>One named type of a <see cref="LayoutReport"/>.</summary>
public sealed class LayoutTypeEntry
{
    internal LayoutTypeEntry(string key, AbiType type)
    {
        Key = key;
        Type = type;
    }

    /// <summary><c>ns:pkg/interface.type</c> or <c>ns:pkg/world.type</c> (version after the interface
    /// or world name, as in <c>ns:pkg/iface@1.0.0.type</c>).</summary>
    public string Key { get; }

    public AbiType Type { get; }
}

/// <summary>One function of a <see cref="LayoutReport"/>.</summary>
public sealed class LayoutFunctionEntry
{
    internal LayoutFunctionEntry(string key, AbiFunction function, CoreSignature? signature)
    {
        Key = key;
        Function = function;
        Signature = signature;
    }

    /// <summary><c>ns:pkg/interface#name</c> or <c>ns:pkg/world#name</c>, with the component-model name
    /// (<c>[method]blob.read</c>, <c>[constructor]blob</c>, <c>[static]blob.open</c>).</summary>
    public string Key { get; }

    public AbiFunction Function { get; }

    /// <summary>Null when <see cref="Error"/> is set.</summary>
    public CoreSignature? Signature { get; }

    public string? Error => Function.Error;
}

/// <summary>
/// The data of <c>wit-bindgen-cs layout PATH [--world W] --json</c>: size, alignment, flat types and offsets of
/// every named type, and the core signature of every function (lift convention by default).
/// <para>JSON shape: one object whose keys are the type keys (each
/// <c>{"size", "align", "flat"}</c>, plus <c>"fields": {name: offset}</c> for records and
/// <c>"discriminant": {"size"}, "payload_offset"</c> for variants, enums, options and results), followed by
/// <c>"functions": {key: {"params", "results", "params_spill", "results_spill"}}</c>. A type or function the
/// canonical ABI rejects gets <c>{"error": message}</c>; a flat form longer than <see cref="FlatTypes.Cap"/>
/// lists its first values and adds <c>"flat_count"</c>. Inline interfaces of a world are keyed
/// <c>ns:pkg/world/name</c>.</para>
/// </summary>
public sealed class LayoutReport
{
    private LayoutReport(AbiConvention convention, IReadOnlyList<LayoutTypeEntry> types, IReadOnlyList<LayoutFunctionEntry> functions)
    {
        Convention = convention;
        Types = types;
        Functions = functions;
    }

    public AbiConvention Convention { get; }

    public IReadOnlyList<LayoutTypeEntry> Types { get; }
    public IReadOnlyList<LayoutFunctionEntry> Functions { get; }

    /// <summary>Builds the report for <paramref name="packages"/> (every interface and world in them), or for
    /// one world (chosen with <see cref="Binding.WorldSelection"/>) and all the interfaces it imports and
    /// exports. Never throws on bad input: types and functions the canonical ABI rejects carry their error.</summary>
    public static LayoutReport Create(Resolve resolve, IEnumerable<PackageId> packages, WorldId? world, AbiConvention convention)
    {
        var packageList = packages.ToList();
        var collector = new Collector(resolve);
        if (world is null)
        {
            foreach (var packageId in packageList)
            {
                if (!resolve.Packages.Contains(packageId)) continue;
                var package = resolve.Packages[packageId];
                foreach (var interfaceId in package.Interfaces.Values) collector.Interface(interfaceId, null);
                foreach (var worldId in package.Worlds.Values) collector.World(worldId, includeInterfaces: false);
            }
        }
        else
        {
            collector.World(world.Value, includeInterfaces: true);
        }

        var functions = collector.Functions
            .Select(f => new LayoutFunctionEntry(f.Key, f.Function, f.Function.Error is null ? Flattening.Signature(f.Function, convention) : null))
            .ToList();
        return new LayoutReport(convention, collector.Types, functions);
    }

    /// <summary><see cref="Create"/> then <see cref="ToJson()"/>.</summary>
    public static string ToJson(Resolve resolve, IEnumerable<PackageId> packages, WorldId? world, AbiConvention convention) =>
        Create(resolve, packages, world, convention).ToJson();

    /// <summary><see cref="Create"/> then <see cref="ToTable()"/>.</summary>
    public static string ToTable(Resolve resolve, IEnumerable<PackageId> packages, WorldId? world, AbiConvention convention) =>
        Create(resolve, packages, world, convention).ToTable();

    // ---- collection ----

    private sealed class Collector
    {
        private readonly Resolve _resolve;
        private readonly ResolveAbi _abi;
        private readonly HashSet<string> _typeKeys = new(StringComparer.Ordinal);
        private readonly HashSet<string> _functionKeys = new(StringComparer.Ordinal);
        private readonly HashSet<int> _interfaces = new();

        public Collector(Resolve resolve)
        {
            _resolve = resolve;
            _abi = new ResolveAbi(resolve);
        }

        public List<LayoutTypeEntry> Types { get; } = new();
        public List<(string Key, AbiFunction Function)> Functions { get; } = new();

        /// <param name="inlinePrefix">Key prefix for an unnamed (inline) interface.</param>
        public void Interface(InterfaceId id, string? inlinePrefix)
        {
            if (!_resolve.Interfaces.Contains(id) || !_interfaces.Add(id.Index)) return;
            var iface = _resolve.Interfaces[id];
            string? prefix = _resolve.IdOf(id) ?? inlinePrefix;
            if (prefix is null) return;
            foreach (var pair in iface.Types) AddType(prefix + "." + pair.Key, pair.Value);
            foreach (var function in iface.Functions.Values) AddFunction(prefix + "#" + function.Name, function);
        }

        public void World(WorldId id, bool includeInterfaces)
        {
            var world = _resolve.Worlds[id];
            string prefix = world.Package is { } p ? _resolve.IdOfName(p, world.Name) : world.Name;
            foreach (var items in new[] { world.Imports, world.Exports })
            {
                foreach (var pair in items)
                {
                    switch (pair.Value)
                    {
                        case TypeWorldItem type:
                            AddType(prefix + "." + (pair.Key.Name ?? _resolve.Types[type.Id].Name ?? "?"), type.Id);
                            break;
                        case FunctionWorldItem function:
                            AddFunction(prefix + "#" + function.Function.Name, function.Function);
                            break;
                        case InterfaceWorldItem iface:
                            bool inline = _resolve.Interfaces.Contains(iface.Id) && _resolve.Interfaces[iface.Id].Name is null;
                            if (includeInterfaces || inline) Interface(iface.Id, prefix + "/" + pair.Key.Name);
                            break;
                    }
                }
            }
        }

        private void AddType(string key, TypeId id)
        {
            if (_typeKeys.Add(key)) Types.Add(new LayoutTypeEntry(key, _abi.Type(id)));
        }

        private void AddFunction(string key, Function function)
        {
            if (_functionKeys.Add(key)) Functions.Add((key, _abi.Function(function)));
        }
    }

    // ---- output ----

    /// <summary>The report as JSON (two-space indented).</summary>
    public string ToJson()
    {
        var w = new JsonWriter();
        w.BeginObject();
        foreach (var entry in Types)
        {
            w.PropertyName(entry.Key);
            WriteType(w, entry.Type);
        }
        w.PropertyName("functions");
        w.BeginObject();
        foreach (var entry in Functions)
        {
            w.PropertyName(entry.Key);
            w.BeginObject();
            if (entry.Signature is null)
            {
                w.Property("error", entry.Error ?? "invalid function");
            }
            else
            {
                WriteCoreTypes(w, "params", entry.Signature.Params);
                WriteCoreTypes(w, "results", entry.Signature.Results);
                w.PropertyName("params_spill");
                w.Bool(entry.Signature.ParamsSpilled);
                w.PropertyName("results_spill");
                w.Bool(entry.Signature.ResultsSpilled);
                WriteAsync(w, entry.Function, entry.Signature);
            }
            w.EndObject();
        }
        w.EndObject();
        w.EndObject();
        return w.ToString();
    }

    /// <summary>For async functions: <c>"async": true</c>, with the lift convention the <c>task_return</c> and
    /// <c>callback</c> signatures; for any function mentioning futures or streams, <c>"async_values"</c> in the order
    /// their built-ins are numbered, each with its buffer element's size and alignment.</summary>
    private static void WriteAsync(JsonWriter w, AbiFunction function, CoreSignature signature)
    {
        if (function.IsAsync)
        {
            w.PropertyName("async");
            w.Bool(true);
            if (signature.TaskReturn is { } taskReturn)
            {
                w.PropertyName("task_return");
                w.BeginObject();
                WriteCoreTypes(w, "params", taskReturn.Params);
                w.PropertyName("params_spill");
                w.Bool(taskReturn.ParamsSpilled);
                w.EndObject();
                w.PropertyName("callback");
                w.BeginObject();
                WriteCoreTypes(w, "params", AsyncAbi.Callback.Params);
                WriteCoreTypes(w, "results", AsyncAbi.Callback.Results);
                w.EndObject();
            }
        }
        var values = AsyncAbi.AsyncValues(function);
        if (values.Count == 0) return;
        w.PropertyName("async_values");
        w.BeginArray();
        foreach (var value in values)
        {
            w.BeginObject();
            w.Property("index", value.Index);
            w.Property("type", value.Type.ToString());
            w.Property("element_size", value.ElementSize);
            w.Property("element_align", value.ElementAlign);
            w.EndObject();
        }
        w.EndArray();
    }

    private static void WriteCoreTypes(JsonWriter w, string name, IReadOnlyList<CoreType> types)
    {
        w.PropertyName(name);
        w.BeginArray();
        foreach (var t in types) w.String(t.Name());
        w.EndArray();
    }

    private static void WriteType(JsonWriter w, AbiType type)
    {
        w.BeginObject();
        if (type.Error is not null)
        {
            w.Property("error", type.Error);
            w.EndObject();
            return;
        }
        var layout = type.Layout;
        w.Property("size", layout.Size);
        w.Property("align", layout.Align);
        WriteCoreTypes(w, "flat", type.Flat.Types);
        if (!type.Flat.IsComplete) w.Property("flat_count", type.Flat.Count);
        if (type.Kind == AbiTypeKind.Record)
        {
            w.PropertyName("fields");
            w.BeginObject();
            for (int i = 0; i < type.Fields.Count; i++) w.Property(type.Fields[i].Name, layout.FieldOffsets[i]);
            w.EndObject();
        }
        if (layout.HasDiscriminant)
        {
            w.PropertyName("discriminant");
            w.BeginObject();
            w.Property("size", layout.DiscriminantSize);
            w.EndObject();
            w.Property("payload_offset", layout.PayloadOffset);
        }
        w.EndObject();
    }

    private const int MaxTableFlat = 12;

    /// <summary>The report as aligned text columns, for people.</summary>
    public string ToTable()
    {
        var typeRows = new List<string[]> { new[] { "TYPE", "SIZE", "ALIGN", "FLAT", "LAYOUT" } };
        foreach (var entry in Types)
        {
            var t = entry.Type;
            if (t.Error is not null)
            {
                typeRows.Add(new[] { entry.Key, "-", "-", "-", "error: " + t.Error });
                continue;
            }
            typeRows.Add(new[] { entry.Key, Num(t.Layout.Size), Num(t.Layout.Align), Flat(t.Flat.Types, t.Flat.Count), Details(t) });
        }
        var functionRows = new List<string[]>
        {
            new[] { "FUNCTION (" + (Convention == AbiConvention.Lift ? "lift" : "lower") + ")", "PARAMS", "RESULTS", "SPILL" },
        };
        foreach (var entry in Functions)
        {
            var s = entry.Signature;
            if (s is null)
            {
                functionRows.Add(new[] { entry.Key, "-", "-", "error: " + entry.Error });
                continue;
            }
            string spill = s.ParamsSpilled && s.ResultsSpilled ? "params, results" : s.ParamsSpilled ? "params" : s.ResultsSpilled ? "results" : "-";
            functionRows.Add(new[] { entry.Key, "(" + string.Join(" ", s.Params.Select(p => p.Name())) + ")", "(" + string.Join(" ", s.Results.Select(p => p.Name())) + ")", spill });
        }
        var sb = new StringBuilder();
        Columns(sb, typeRows, rightAligned: new[] { false, true, true, false, false });
        sb.Append('\n');
        Columns(sb, functionRows, rightAligned: new[] { false, false, false, false });
        return sb.ToString();
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Flat(IReadOnlyList<CoreType> types, long count)
    {
        var shown = types.Take(MaxTableFlat).Select(t => t.Name());
        return string.Join(" ", shown) + (count > MaxTableFlat ? " ... (" + Num(count) + ")" : "");
    }

    private static string Details(AbiType t)
    {
        if (t.Kind == AbiTypeKind.Record)
            return string.Join(" ", t.Fields.Select((f, i) => f.Name + "@" + Num(t.Layout.FieldOffsets[i])));
        if (t.Layout.HasDiscriminant)
            return "discriminant " + Num(t.Layout.DiscriminantSize) + ", payload @" + Num(t.Layout.PayloadOffset);
        return "";
    }

    private static void Columns(StringBuilder sb, List<string[]> rows, bool[] rightAligned)
    {
        int columns = rows[0].Length;
        var widths = new int[columns];
        foreach (var row in rows)
            for (int c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (int c = 0; c < columns; c++)
            {
                if (c > 0) line.Append("  ");
                bool last = c == columns - 1;
                if (rightAligned[c]) line.Append(row[c].PadLeft(widths[c]));
                else line.Append(last ? row[c] : row[c].PadRight(widths[c]));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

/// <summary>
/// What host bindings cannot carry, refused before anything is generated, each error located at the WIT construct and
/// naming it with the reason (never a failure at run time). The host runs on Wasmtime 50's component C API:
/// <list type="bullet">
/// <item><c>stream</c> and <c>future</c> values: the C API panics ("not yet implemented") when one crosses to the host;</item>
/// <item><c>error-context</c>: the C API has no value for it;</item>
/// <item>fixed-size lists <c>list&lt;T, N&gt;</c>: the C API cannot enable them (the engine rejects such components);</item>
/// <item><c>async</c> functions: the bindings call and implement functions synchronously;</item>
/// <item>resources of the WASI interfaces Wasmtime implements, used by the world's other functions: their values live in
/// Wasmtime's WASI tables, which the bindings do not reach;</item>
/// <item>resources declared in the world itself (not in an interface).</item>
/// </list>
/// Types nested deeper than <see cref="AbiPlanner.MaxDepth"/> are refused as for guest bindings.
/// </summary>
public static class HostValidation
{
    /// <summary>The WASI preview 2 packages Wasmtime's <c>wasmtime_component_linker_add_wasip2</c> provides.</summary>
    private static readonly HashSet<string> WasiPreview2 = new() { "cli", "clocks", "filesystem", "io", "random", "sockets" };

    /// <summary>The interfaces of the world's imports that Wasmtime's WASI preview 2 implements (<c>wasi:cli</c>,
    /// <c>wasi:clocks</c>, <c>wasi:filesystem</c>, <c>wasi:io</c>, <c>wasi:random</c>, <c>wasi:sockets</c>, version 0.2).</summary>
    public static HashSet<InterfaceId> WasiInterfaces(Resolve resolve, World world)
    {
        var wasi = new HashSet<InterfaceId>();
        foreach (var item in world.Imports.Values)
        {
            if (item is not InterfaceWorldItem i) continue;
            var iface = resolve.Interfaces[i.Id];
            if (iface.Package is not { } package) continue;
            var name = resolve.Packages[package].Name;
            if (name.Namespace == "wasi" && WasiPreview2.Contains(name.Name) && (name.Version is null || name.Version.Major == 0 && name.Version.Minor == 2))
                wasi.Add(i.Id);
        }
        return wasi;
    }

    public static List<WitDiagnostic> Validate(Resolve resolve, World world, ResolveAbi abi, HashSet<InterfaceId> wasi)
    {
        var found = new List<(Span Span, string Message)>();
        var deep = new List<(Span Span, string Name)>();
        var seen = new HashSet<(TypeId, bool)>();
        var stack = new Stack<(WitType Type, Span Context, bool CheckWasi)>();

        void CheckFunction(Function f, bool checkWasi)
        {
            if (f.IsAsync) found.Add((f.Span, $"async function `{f.Name}` is not supported by the C# host bindings yet: they call and implement functions synchronously"));
            foreach (var t in f.ParameterAndResultTypes())
            {
                stack.Push((t, f.Span, checkWasi));
                if (t.IsId && resolve.Types.Contains(t.Id) && abi.Type(t.Id).Depth > AbiPlanner.MaxDepth) deep.Add((f.Span, "function `" + f.Name + "`"));
            }
        }

        void CheckType(TypeId id)
        {
            stack.Push((WitType.Of(id), resolve.Types[id].Span, false));
            if (abi.Type(id).Depth > AbiPlanner.MaxDepth) deep.Add((resolve.Types[id].Span, "type `" + resolve.Types[id].Name + "`"));
        }

        foreach (var item in world.Imports.Values.Concat(world.Exports.Values))
        {
            switch (item)
            {
                case InterfaceWorldItem i:
                {
                    var iface = resolve.Interfaces[i.Id];
                    bool isWasi = wasi.Contains(i.Id);
                    foreach (var t in iface.Types.Values) CheckType(t);
                    foreach (var f in iface.Functions.Values) CheckFunction(f, checkWasi: !isWasi);
                    break;
                }
                case FunctionWorldItem f:
                    CheckFunction(f.Function, checkWasi: true);
                    if (f.Function.Resource is not null && f.Function.Kind == FunctionKind.Constructor)
                        found.Add((f.Function.Span, $"resource `{resolve.Types[f.Function.Resource.Value].Name}` is declared in the world itself; the C# host bindings support resources of interfaces only: move it into an interface"));
                    break;
                case TypeWorldItem t:
                    CheckType(t.Id);
                    break;
            }
        }

        var wasiSeen = new HashSet<TypeId>();
        while (stack.Count > 0)
        {
            var (type, context, checkWasi) = stack.Pop();
            if (type.Kind == WitTypeKind.ErrorContext)
            {
                found.Add((context, "`error-context` cannot cross to the host: Wasmtime 50's component C API has no value for it"));
                continue;
            }
            if (!type.IsId || !resolve.Types.Contains(type.Id)) continue;
            var def = resolve.Types[type.Id];
            if (checkWasi && def.Kind is HandleKind handle && resolve.Types.Contains(handle.Resource))
            {
                var resource = resolve.Types[handle.Resource];
                while (resource.Kind is AliasKind alias && alias.Target.IsId && resolve.Types.Contains(alias.Target.Id)) resource = resolve.Types[alias.Target.Id];
                if (resource.Owner.TryGetInterface(out var owner) && wasi.Contains(owner) && wasiSeen.Add(handle.Resource))
                    found.Add((context, $"`{resource.Name}` is a resource of `{resolve.IdOf(owner)}`, which Wasmtime's WASI implements: the C# host bindings cannot pass its values (they live in Wasmtime's WASI tables)"));
            }
            if (checkWasi && def.Kind is ResourceKind && def.Owner.TryGetInterface(out var resourceOwner) && wasi.Contains(resourceOwner) && wasiSeen.Add(type.Id))
                found.Add((context, $"`{def.Name}` is a resource of `{resolve.IdOf(resourceOwner)}`, which Wasmtime's WASI implements: the C# host bindings cannot pass its values (they live in Wasmtime's WASI tables)"));
            // each type is walked once per kind of context (with and without the WASI resource check)
            if (!seen.Add((type.Id, checkWasi))) continue;
            var where = def.Span.Start >= 0 ? def.Span : context;
            switch (def.Kind)
            {
                case FutureKind:
                    found.Add((where, $"{Describe(abi, type.Id, def)} cannot cross to the host: Wasmtime 50's component C API panics (\"not yet implemented\") when a `future` value crosses to the host, so the C# host bindings refuse it"));
                    continue;
                case StreamKind:
                    found.Add((where, $"{Describe(abi, type.Id, def)} cannot cross to the host: Wasmtime 50's component C API panics (\"not yet implemented\") when a `stream` value crosses to the host, so the C# host bindings refuse it"));
                    continue;
                case FixedSizeListKind:
                    found.Add((where, $"{Describe(abi, type.Id, def)} cannot cross to the host: fixed-size lists are not enabled by Wasmtime 50's component C API (its engine rejects components using them)"));
                    continue;
            }
            foreach (var child in TypeWalk.Children(def.Kind)) stack.Push((child, where, checkWasi && def.Kind is not ResourceKind));
        }

        var errors = new List<WitDiagnostic>();
        var distinct = new HashSet<(int, string)>();
        foreach (var (span, message) in found.OrderBy(e => e.Span.Start))
            if (distinct.Add((span.Start, message))) errors.Add(new WitDiagnostic(message, span, DiagnosticSeverity.Error, BindingBuilder.UnsupportedCode));
        if (errors.Count == 0 && deep.Count > 0)
        {
            var first = deep.OrderBy(d => d.Span.Start).First();
            string more = deep.Count > 1 ? $" (and {deep.Count - 1} more types)" : "";
            errors.Add(new WitDiagnostic($"{first.Name}: type nesting too deep (more than {AbiPlanner.MaxDepth} levels) for the C# host bindings{more}",
                first.Span, DiagnosticSeverity.Error, BindingBuilder.UnsupportedCode));
        }
        return errors;
    }

    /// <summary>The type as WIT writes it, with its name when it has one: <c>bytes</c> (<c>stream&lt;u8&gt;</c>).</summary>
    private static string Describe(ResolveAbi abi, TypeId id, TypeDef def)
    {
        string Payload(WitType? payload) => payload is { } p ? "<" + abi.Type(p) + ">" : "";
        string structure = def.Kind switch
        {
            StreamKind s => "stream" + Payload(s.Payload),
            FutureKind f => "future" + Payload(f.Payload),
            FixedSizeListKind l => "list<" + abi.Type(l.Element) + ", " + l.Size + ">",
            _ => abi.Type(id).ToString(),
        };
        return def.Name is { } name && name != structure ? "`" + name + "` (`" + structure + "`)" : "`" + structure + "`";
    }
}

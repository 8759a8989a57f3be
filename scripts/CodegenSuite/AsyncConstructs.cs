using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Model;

namespace WitTools.CodegenSuite;

/// <summary>
/// The rule that puts a world outside the count: the world is "async" when anything it imports or exports
/// reaches an <c>async</c> function or a <c>future</c>, <c>stream</c> or <c>error-context</c> type. "Reaches"
/// means: the world's own functions and types, every function and type of every interface in its elaborated
/// imports and exports (elaboration already adds the interfaces those use), and the types nested in any of
/// them (record fields, cases, payloads, list elements, handles, aliases). Comments and names such as an
/// interface called <c>streams</c> do not count: it is the resolved model, not the text. Deliberately not the
/// generator's own check (GuestGenerator.Validate): the tool measures the generator, so it decides the rule itself.
/// </summary>
internal static class AsyncConstructs
{
    /// <summary>The first async construct the world reaches ("async func `f`", "future", …), or null.</summary>
    public static string? Find(Resolve resolve, WorldId worldId)
    {
        var world = resolve.Worlds[worldId];
        var types = new Stack<WitType>();
        var functions = new List<Function>();
        foreach (var item in world.Imports.Values.Concat(world.Exports.Values))
        {
            switch (item)
            {
                case InterfaceWorldItem i:
                    var iface = resolve.Interfaces[i.Id];
                    foreach (var t in iface.Types.Values) types.Push(WitType.Of(t));
                    functions.AddRange(iface.Functions.Values);
                    break;
                case FunctionWorldItem f: functions.Add(f.Function); break;
                case TypeWorldItem t: types.Push(WitType.Of(t.Id)); break;
            }
        }
        foreach (var function in functions)
        {
            if (function.IsAsync) return $"async func `{function.Name}`";
            foreach (var t in function.ParameterAndResultTypes()) types.Push(t);
        }

        var seen = new HashSet<TypeId>();
        while (types.Count > 0)
        {
            var type = types.Pop();
            if (type.Kind == WitTypeKind.ErrorContext) return "error-context";
            if (type.Kind != WitTypeKind.Id || !seen.Add(type.Id)) continue;
            var def = resolve.Types[type.Id];
            switch (def.Kind)
            {
                case FutureKind: return "future" + (def.Name is { } n ? $" (`{n}`)" : "");
                case StreamKind: return "stream" + (def.Name is { } m ? $" (`{m}`)" : "");
            }
            foreach (var child in Nested(def.Kind)) types.Push(child);
        }
        return null;
    }

    private static IEnumerable<WitType> Nested(TypeDefKind kind)
    {
        switch (kind)
        {
            case AliasKind a: yield return a.Target; break;
            case RecordKind r: foreach (var f in r.Fields) yield return f.Type; break;
            case TupleKind t: foreach (var x in t.Types) yield return x; break;
            case VariantKind v: foreach (var c in v.Cases) if (c.Type is { } ct) yield return ct; break;
            case OptionKind o: yield return o.Type; break;
            case ResultKind r:
                if (r.Ok is { } ok) yield return ok;
                if (r.Err is { } err) yield return err;
                break;
            case ListKind l: yield return l.Element; break;
            case FixedSizeListKind f: yield return f.Element; break;
            case MapKind m: yield return m.Key; yield return m.Value; break;
            case HandleKind h: yield return WitType.Of(h.Resource); break;
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    private sealed partial class Builder
    {
        /// <summary>
        /// What the C# bindings do not support: types nested deeper than <see cref="AbiPlanner.MaxDepth"/> (later steps recurse over type structure), each located at
        /// the construct, in source order. Walks every function and type the world uses, iteratively.
        /// </summary>
        private List<WitDiagnostic> Validate()
        {
            var found = new List<(Span Span, string Message)>();
            var seen = new HashSet<TypeId>();
            var stack = new Stack<(WitType Type, Span Context)>();
            var deep = new List<(Span Span, string Name)>();

            void CheckDepth(WitType type, Span span, string name)
            {
                if (type.IsId && _resolve.Types.Contains(type.Id) && _abi.Type(type.Id).Depth > AbiPlanner.MaxDepth) deep.Add((span, name));
            }

            void CheckFunction(Function f)
            {
                foreach (var t in f.ParameterAndResultTypes())
                {
                    stack.Push((t, f.Span));
                    CheckDepth(t, f.Span, "function `" + f.Name + "`");
                }
            }

            void CheckType(TypeId id)
            {
                stack.Push((WitType.Of(id), _resolve.Types[id].Span));
                CheckDepth(WitType.Of(id), _resolve.Types[id].Span, "type `" + _resolve.Types[id].Name + "`");
            }

            void CheckInterface(InterfaceId id)
            {
                var iface = _resolve.Interfaces[id];
                foreach (var t in iface.Types.Values) CheckType(t);
                foreach (var f in iface.Functions.Values) CheckFunction(f);
            }

            foreach (var item in _world.Imports.Values.Concat(_world.Exports.Values))
            {
                switch (item)
                {
                    case InterfaceWorldItem i: CheckInterface(i.Id); break;
                    case FunctionWorldItem f: CheckFunction(f.Function); break;
                    case TypeWorldItem t: CheckType(t.Id); break;
                }
            }

            while (stack.Count > 0)
            {
                var (type, context) = stack.Pop();
                if (!type.IsId || !seen.Add(type.Id) || !_resolve.Types.Contains(type.Id)) continue;
                var def = _resolve.Types[type.Id];
                var where = def.Span.Start >= 0 ? def.Span : context;
                foreach (var child in TypeWalk.Children(def.Kind)) stack.Push((child, where));
            }
            // in source order (global offsets follow the order files were added), each once
            var errors = new List<WitDiagnostic>();
            var distinct = new HashSet<(int, string)>();
            foreach (var (span, message) in found.OrderBy(e => e.Span.Start))
                if (distinct.Add((span.Start, message))) errors.Add(Error(span, message));
            if (errors.Count == 0 && deep.Count > 0)
            {
                var first = deep.OrderBy(d => d.Span.Start).First();
                string more = deep.Count > 1 ? $" (and {deep.Count - 1} more types)" : "";
                errors.Add(Error(first.Span, $"{first.Name}: type nesting too deep (more than {AbiPlanner.MaxDepth} levels) for the C# guest bindings{more}"));
            }
            return errors;
        }
    }
}

/// <summary>The one walker over the structure of WIT type definitions: the types a definition directly mentions.</summary>
public static class TypeWalk
{
    public static IEnumerable<WitType> Children(TypeDefKind kind)
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
            case FutureKind f when f.Payload is { } payload: yield return payload; break;
            case StreamKind s when s.Payload is { } payload: yield return payload; break;
        }
    }
}

using System;
using System.Collections.Generic;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Abi;

/// <summary>
/// The canonical-ABI view of a resolved model: one shared <see cref="AbiType"/> per <see cref="TypeId"/>
/// (aliases share the node of what they name; a resource gets the node of an owned handle to it).
/// Nodes are built children-first with an explicit stack, so arbitrarily deep types never recurse.
/// </summary>
public sealed class ResolveAbi
{
    private readonly Resolve _resolve;
    private AbiType?[] _types;

    public ResolveAbi(Resolve resolve)
    {
        _resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));
        _types = new AbiType?[resolve.Types.Count];
    }

    public Resolve Resolve => _resolve;

    public AbiType Type(WitType type) => type.Kind switch
    {
        WitTypeKind.Bool => AbiType.Bool,
        WitTypeKind.U8 => AbiType.U8,
        WitTypeKind.U16 => AbiType.U16,
        WitTypeKind.U32 => AbiType.U32,
        WitTypeKind.U64 => AbiType.U64,
        WitTypeKind.S8 => AbiType.S8,
        WitTypeKind.S16 => AbiType.S16,
        WitTypeKind.S32 => AbiType.S32,
        WitTypeKind.S64 => AbiType.S64,
        WitTypeKind.F32 => AbiType.F32,
        WitTypeKind.F64 => AbiType.F64,
        WitTypeKind.Char => AbiType.Char,
        WitTypeKind.String => AbiType.String,
        WitTypeKind.ErrorContext => AbiType.ErrorContext,
        _ => Type(type.Id),
    };

    public AbiType Type(TypeId id)
    {
        if (!_resolve.Types.Contains(id)) return AbiType.Invalid("unknown type id " + id.Index);
        // the model may have grown since (types added later are built on demand too)
        if (_types.Length < _resolve.Types.Count) Array.Resize(ref _types, _resolve.Types.Count);
        return _types[id.Index] ?? Build(id);
    }

    /// <summary>The function as the ABI sees it; <see cref="AbiFunction.Name"/> is its component-model
    /// name (e.g. <c>[method]blob.read</c>).</summary>
    public AbiFunction Function(Function function)
    {
        var @params = new List<AbiParam>(function.Params.Count);
        foreach (var p in function.Params) @params.Add(new AbiParam(p.Name, Type(p.Type)));
        return new AbiFunction(function.Name, @params, function.Result is { } r ? Type(r) : null, function.IsAsync);
    }

    // Depth-first post-order over the type graph with an explicit stack holding exactly the path from the
    // root, one child enumerator per frame: a type is built once every TypeId it mentions is built. A type
    // met again while it is on the path is a cycle (the resolver forbids them; we still answer with an
    // invalid node rather than looping). A type mentioned twice by siblings is simply built once.
    private AbiType Build(TypeId root)
    {
        var onPath = new HashSet<int> { root.Index };
        var stack = new Stack<(TypeId Id, IEnumerator<TypeId> Children)>();
        stack.Push((root, ChildIds(_resolve.Types[root].Kind).GetEnumerator()));
        while (stack.Count > 0)
        {
            var (id, children) = stack.Peek();
            if (children.MoveNext())
            {
                var child = children.Current;
                if (!_resolve.Types.Contains(child) || _types[child.Index] is not null) continue;
                if (onPath.Contains(child.Index))
                {
                    _types[child.Index] = AbiType.Invalid("type `" + (_resolve.Types[child].Name ?? "<anonymous>") + "` depends on itself");
                    continue;
                }
                onPath.Add(child.Index);
                stack.Push((child, ChildIds(_resolve.Types[child].Kind).GetEnumerator()));
                continue;
            }
            stack.Pop();
            onPath.Remove(id.Index);
            _types[id.Index] ??= Create(id, _resolve.Types[id]);
        }
        return _types[root.Index]!;
    }

    private static IEnumerable<TypeId> ChildIds(TypeDefKind kind)
    {
        switch (kind)
        {
            case AliasKind alias:
                if (alias.Target.IsId) yield return alias.Target.Id;
                break;
            case RecordKind record:
                foreach (var field in record.Fields)
                    if (field.Type.IsId) yield return field.Type.Id;
                break;
            case TupleKind tuple:
                foreach (var type in tuple.Types)
                    if (type.IsId) yield return type.Id;
                break;
            case VariantKind variant:
                foreach (var @case in variant.Cases)
                    if (@case.Type is { IsId: true } t) yield return t.Id;
                break;
            case OptionKind option:
                if (option.Type.IsId) yield return option.Type.Id;
                break;
            case ResultKind result:
                if (result.Ok is { IsId: true } ok) yield return ok.Id;
                if (result.Err is { IsId: true } err) yield return err.Id;
                break;
            case ListKind list:
                if (list.Element.IsId) yield return list.Element.Id;
                break;
            case FixedSizeListKind fixedList:
                if (fixedList.Element.IsId) yield return fixedList.Element.Id;
                break;
            case MapKind map:
                if (map.Key.IsId) yield return map.Key.Id;
                if (map.Value.IsId) yield return map.Value.Id;
                break;
            case FutureKind future:
                if (future.Payload is { IsId: true } f) yield return f.Id;
                break;
            case StreamKind stream:
                if (stream.Payload is { IsId: true } s) yield return s.Id;
                break;
        }
    }

    private AbiType? Optional(WitType? type) => type is { } t ? Type(t) : null;

    private AbiType Create(TypeId id, TypeDef def)
    {
        string? name = def.Name;
        switch (def.Kind)
        {
            case AliasKind alias:
                return Type(alias.Target);
            case RecordKind record:
            {
                var fields = new List<AbiField>(record.Fields.Count);
                foreach (var field in record.Fields) fields.Add(new AbiField(field.Name, Type(field.Type)));
                return AbiType.Record(name, fields, id);
            }
            case TupleKind tuple:
            {
                var types = new List<AbiType>(tuple.Types.Count);
                foreach (var type in tuple.Types) types.Add(Type(type));
                return AbiType.Tuple(types, name, id);
            }
            case VariantKind variant:
            {
                var cases = new List<AbiCase>(variant.Cases.Count);
                foreach (var @case in variant.Cases) cases.Add(new AbiCase(@case.Name, Optional(@case.Type)));
                return AbiType.Variant(name, cases, id);
            }
            case EnumKind @enum:
            {
                var labels = new List<string>(@enum.Cases.Count);
                foreach (var @case in @enum.Cases) labels.Add(@case.Name);
                return AbiType.Enum(name, labels, id);
            }
            case FlagsKind flags:
            {
                var labels = new List<string>(flags.Flags.Count);
                foreach (var flag in flags.Flags) labels.Add(flag.Name);
                return AbiType.Flags(name, labels, id);
            }
            case OptionKind option:
                return AbiType.Option(Type(option.Type), name, id);
            case ResultKind result:
                return AbiType.Result(Optional(result.Ok), Optional(result.Err), name, id);
            case ListKind list:
                return AbiType.List(Type(list.Element), name, id);
            case FixedSizeListKind fixedList:
                return AbiType.FixedList(Type(fixedList.Element), fixedList.Size, name, id);
            case MapKind map:
                return AbiType.Map(Type(map.Key), Type(map.Value), name, id);
            case FutureKind future:
                return AbiType.Future(Optional(future.Payload), name, id);
            case StreamKind stream:
                return AbiType.Stream(Optional(stream.Payload), name, id);
            case HandleKind handle:
            {
                var resource = ResourceDefinition(handle.Resource);
                string resourceName = resource is { } r ? _resolve.Types[r].Name ?? "<resource>" : "<resource>";
                return handle.IsOwn ? AbiType.Own(resourceName, name, resource, id) : AbiType.Borrow(resourceName, name, resource, id);
            }
            case ResourceKind:
                // a resource value only ever crosses the boundary as a handle; report it as `own<R>`
                return AbiType.Own(name ?? "<resource>", name, id, id);
            default:
                return AbiType.Invalid("type `" + (name ?? "<anonymous>") + "` is not resolved", name, id);
        }
    }

    /// <summary>The resource definition a handle points at, looking through `use` aliases.</summary>
    private TypeId? ResourceDefinition(TypeId id)
    {
        for (int hops = 0; hops < _resolve.Types.Count && _resolve.Types.Contains(id); hops++)
        {
            var def = _resolve.Types[id];
            if (def.Kind is AliasKind { Target: { IsId: true } target })
            {
                id = target.Id;
                continue;
            }
            return id;
        }
        return null;
    }
}

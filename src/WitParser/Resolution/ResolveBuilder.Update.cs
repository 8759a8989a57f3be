using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

public sealed partial class ResolveBuilder
{
    private sealed partial class Remap
    {
        /// <summary>Maps the type ids inside a type definition (not its owner, fixed later).</summary>
        private void UpdateTypeDef(TypeDef ty, Span span)
        {
            switch (ty.Kind)
            {
                case HandleKind handle:
                    handle.Resource = MapType(handle.Resource, span);
                    break;
                case RecordKind record:
                    foreach (var field in record.Fields) field.Type = UpdateType(field.Type, field.Span);
                    break;
                case TupleKind tuple:
                    for (int i = 0; i < tuple.Types.Count; i++) tuple.Types[i] = UpdateType(tuple.Types[i], span);
                    break;
                case VariantKind variant:
                    foreach (var c in variant.Cases)
                    {
                        if (c.Type is { } t) c.Type = UpdateType(t, span);
                    }
                    break;
                case OptionKind option:
                    option.Type = UpdateType(option.Type, span);
                    break;
                case ListKind list:
                    list.Element = UpdateType(list.Element, span);
                    break;
                case FixedSizeListKind fixedList:
                    fixedList.Element = UpdateType(fixedList.Element, span);
                    break;
                case FutureKind future:
                    if (future.Payload is { } fp) future.Payload = UpdateType(fp, span);
                    break;
                case StreamKind stream:
                    if (stream.Payload is { } sp) stream.Payload = UpdateType(sp, span);
                    break;
                case MapKind map:
                    map.Key = UpdateType(map.Key, span);
                    map.Value = UpdateType(map.Value, span);
                    break;
                case ResultKind result:
                    if (result.Ok is { } ok) result.Ok = UpdateType(ok, span);
                    if (result.Err is { } err) result.Err = UpdateType(err, span);
                    break;
                case AliasKind alias:
                    // `type a = b` keeps pointing at b itself even when b is a resource: a is then usable
                    // both as a resource and as a handle, so no `own<b>` is introduced here.
                    if (alias.Target.TryGetId(out var target)) alias.Target = WitType.Of(MapType(target, span));
                    break;
            }
        }

        /// <summary>Maps a type use; a use of a resource (directly or through aliases) becomes an
        /// anonymous <c>own&lt;T&gt;</c> handle, shared by all such uses of T.</summary>
        private WitType UpdateType(WitType type, Span span)
        {
            if (!type.TryGetId(out var id)) return type;
            id = MapType(id, span);

            var current = id;
            bool isResource;
            while (true)
            {
                var kind = _resolve.Types[current].Kind;
                if (kind is AliasKind { Target: { IsId: true } next }) current = next.Id;
                else
                {
                    isResource = kind is ResourceKind;
                    break;
                }
            }
            if (!isResource) return WitType.Of(id);

            if (!_ownHandles.TryGetValue(id, out var handle))
            {
                handle = _resolve.Types.Alloc(new TypeDef(null, new HandleKind(HandleOwnership.Own, id), TypeOwner.None));
                _ownHandles[id] = handle;
            }
            return WitType.Of(handle);
        }

        private void UpdateInterface(Interface iface)
        {
            var pkgId = iface.Package!.Value;
            iface.Types.Retain((_, ty) => _types[ty.Index] != null);
            for (int i = 0; i < iface.Types.Count; i++)
            {
                iface.Types.SetValueAt(i, MapType(iface.Types.ValueAt(i), iface.Span));
            }
            foreach (var func in iface.Functions.Values)
            {
                if (!IncludeStability(func.Stability, pkgId, func.Span)) continue;
                UpdateFunction(func, func.Span);
            }
            // Functions gated by a disabled feature are dropped.
            iface.Functions.Retain((_, func) => IncludeStability(func.Stability, pkgId, func.Span));
        }

        private void UpdateFunction(Function func, Span span)
        {
            if (func.Resource is { } resource) func.Resource = MapType(resource, span);
            foreach (var param in func.Params) param.Type = UpdateType(param.Type, span);
            if (func.Result is { } result)
            {
                func.Result = UpdateType(result, span);
                if (TypeHasBorrow(func.Result.Value))
                {
                    _errors.Error(
                        $"function `{func.Name}` returns a type which contains a `borrow<T>` which is not supported",
                        span, DiagnosticCodes.Resolution);
                }
            }
        }

        /// <summary>Whether a type contains a <c>borrow&lt;T&gt;</c> (through anything but an <c>own</c>
        /// handle). Iterative with a memo by type id, as alias chains can be arbitrarily long.</summary>
        private bool TypeHasBorrow(WitType type)
        {
            if (!type.TryGetId(out var root)) return false;
            if (Memo(root) is { } known) return known;

            // Post-order walk: a type is decided once all the types it contains are.
            var stack = _borrowStack;
            stack.Clear();
            stack.Add(root);
            while (stack.Count > 0)
            {
                var id = stack[stack.Count - 1];
                if (Memo(id) != null)
                {
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }
                int before = stack.Count;
                bool? decided = Decide(_resolve.Types[id].Kind, stack);
                if (decided == null) continue; // children pushed
                SetMemo(id, decided.Value);
                stack.RemoveAt(before - 1);
            }
            return Memo(root)!.Value;
        }

        // Decides a kind from its children's memos, or pushes the undecided children and returns null.
        private bool? Decide(TypeDefKind kind, List<TypeId> stack)
        {
            switch (kind)
            {
                case HandleKind handle:
                    return !handle.IsOwn;
                case AliasKind alias:
                    return Child(alias.Target, stack);
                case OptionKind option:
                    return Child(option.Type, stack);
                case ListKind list:
                    return Child(list.Element, stack);
                case FixedSizeListKind fixedList:
                    return Child(fixedList.Element, stack);
                case FutureKind future:
                    return future.Payload is { } fp ? Child(fp, stack) : false;
                case StreamKind stream:
                    return stream.Payload is { } sp ? Child(sp, stack) : false;
                case MapKind map:
                    return Combine(Child(map.Key, stack), Child(map.Value, stack));
                case ResultKind result:
                    return Combine(result.Ok is { } ok ? Child(ok, stack) : false, result.Err is { } err ? Child(err, stack) : false);
                case RecordKind record:
                {
                    bool? all = false;
                    foreach (var f in record.Fields) all = Combine(all, Child(f.Type, stack));
                    return all;
                }
                case VariantKind variant:
                {
                    bool? all = false;
                    foreach (var c in variant.Cases)
                    {
                        if (c.Type is { } t) all = Combine(all, Child(t, stack));
                    }
                    return all;
                }
                case TupleKind tuple:
                {
                    bool? all = false;
                    foreach (var t in tuple.Types) all = Combine(all, Child(t, stack));
                    return all;
                }
                default:
                    return false;
            }
        }

        // true when any is true; null (undecided) when none is true and one is unknown; else false.
        private static bool? Combine(bool? a, bool? b) => a == true || b == true ? true : a == null || b == null ? null : false;

        private bool? Child(WitType type, List<TypeId> stack)
        {
            if (!type.TryGetId(out var id)) return false;
            if (Memo(id) is { } known) return known;
            stack.Add(id);
            return null;
        }

        private bool? Memo(TypeId id) =>
            id.Index < _typeHasBorrow.Length && _typeHasBorrow[id.Index] != 0 ? _typeHasBorrow[id.Index] == 2 : null;

        private void SetMemo(TypeId id, bool value)
        {
            if (id.Index >= _typeHasBorrow.Length)
            {
                System.Array.Resize(ref _typeHasBorrow, System.Math.Max(id.Index + 1, System.Math.Max(64, _typeHasBorrow.Length * 2)));
            }
            _typeHasBorrow[id.Index] = (byte)(value ? 2 : 1);
        }

        /// <summary>Remaps a world's imports and exports, dropping feature-gated ones.</summary>
        private void UpdateWorld(World world, PackageId pkgId)
        {
            var imports = world.Imports;
            var exports = world.Exports;
            world.Imports = new OrderedMap<WorldKey, WorldItem>();
            world.Exports = new OrderedMap<WorldKey, WorldItem>();
            UpdateWorldItems(imports, world.Imports, pkgId);
            UpdateWorldItems(exports, world.Exports, pkgId);
        }

        private void UpdateWorldItems(OrderedMap<WorldKey, WorldItem> from, OrderedMap<WorldKey, WorldItem> into, PackageId pkgId)
        {
            foreach (var pair in from)
            {
                var item = pair.Value;
                var span = item.Span;
                // A type item's stability is its TypeDef's, so its id is mapped first.
                if (item is TypeWorldItem typeItem) typeItem.Id = MapType(typeItem.Id, span);
                if (!IncludeStability(item.GetStability(_resolve), pkgId, span)) continue;

                var key = pair.Key;
                if (key.TryGetInterface(out var keyInterface))
                {
                    // An interface gated off (reported) or failed to connect (reported before) is left out.
                    if (MapInterface(keyInterface, span) is not { } mappedKey) continue;
                    key = WorldKey.OfInterface(mappedKey);
                }
                switch (item)
                {
                    case InterfaceWorldItem iface:
                        if (key.IsInterface) iface.Id = key.Interface;
                        else if (MapInterface(iface.Id, span) is { } mapped) iface.Id = mapped;
                        else continue;
                        break;
                    case FunctionWorldItem func:
                        UpdateFunction(func.Function, span);
                        break;
                }
                // Keys are unique here unless two interfaces failed alike; the first is kept.
                into.TryAdd(key, item);
            }
        }
    }
}

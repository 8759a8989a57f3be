using System;
using System.Collections.Generic;
using WitTools.WitParser.Model;

namespace WitTools.WitParser.Resolution;

public sealed partial class ResolveBuilder
{
    /// <summary>Old → new ids of the items copied by one <c>include</c>.</summary>
    private sealed class CloneMaps
    {
        public Dictionary<TypeId, TypeId> Types { get; } = new();
        public Dictionary<InterfaceId, InterfaceId> Interfaces { get; } = new();
    }

    /// <summary>
    /// Deep-copies items owned by one world (or inline interface) into another owner, allocating new ids
    /// (wit-parser's <c>Cloner</c>). Used by <c>include</c>, so the including world gets its own copies of
    /// the included world's types, functions and inline interfaces. Types referenced from elsewhere (e.g.
    /// through <c>use</c>) stay shared. New types are allocated in dependency order (a type after the
    /// types it contains), iteratively.
    /// </summary>
    private sealed class Cloner
    {
        private readonly Resolve _resolve;
        private readonly CloneMaps _maps;
        private readonly TypeOwner _previousOwner;
        private readonly TypeOwner _newOwner;
        private readonly PackageId _newPackage;

        public Cloner(Resolve resolve, CloneMaps maps, TypeOwner previousOwner, TypeOwner newOwner, PackageId newPackage)
        {
            _resolve = resolve;
            _maps = maps;
            _previousOwner = previousOwner;
            _newOwner = newOwner;
            _newPackage = newPackage;
        }

        /// <summary>Copies what a named world item owns (interface keys are shared as they are).</summary>
        public WorldItem WorldItem(WorldKey key, WorldItem item)
        {
            if (key.IsInterface) return item;
            switch (item)
            {
                case TypeWorldItem type:
                    type.Id = CloneType(type.Id);
                    break;
                case FunctionWorldItem func:
                    CloneFunctionTypes(func.Function);
                    break;
                case InterfaceWorldItem iface:
                    // Only inline (anonymous) interfaces belong to the world; named ones are shared.
                    if (_resolve.Interfaces[iface.Id].Name == null) iface.Id = CloneInterface(iface.Id);
                    break;
            }
            return item;
        }

        private void CloneFunctionTypes(Function func)
        {
            if (func.Resource is { } resource) func.Resource = CloneType(resource);
            foreach (var param in func.Params) param.Type = CloneType(param.Type);
            if (func.Result is { } result) func.Result = CloneType(result);
        }

        private WitType CloneType(WitType type) => type.TryGetId(out var id) ? WitType.Of(CloneType(id)) : type;

        private TypeId CloneType(TypeId root)
        {
            if (_maps.Types.TryGetValue(root, out var done)) return done;

            var stack = new Stack<TypeFrame>();
            stack.Push(NewFrame(root, parentSlot: null));
            TypeId result = default;
            while (stack.Count > 0)
            {
                var frame = stack.Peek();
                if (frame.Next < frame.Slots.Count)
                {
                    var slot = frame.Slots[frame.Next++];
                    var target = slot.Get();
                    if (_maps.Types.TryGetValue(target, out var mapped))
                    {
                        slot.Set(mapped);
                        continue;
                    }
                    // The target of an alias is only copied when it belongs to the owner being copied;
                    // otherwise (a `use` of another interface's type) it stays shared.
                    if (slot.IsAliasTarget && _resolve.Types[target].Owner != _previousOwner) continue;
                    stack.Push(NewFrame(target, slot));
                    continue;
                }

                stack.Pop();
                var newId = _resolve.Types.Alloc(frame.Copy);
                _maps.Types[frame.Original] = newId;
                frame.ParentSlot?.Set(newId);
                result = newId;
            }
            return result;
        }

        private TypeFrame NewFrame(TypeId original, TypeSlot? parentSlot)
        {
            var copy = CopyTypeDef(_resolve.Types[original]);
            if (!copy.Owner.IsNone) copy.Owner = _newOwner;
            return new TypeFrame(original, copy, Slots(copy.Kind), parentSlot);
        }

        /// <summary>The type ids inside a (copied) definition, in wit-parser's visiting order.</summary>
        private static List<TypeSlot> Slots(TypeDefKind kind)
        {
            var slots = new List<TypeSlot>();
            void Add(Func<WitType> get, Action<WitType> set)
            {
                if (get().IsId) slots.Add(new TypeSlot(() => get().Id, id => set(WitType.Of(id)), isAliasTarget: false));
            }
            switch (kind)
            {
                case AliasKind alias:
                    if (alias.Target.IsId)
                        slots.Add(new TypeSlot(() => alias.Target.Id, id => alias.Target = WitType.Of(id), isAliasTarget: true));
                    break;
                case HandleKind handle:
                    slots.Add(new TypeSlot(() => handle.Resource, id => handle.Resource = id, isAliasTarget: false));
                    break;
                case OptionKind option:
                    Add(() => option.Type, t => option.Type = t);
                    break;
                case ListKind list:
                    Add(() => list.Element, t => list.Element = t);
                    break;
                case FixedSizeListKind fixedList:
                    Add(() => fixedList.Element, t => fixedList.Element = t);
                    break;
                case MapKind map:
                    Add(() => map.Key, t => map.Key = t);
                    Add(() => map.Value, t => map.Value = t);
                    break;
                case TupleKind tuple:
                    for (int i = 0; i < tuple.Types.Count; i++)
                    {
                        int index = i;
                        Add(() => tuple.Types[index], t => tuple.Types[index] = t);
                    }
                    break;
                case RecordKind record:
                    foreach (var field in record.Fields) Add(() => field.Type, t => field.Type = t);
                    break;
                case VariantKind variant:
                    foreach (var c in variant.Cases)
                    {
                        if (c.Type is { } ct && ct.IsId) Add(() => c.Type!.Value, t => c.Type = t);
                    }
                    break;
                case ResultKind result:
                    if (result.Ok is { } ok && ok.IsId) Add(() => result.Ok!.Value, t => result.Ok = t);
                    if (result.Err is { } err && err.IsId) Add(() => result.Err!.Value, t => result.Err = t);
                    break;
                case FutureKind future:
                    if (future.Payload is { } fp && fp.IsId) Add(() => future.Payload!.Value, t => future.Payload = t);
                    break;
                case StreamKind stream:
                    if (stream.Payload is { } sp && sp.IsId) Add(() => stream.Payload!.Value, t => stream.Payload = t);
                    break;
            }
            return slots;
        }

        /// <summary>Copies an inline interface (its types and functions move to the copy).</summary>
        private InterfaceId CloneInterface(InterfaceId original)
        {
            var source = _resolve.Interfaces[original];
            var nextId = _resolve.Interfaces.NextId;
            var inner = new Cloner(_resolve, _maps, TypeOwner.OfInterface(original), TypeOwner.OfInterface(nextId), _newPackage);
            var copy = new Interface(source.Name)
            {
                Docs = source.Docs,
                Stability = source.Stability,
                Span = source.Span,
                Package = _newPackage,
                CloneOf = original,
            };
            foreach (var pair in source.Types) copy.Types.Add(pair.Key, inner.CloneType(pair.Value));
            foreach (var pair in source.Functions)
            {
                var func = pair.Value.Clone();
                inner.CloneFunctionTypes(func);
                copy.Functions.Add(pair.Key, func);
            }
            var id = _resolve.Interfaces.Alloc(copy);
            _maps.Interfaces[original] = id;
            return id;
        }

        private sealed class TypeSlot
        {
            public TypeSlot(Func<TypeId> get, Action<TypeId> set, bool isAliasTarget)
            {
                Get = get;
                Set = set;
                IsAliasTarget = isAliasTarget;
            }

            public Func<TypeId> Get { get; }
            public Action<TypeId> Set { get; }
            public bool IsAliasTarget { get; }
        }

        private sealed class TypeFrame
        {
            public TypeFrame(TypeId original, TypeDef copy, List<TypeSlot> slots, TypeSlot? parentSlot)
            {
                Original = original;
                Copy = copy;
                Slots = slots;
                ParentSlot = parentSlot;
            }

            public TypeId Original { get; }
            public TypeDef Copy { get; }
            public List<TypeSlot> Slots { get; }
            public TypeSlot? ParentSlot { get; }
            public int Next { get; set; }
        }
    }

    /// <summary>A deep copy of a type definition (the ids inside are copied as they are).</summary>
    internal static TypeDef CopyTypeDef(TypeDef source) =>
        new(source.Name, CopyKind(source.Kind), source.Owner)
        {
            Docs = source.Docs,
            Stability = source.Stability,
            Span = source.Span,
            ExternalId = source.ExternalId,
        };

    private static TypeDefKind CopyKind(TypeDefKind kind)
    {
        switch (kind)
        {
            case RecordKind record:
            {
                var fields = new List<Field>(record.Fields.Count);
                foreach (var f in record.Fields) fields.Add(new Field(f.Name, f.Type) { Docs = f.Docs, Span = f.Span });
                return new RecordKind(fields);
            }
            case ResourceKind:
                return new ResourceKind();
            case HandleKind handle:
                return new HandleKind(handle.Ownership, handle.Resource);
            case FlagsKind flags:
            {
                var list = new List<Flag>(flags.Flags.Count);
                foreach (var f in flags.Flags) list.Add(new Flag(f.Name) { Docs = f.Docs, Span = f.Span });
                return new FlagsKind(list);
            }
            case TupleKind tuple:
                return new TupleKind(new List<WitType>(tuple.Types));
            case VariantKind variant:
            {
                var cases = new List<Case>(variant.Cases.Count);
                foreach (var c in variant.Cases) cases.Add(new Case(c.Name, c.Type) { Docs = c.Docs, Span = c.Span });
                return new VariantKind(cases);
            }
            case EnumKind @enum:
            {
                var cases = new List<EnumCase>(@enum.Cases.Count);
                foreach (var c in @enum.Cases) cases.Add(new EnumCase(c.Name) { Docs = c.Docs, Span = c.Span });
                return new EnumKind(cases);
            }
            case OptionKind option:
                return new OptionKind(option.Type);
            case ResultKind result:
                return new ResultKind(result.Ok, result.Err);
            case ListKind list:
                return new ListKind(list.Element);
            case MapKind map:
                return new MapKind(map.Key, map.Value);
            case FixedSizeListKind fixedList:
                return new FixedSizeListKind(fixedList.Element, fixedList.Size);
            case FutureKind future:
                return new FutureKind(future.Payload);
            case StreamKind stream:
                return new StreamKind(stream.Payload);
            case AliasKind alias:
                return new AliasKind(alias.Target);
            default:
                return new UnknownKind();
        }
    }
}

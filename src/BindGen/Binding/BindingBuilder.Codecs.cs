using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    /// <summary>The codecs of the world by where they are printed.</summary>
    private sealed class CodecSet
    {
        public Dictionary<(InterfaceId, bool), List<CodecBinding>> Interfaces { get; } = new();
        public List<CodecBinding> World { get; } = new();

        public IReadOnlyList<CodecBinding> Interface(InterfaceId id, bool exportPart) =>
            Interfaces.TryGetValue((id, exportPart), out var list) ? list : new List<CodecBinding>();
    }

    /// <summary>A class that declares codecs: an interface's <c>Abi</c> class (its types file part, or for exported
    /// projections of a dual interface its exports part) or the world's.</summary>
    private sealed record CodecHome(CsName AbiClass, NameScope Scope, InterfaceState? Interface, bool ExportPart, BindingSide PrimarySide);

    private sealed partial class Builder
    {
        private readonly Dictionary<(AbiType, PlanDirection, BindingSide, CsName?), CodecBinding> _codecs = new();
        private readonly Dictionary<(AbiType, BindingSide), bool> _sideDependentNodes = new();
        private NameScope? _worldAbiScope;

        /// <summary>
        /// One lift and one lower codec per named compound type (in its interface's <c>Abi</c> class) and per anonymous
        /// list element type (in the <c>Abi</c> class of the interface or world whose types or functions use it). Which
        /// codecs an interface class holds depends only on the interface (every function and type, both directions),
        /// so worlds sharing it print the same text; names are claimed per class in a fixed order: named types in
        /// declaration order, then what their plans and the functions' types need, breadth first.
        /// </summary>
        private CodecSet BindCodecs(IEnumerable<FunctionBinding> functions)
        {
            var set = new CodecSet();
            var homes = new List<(CodecHome Home, List<CodecBinding> Pending)>();

            // phase 1: every named codec, so that any plan can refer to any of them
            foreach (var state in _interfaces)
            {
                var primary = new CodecHome(state.AbiClass, state.AbiScope, state, false, state.PrimarySide);
                var pending = new List<CodecBinding>();
                foreach (var typeId in state.Interface.Types.Values) NameNamed(typeId, primary, state.PrimarySide, pending, set);
                homes.Add((primary, pending));
                if (state.IsDual)
                {
                    var exportHome = primary with { ExportPart = true };
                    var exportPending = new List<CodecBinding>();
                    foreach (var typeId in state.Interface.Types.Values)
                        if (IsSideDependent(typeId)) NameNamed(typeId, exportHome, BindingSide.Export, exportPending, set);
                    homes.Add((exportHome, exportPending));
                }
            }
            _worldAbiScope = new NameScope(_worldAbiClass.Simple);
            var worldHome = new CodecHome(_worldAbiClass, _worldAbiScope, null, false, BindingSide.Import);
            var worldPending = new List<CodecBinding>();
            foreach (var item in _world.Imports.Values.Concat(_world.Exports.Values))
                if (item is TypeWorldItem t) NameNamed(t.Id, worldHome, BindingSide.Import, worldPending, set);
            homes.Add((worldHome, worldPending));

            // phase 2: per class, the anonymous element types its named types and functions use (breadth first)
            foreach (var (home, pending) in homes)
            {
                var sides = home.Interface is null ? new[] { BindingSide.Import, BindingSide.Export }
                    : home.ExportPart ? new[] { BindingSide.Export }
                    : new[] { home.PrimarySide };
                int planned = 0;
                void Drain()
                {
                    for (; planned < pending.Count; planned++) FindShared(pending[planned].Plan.Root, pending[planned].Context, home, pending, set);
                }
                Drain();
                foreach (var side in sides)
                    foreach (var type in FunctionTypes(home.Interface)) FindElements(type, side, home, pending, set);
                Drain();
            }

            // every plan of a bound function refers to codecs that exist now; check, so a gap is a clear internal error
            foreach (var function in functions)
                foreach (var shared in SharedNodes(function))
                    _ = LookUp(shared.Node, shared.Direction, function.Context, function.CodecHome);
            return set;
        }

        /// <summary>The parameter and result types of the functions a home's plans bind: all functions of the interface,
        /// or the world's own functions.</summary>
        private IEnumerable<AbiType> FunctionTypes(InterfaceState? state)
        {
            IEnumerable<Function> functions = state is not null
                ? state.Interface.Functions.Values
                : _world.Imports.Values.Concat(_world.Exports.Values).OfType<FunctionWorldItem>().Select(i => i.Function);
            foreach (var f in functions)
            {
                var abi = _abi.Function(f);
                foreach (var p in abi.Params) yield return p.Type;
                if (abi.Result is not null) yield return abi.Result;
            }
        }

        /// <summary>Creates (unplanned) the two codecs of a named compound type owned by the home.</summary>
        private void NameNamed(TypeId typeId, CodecHome home, BindingSide side, List<CodecBinding> pending, CodecSet set)
        {
            var def = _resolve.Types[typeId];
            if (def.Kind is AliasKind) return;
            var node = _abi.Type(typeId);
            if (!SharedTypePlan.IsShared(node)) return;
            string stem = (home.ExportPart ? "Exported" : "") + CSharpNames.Pascal(def.Name!);
            foreach (var direction in new[] { PlanDirection.Lift, PlanDirection.Lower })
                Add(node, direction, side, home, stem, shared: true, pending, set);
        }

        private void Add(AbiType node, PlanDirection direction, BindingSide side, CodecHome home, string stem, bool shared, List<CodecBinding> pending, CodecSet set)
        {
            string method = home.Scope.Claim((direction == PlanDirection.Lift ? "Lift" : "Lower") + stem);
            var codec = new CodecBinding(home.AbiClass, method, direction, side, node, CsTypeOf(node, side), PlanCodec(node, direction),
                direction == PlanDirection.Lift && HasImportedBorrow(node, side));
            pending.Add(codec);
            // named codecs serve every user, anonymous ones their own class; a codec of a type that is the same on
            // both sides serves both
            foreach (var user in new[] { BindingSide.Import, BindingSide.Export })
                if (user == side || !IsSideDependent(node, user, side)) _codecs[(node, direction, user, shared ? null : home.AbiClass)] = codec;
            if (home.Interface is null) set.World.Add(codec);
            else
            {
                var key = (home.Interface.Id, home.ExportPart);
                if (!set.Interfaces.TryGetValue(key, out var list)) set.Interfaces[key] = list = new List<CodecBinding>();
                list.Add(codec);
            }
        }

        private TypePlan PlanCodec(AbiType node, PlanDirection direction)
        {
            TypePlan? plan;
            string? error;
            if (direction == PlanDirection.Lift)
            {
                AbiPlanner.TryLift(node, PlanStorage.Memory, _options.StringEncoding, PlanSharing.NamedTypes, out var lift, out error);
                plan = lift;
            }
            else
            {
                AbiPlanner.TryLower(node, PlanStorage.Memory, _options.StringEncoding, PlanSharing.NamedTypes, out var lower, out error);
                plan = lower;
            }
            var span = node.Origin is { } origin ? _resolve.Types[origin].Span : WitParser.Text.Span.Unknown;
            return plan ?? throw Fail(span, "type `" + node + "`: " + error);
        }

        /// <summary>Anonymous list elements in a type (not looking inside named compound types, whose codecs do that).</summary>
        private void FindElements(AbiType type, BindingSide side, CodecHome home, List<CodecBinding> pending, CodecSet set)
        {
            var stack = new Stack<AbiType>();
            stack.Push(type);
            while (stack.Count > 0)
            {
                var t = stack.Pop();
                if (SharedTypePlan.IsShared(t)) continue;
                if (t.Kind is AbiTypeKind.List or AbiTypeKind.FixedList or AbiTypeKind.Map && SharedTypePlan.IsSharedElement(t.Element!))
                {
                    if (!SharedTypePlan.IsShared(t.Element!)) EnsureAnonymous(t.Element!, side, home, pending, set);
                    continue;
                }
                foreach (var child in t.Children()) stack.Push(child);
            }
        }

        /// <summary>The codecs a plan refers to, created in this home when they are anonymous and missing.</summary>
        private void FindShared(ValuePlan root, BindingSide side, CodecHome home, List<CodecBinding> pending, CodecSet set)
        {
            foreach (var (node, _) in SharedNodes(root, PlanDirection.Lift))
                if (!SharedTypePlan.IsShared(node)) EnsureAnonymous(node, side, home, pending, set);
        }

        private void EnsureAnonymous(AbiType node, BindingSide side, CodecHome home, List<CodecBinding> pending, CodecSet set)
        {
            // a type that does not differ between the sides gets one codec, on the home's primary side
            var context = IsSideDependent(node, side, home.PrimarySide) ? side : home.PrimarySide;
            if (_codecs.ContainsKey((node, PlanDirection.Lift, context, home.AbiClass))) return;
            string stem = (context != home.PrimarySide ? "Exported" : "") + Describe(node);
            foreach (var direction in new[] { PlanDirection.Lift, PlanDirection.Lower })
                Add(node, direction, context, home, stem, shared: false, pending, set);
        }

        /// <summary>Whether code on <paramref name="side"/> sees another C# type for <paramref name="node"/> than code on <paramref name="other"/>.</summary>
        private bool IsSideDependent(AbiType node, BindingSide side, BindingSide other)
        {
            if (side == other) return false;
            if (_sideDependentNodes.TryGetValue((node, side), out var known)) return known;
            bool result = node.Kind switch
            {
                AbiTypeKind.Own or AbiTypeKind.Borrow => ProjectionSide(ResourceOf(node), side) != ProjectionSide(ResourceOf(node), other),
                AbiTypeKind.Record or AbiTypeKind.Variant or AbiTypeKind.Enum or AbiTypeKind.Flags => ProjectionSide(Origin(node), side) != ProjectionSide(Origin(node), other),
                _ => node.Children().Any(child => IsSideDependent(child, side, other)),
            };
            return _sideDependentNodes[(node, side)] = result;
        }

        /// <summary>A readable method stem for an anonymous type: "tuple&lt;string, list&lt;u8&gt;&gt;" → "TupleStringListU8" (shortened).</summary>
        private static string Describe(AbiType node)
        {
            var sb = new StringBuilder();
            bool upper = true;
            foreach (char c in node.ToString())
            {
                if (char.IsLetterOrDigit(c) && c < 0x80)
                {
                    sb.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
                if (sb.Length >= 48) break;
            }
            if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
            return sb.ToString();
        }

        private CodecBinding LookUp(AbiType node, PlanDirection direction, BindingSide side, CsName user) =>
            _codecs.TryGetValue((node, direction, side, null), out var shared) ? shared
            : _codecs.TryGetValue((node, direction, side, user), out var local) ? local
            : throw Fail(node.Origin is { } o ? _resolve.Types[o].Span : WitParser.Text.Span.Unknown, "internal: no codec for `" + node + "` in " + user);

        /// <summary>The shared nodes of a function's plans with the direction each is moved in.</summary>
        private static IEnumerable<(AbiType Node, PlanDirection Direction)> SharedNodes(FunctionBinding function)
        {
            foreach (var p in function.Plan.Params)
                foreach (var shared in SharedNodes(p.Plan, function.Plan.ParamsDirection)) yield return shared;
            if (function.Plan.Result is { } result)
                foreach (var shared in SharedNodes(result, function.Plan.ResultDirection)) yield return shared;
        }

        /// <summary>The <see cref="SharedTypePlan"/> leaves of a plan tree.</summary>
        private static IEnumerable<(AbiType Node, PlanDirection Direction)> SharedNodes(ValuePlan root, PlanDirection direction)
        {
            var stack = new Stack<ValuePlan>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case SharedTypePlan shared:
                        yield return (shared.Type, direction);
                        break;
                    case ListPlan list:
                        stack.Push(list.Element);
                        break;
                    case FixedListPlan fixedList:
                        if (fixedList.Element is not null) stack.Push(fixedList.Element);
                        foreach (var element in fixedList.Elements ?? new List<ValuePlan>()) stack.Push(element);
                        break;
                    case RecordPlan record:
                        foreach (var field in record.Fields) stack.Push(field.Plan);
                        break;
                    case VariantPlan variant:
                        foreach (var @case in variant.Cases)
                            if (@case.Payload is not null) stack.Push(@case.Payload);
                        break;
                }
            }
        }
    }
}

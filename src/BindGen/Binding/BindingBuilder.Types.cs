using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    private sealed partial class Builder
    {
        private readonly Dictionary<TypeId, bool> _sideDependent = new();
        private readonly Dictionary<(AbiType, BindingSide), CsType> _csTypes = new();
        private readonly Dictionary<(TypeId, BindingSide), TypeDeclaration> _declarationsBySide = new();

        /// <summary>
        /// Which projection of a declared type code on <paramref name="context"/>'s side sees. A world-level type, or a
        /// type that does not differ between an interface's two instances, has one projection (the interface's primary
        /// side). Otherwise: exported code sees the exported instance when the world exports the interface.
        /// </summary>
        private BindingSide ProjectionSide(TypeId id, BindingSide context)
        {
            var def = _resolve.Types[id];
            if (!def.Owner.TryGetInterface(out var owner) || !_byId.TryGetValue(owner, out var state)) return BindingSide.Import;
            if (!state.IsDual || !IsSideDependent(id)) return state.PrimarySide;
            return context == BindingSide.Export ? BindingSide.Export : BindingSide.Import;
        }

        /// <summary>Whether a type reaches (through its structure, aliases and handles) a resource of an interface the
        /// world both imports and exports: then its C# type differs between the two instances.</summary>
        private bool IsSideDependent(TypeId id)
        {
            if (_sideDependent.TryGetValue(id, out var known)) return known;
            _sideDependent[id] = false; // types are acyclic; this only stops a malformed model from looping
            var def = _resolve.Types[id];
            bool result;
            if (def.Kind is ResourceKind)
            {
                result = def.Owner.TryGetInterface(out var owner) && _byId.TryGetValue(owner, out var state) && state.IsDual;
            }
            else
            {
                result = false;
                foreach (var child in TypeWalk.Children(def.Kind))
                    if (child.IsId && _resolve.Types.Contains(child.Id) && IsSideDependent(child.Id)) result = true;
            }
            return _sideDependent[id] = result;
        }

        /// <summary>The C# type of values of <paramref name="type"/> in code on <paramref name="side"/>'s side (docs/type-mapping.md).
        /// Recursive over the type's structure, whose depth validation bounded.</summary>
        private CsType CsTypeOf(AbiType type, BindingSide side)
        {
            if (_csTypes.TryGetValue((type, side), out var known)) return known;
            CsType cs = type.Kind switch
            {
                AbiTypeKind.Bool => new CsPrimitiveType(CsPrimitive.Bool),
                AbiTypeKind.S8 => new CsPrimitiveType(CsPrimitive.SByte),
                AbiTypeKind.U8 => new CsPrimitiveType(CsPrimitive.Byte),
                AbiTypeKind.S16 => new CsPrimitiveType(CsPrimitive.Short),
                AbiTypeKind.U16 => new CsPrimitiveType(CsPrimitive.UShort),
                AbiTypeKind.S32 => new CsPrimitiveType(CsPrimitive.Int),
                AbiTypeKind.U32 => new CsPrimitiveType(CsPrimitive.UInt),
                AbiTypeKind.S64 => new CsPrimitiveType(CsPrimitive.Long),
                AbiTypeKind.U64 => new CsPrimitiveType(CsPrimitive.ULong),
                AbiTypeKind.F32 => new CsPrimitiveType(CsPrimitive.Float),
                AbiTypeKind.F64 => new CsPrimitiveType(CsPrimitive.Double),
                AbiTypeKind.Char => new CsPrimitiveType(CsPrimitive.Rune),
                AbiTypeKind.String => new CsPrimitiveType(CsPrimitive.String),
                AbiTypeKind.List or AbiTypeKind.FixedList => new CsArrayType(CsTypeOf(type.Element!, side)),
                AbiTypeKind.Map => new CsDictionaryType(CsTypeOf(type.Key!, side), CsTypeOf(type.Value!, side)),
                AbiTypeKind.Tuple => new CsTupleType(ValueArray.From(type.Fields.Select(f => CsTypeOf(f.Type, side)))),
                // option<option<T>> keeps "none" and "some(none)" apart with the runtime's Option<T>
                AbiTypeKind.Option => type.Cases[1].Type!.Kind == AbiTypeKind.Option
                    ? new CsOptionType(CsTypeOf(type.Cases[1].Type!, side))
                    : new CsNullableType(CsTypeOf(type.Cases[1].Type!, side)),
                AbiTypeKind.Result => new CsResultType(Payload(type.Cases[0].Type, side), Payload(type.Cases[1].Type, side)),
                AbiTypeKind.Record or AbiTypeKind.Variant or AbiTypeKind.Enum or AbiTypeKind.Flags => new CsDeclaredType(DeclarationName(Origin(type), side)),
                AbiTypeKind.Own or AbiTypeKind.Borrow => new CsDeclaredType(DeclarationName(ResourceOf(type), side)),
                AbiTypeKind.Future or AbiTypeKind.Stream or AbiTypeKind.ErrorContext => AsyncCsType(type, side),
                _ => throw Fail(WitParser.Text.Span.Unknown, "`" + type + "` is not supported by the C# guest bindings"),
            };
            _csTypes[(type, side)] = cs;
            return cs;
        }

        /// <summary>Computes the C# type of every node the printed plans can meet, on the side each is printed for,
        /// so the finished <see cref="TypeProjection"/> answers every question a printer asks.</summary>
        private void ProjectAll(IEnumerable<FunctionBinding> functions, CodecSet codecs)
        {
            var seen = new HashSet<(AbiType, BindingSide)>();
            var stack = new Stack<(AbiType, BindingSide)>();
            foreach (var f in functions)
            {
                foreach (var p in f.Plan.Function.Params) stack.Push((p.Type, f.Context));
                if (f.Plan.Function.Result is { } result) stack.Push((result, f.Context));
            }
            foreach (var codec in codecs.World.Concat(codecs.Interfaces.Values.SelectMany(l => l))) stack.Push((codec.Type, codec.Context));
            while (stack.Count > 0)
            {
                var (type, side) = stack.Pop();
                if (!seen.Add((type, side))) continue;
                CsTypeOf(type, side);
                foreach (var child in type.Children()) stack.Push((child, side));
            }
        }

        /// <summary>A result's payload, or <c>ValueTuple</c> when absent.</summary>
        private CsType Payload(AbiType? type, BindingSide side) => type is null ? CsTupleType.Unit : CsTypeOf(type, side);

        private TypeId Origin(AbiType type) => type.Origin ?? throw Fail(WitParser.Text.Span.Unknown, "internal: no WIT type for " + type);

        private TypeId ResourceOf(AbiType handle) => handle.Resource ?? throw Fail(WitParser.Text.Span.Unknown, "internal: no resource for " + handle);

        /// <summary>Fields whose C# type compares by reference (arrays, dictionaries) need generated equality.</summary>
        private static bool NeedsDeepEquality(AbiType type) => type.Kind switch
        {
            AbiTypeKind.List or AbiTypeKind.FixedList or AbiTypeKind.Map => true,
            AbiTypeKind.Tuple => type.Fields.Any(f => NeedsDeepEquality(f.Type)),
            AbiTypeKind.Option => NeedsDeepEquality(type.Cases[1].Type!),
            _ => false,
        };

        private static readonly string[] RecordReserved =
            { "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize", "Clone" };

        /// <summary>The declarations of every named type of the world, per projection (world-level ones in <see cref="_worldTypes"/>).
        /// Resource declarations get their functions later (<see cref="BindFunctions"/>).</summary>
        private void DeclareTypes()
        {
            foreach (var state in _interfaces)
            {
                foreach (var typeId in state.Interface.Types.Values)
                {
                    if (!IsDeclared(typeId)) continue;
                    state.Types.Add(Declare(typeId, state.PrimarySide));
                    if (state.IsDual && IsSideDependent(typeId)) state.ExportTypes.Add(Declare(typeId, BindingSide.Export));
                }
            }
            var world = new List<TypeDeclaration>();
            foreach (var item in _world.Imports.Values.Concat(_world.Exports.Values))
            {
                if (item is TypeWorldItem t && IsDeclared(t.Id) && !_declarationsBySide.ContainsKey((t.Id, BindingSide.Import)))
                    world.Add(Declare(t.Id, BindingSide.Import));
            }
            _worldTypes = world;
        }

        private readonly Dictionary<(TypeId, BindingSide), ResourceDeclaration> _resources = new();

        private TypeDeclaration Declare(TypeId id, BindingSide projection)
        {
            var def = _resolve.Types[id];
            var name = _declarationNames[(id, projection)];
            var abi = _abi.Type(id);
            TypeDeclaration declaration;
            switch (def.Kind)
            {
                case RecordKind record:
                {
                    var scope = new NameScope(name.Simple, RecordReserved);
                    var fields = record.Fields.Select((f, i) => new FieldBinding(f.Name, scope.Claim(CSharpNames.Pascal(f.Name)),
                        CsTypeOf(abi.Fields[i].Type, projection), Docs(f.Docs), NeedsDeepEquality(abi.Fields[i].Type))).ToList();
                    declaration = new RecordDeclaration(id, projection, name, def.Name!, Docs(def.Docs), def.Span, ValueArray.From(fields), fields.Any(f => f.DeepEquality));
                    break;
                }
                case VariantKind variant:
                {
                    var scope = new NameScope(name.Simple, RecordReserved);
                    var cases = variant.Cases.Select((c, i) => new CaseBinding(c.Name, scope.Claim(CSharpNames.Pascal(c.Name)),
                        abi.Cases[i].Type is { } payload ? CsTypeOf(payload, projection) : null, Docs(c.Docs),
                        abi.Cases[i].Type is { } p && NeedsDeepEquality(p))).ToList();
                    // the payload property: "Value", unless a case class takes that name (the property would be named like
                    // its record, CS0542); then "Payload", "Item", else the scope's next free name
                    string property = new[] { "Value", "Payload", "Item" }.FirstOrDefault(n => cases.All(c => c.ClassName != n)) ?? scope.Claim("Value");
                    declaration = new VariantDeclaration(id, projection, name, def.Name!, Docs(def.Docs), def.Span, ValueArray.From(cases), property);
                    break;
                }
                case EnumKind @enum:
                {
                    var scope = new NameScope(name.Simple);
                    var members = @enum.Cases.Select((c, i) => new EnumMember(c.Name, scope.Claim(CSharpNames.Pascal(c.Name)), i, Docs(c.Docs)));
                    declaration = new EnumDeclaration(id, projection, name, def.Name!, Docs(def.Docs), def.Span, Underlying(abi.Layout.DiscriminantSize), false, ValueArray.From(members));
                    break;
                }
                case FlagsKind flags:
                {
                    var scope = new NameScope(name.Simple);
                    var members = flags.Flags.Select((f, i) => new EnumMember(f.Name, scope.Claim(CSharpNames.Pascal(f.Name)), 1L << i, Docs(f.Docs)));
                    declaration = new EnumDeclaration(id, projection, name, def.Name!, Docs(def.Docs), def.Span, Underlying((int)abi.Layout.Size), true, ValueArray.From(members));
                    break;
                }
                case ResourceKind:
                    declaration = DeclareResource(id, projection, name, def);
                    break;
                default:
                    throw Fail(def.Span, "internal: `" + def.Name + "` has no declaration");
            }
            if (Deprecation(def.Stability, "type", TypeMessageName(def)) is { } obsolete)
            {
                declaration = declaration with { Obsolete = obsolete };
                if (declaration is ResourceDeclaration resource) _resources[(id, projection)] = resource;
            }
            Register(id, projection, declaration);
            return declaration;
        }

        /// <summary>Makes a declaration the one code on each side sees when it is that side's projection.</summary>
        private void Register(TypeId id, BindingSide projection, TypeDeclaration declaration)
        {
            foreach (var side in new[] { BindingSide.Import, BindingSide.Export })
                if (ProjectionSide(id, side) == projection) _declarationsBySide[(id, side)] = declaration;
        }

        private static CsPrimitive Underlying(int size) => size switch { 1 => CsPrimitive.Byte, 2 => CsPrimitive.UShort, _ => CsPrimitive.UInt };

        /// <summary>The module a resource's canonical built-ins are imported from: its interface (or <c>$root</c>), or
        /// <c>[export]</c> + the interface for an exported resource.</summary>
        private string ResourceModule(TypeId id, BindingSide projection)
        {
            var def = _resolve.Types[id];
            string module = def.Owner.TryGetInterface(out var owner) && _byId.TryGetValue(owner, out var state) ? state.ModuleName : "$root";
            return projection == BindingSide.Export ? "[export]" + module : module;
        }

        private ResourceDeclaration DeclareResource(TypeId id, BindingSide projection, CsName name, TypeDef def)
        {
            string module = ResourceModule(id, projection);
            string exportName = projection == BindingSide.Export ? module.Substring("[export]".Length) : module;
            var drop = CanonicalBuiltin.ResourceDrop(module, def.Name!);
            _builtins.Add(drop);
            if (projection == BindingSide.Import)
            {
                var imported = WithHost(new ResourceDeclaration(id, projection, name, def.Name!, Docs(def.Docs), def.Span, exportName, ValueArray<FunctionBinding>.Empty,
                    drop, null, null, null, null));
                _resources[(id, projection)] = imported;
                return imported;
            }
            var @new = CanonicalBuiltin.ResourceNew(module, def.Name!);
            var rep = CanonicalBuiltin.ResourceRep(module, def.Name!);
            var dtor = CanonicalBuiltin.Destructor(exportName, def.Name!);
            _builtins.Add(@new);
            _builtins.Add(rep);
            _builtins.Add(dtor);
            var owner = _byId[def.Owner.Interface];
            string shim = _worldScope.Claim("__Dtor_" + owner.Class.Simple + "_" + name.Simple);
            var exported = new ResourceDeclaration(id, projection, name, def.Name!, Docs(def.Docs), def.Span, exportName, ValueArray<FunctionBinding>.Empty,
                drop, @new, rep, dtor, shim);
            _resources[(id, projection)] = exported;
            return exported;
        }

        /// <summary>Puts the bound functions into the resource declarations (replacing the ones registered without them).</summary>
        private void AttachResourceFunctions(Dictionary<(TypeId, BindingSide), List<FunctionBinding>> functions)
        {
            // where each declaration to replace sits (the first of its key in each list), found in one pass: a
            // search of every list per resource grows with the square of the world's size
            var places = new Dictionary<(TypeId, BindingSide), List<(List<TypeDeclaration> List, int Index)>>();
            foreach (var state in _interfaces)
            {
                Find(state.Types);
                Find(state.ExportTypes);
            }
            Find(_worldTypes);

            foreach (var pair in functions)
            {
                var (id, projection) = pair.Key;
                var updated = WithHost(_resources[(id, projection)] with { Functions = ValueArray.From(pair.Value) });
                _resources[(id, projection)] = updated;
                Register(id, projection, updated);
                if (!places.TryGetValue(pair.Key, out var found)) continue;
                foreach (var (list, index) in found) list[index] = updated;
            }

            void Find(List<TypeDeclaration> list)
            {
                HashSet<(TypeId, BindingSide)>? seen = null;
                for (int i = 0; i < list.Count; i++)
                {
                    var key = (list[i].Origin, list[i].Side);
                    if (!functions.ContainsKey(key) || !(seen ??= new()).Add(key)) continue;
                    if (!places.TryGetValue(key, out var found)) places.Add(key, found = new());
                    found.Add((list, i));
                }
            }
        }

        private List<TypeDeclaration> _worldTypes = new();
    }
}

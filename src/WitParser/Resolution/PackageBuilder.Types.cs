using System.Collections.Generic;
using System.Text;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

internal sealed partial class PackageBuilder
{
    /// <summary>
    /// Defines the types of an interface or world: first the names brought in by `use`, then the type
    /// definitions in dependency order (which also reports cycles and unknown names).
    /// </summary>
    private void ResolveTypes<TItem>(TypeOwner owner, IReadOnlyList<TItem> items) where TItem : class
    {
        _useStandInNames?.Clear();
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is UseSyntax use) ResolveUse(owner, use, items);
        }

        // Scratch tables reused from one interface or world to the next (this is not re-entered: the items handled
        // here hold no interface or world bodies).
        var typeDeps = _typeDepsScratch;
        var typeDefs = _typeDefsScratch;
        typeDeps.Clear();
        typeDefs.Clear();
        List<TypeDefSyntax>? unnamed = null;
        var scratch = _depsScratch;
        for (int i = 0; i < items.Count; i++)
        {
            switch (items[i])
            {
                case TypeDefSyntax def:
                {
                    if (def.Name.IsMissing || typeDefs.ContainsKey(def.Name.Name))
                    {
                        if (!def.Name.IsMissing) _errors.Error($"name `{def.Name.Name}` is defined more than once", def.Name.Span);
                        (unnamed ??= new List<TypeDefSyntax>()).Add(def);
                        break;
                    }
                    typeDefs.Add(def.Name.Name, def);
                    scratch.Clear();
                    CollectDeps(def.Type, scratch);
                    // Most definitions depend on no other name here: they share one empty (never changed) list.
                    typeDeps[def.Name.Name] = scratch.Count == 0 ? NoDeps : scratch.ToArray();
                    break;
                }
                case UseSyntax use:
                    foreach (var useName in use.Names)
                    {
                        var name = useName.As ?? useName.Name;
                        if (name.IsMissing) continue;
                        // Like wit-parser's map insert: a repeated name keeps its position, the value is replaced.
                        typeDeps[name.Name] = NoDeps;
                        typeDefs[name.Name] = null;
                        if (_useStandInNames != null && useName.As == null && _useStandInNames.TryGetValue(useName.Name.Span.Start, out var meant))
                        {
                            typeDeps[meant] = NoDeps;
                            typeDefs[meant] = null;
                        }
                    }
                    break;
            }
        }

        var order = InterfaceToposort.Sort("type", typeDeps, _errors, OldFloatHint);
        _pendingTypeNames = _pendingTypeNamesScratch;
        _pendingTypeNames.Clear();
        foreach (var pair in typeDefs)
        {
            if (pair.Value != null) _pendingTypeNames.Add(pair.Key);
        }
        foreach (var name in order)
        {
            var def = typeDefs[name];
            if (def == null) continue;
            _pendingTypeNames.Remove(name);
            var (id, symbol) = DefineType(owner, def, member: true);
            DefineInterfaceName(def.Name, new NameEntry(id, def.Name.Span, symbol));
        }
        // A definition whose name is taken is still checked (and indexed), but not named.
        if (unnamed != null)
        {
            foreach (var def in unnamed) DefineType(owner, def, member: false);
        }
        _pendingTypeNames.Clear();
        _pendingTypeNames = null;
        typeDeps.Clear();
        typeDefs.Clear();
    }

    private readonly OrderedMap<string, NameRef[]> _typeDepsScratch = new();
    private readonly OrderedMap<string, TypeDefSyntax?> _typeDefsScratch = new();
    private readonly HashSet<string> _pendingTypeNamesScratch = new();

    private (TypeId Id, WitSymbol? Symbol) DefineType(TypeOwner owner, TypeDefSyntax def, bool member)
    {
        var docs = Docs(def.Docs);
        var stability = Stability(def.Attributes);
        var externalId = ExternalId(def.Attributes);
        WitSymbol? symbol = null;
        if (_symbols != null && !def.Name.IsMissing)
        {
            var kind = def.Type switch
            {
                RecordTypeSyntax => WitSymbolKind.Record,
                VariantTypeSyntax => WitSymbolKind.Variant,
                EnumTypeSyntax => WitSymbolKind.Enum,
                FlagsTypeSyntax => WitSymbolKind.Flags,
                ResourceTypeSyntax => WitSymbolKind.Resource,
                _ => WitSymbolKind.TypeAlias,
            };
            symbol = _symbols.Define(kind, def.Name.Name, def.Name.Span, def.Span, _scopeSymbol, docs.Contents, stability, member);
        }
        var typeKind = ResolveTypeDef(def.Type, stability, symbol);
        var id = _types.Alloc(new TypeDef(def.Name.Name, typeKind, owner)
        {
            Docs = docs,
            Stability = stability,
            Span = def.Name.Span,
            ExternalId = externalId,
        });
        if (symbol != null) _packageSymbols!.Link(symbol, LocalLinkKind.Type, id.Index);
        return (id, symbol);
    }

    /// <summary>Compares syntax nodes by identity (records otherwise compare by value).</summary>
    private sealed class ReferenceComparer : IEqualityComparer<ResourceFuncSyntax>
    {
        public static readonly ReferenceComparer Instance = new();
        public bool Equals(ResourceFuncSyntax? x, ResourceFuncSyntax? y) => ReferenceEquals(x, y);
        public int GetHashCode(ResourceFuncSyntax obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private static readonly NameRef[] NoDeps = System.Array.Empty<NameRef>();
    private readonly List<NameRef> _depsScratch = new();

    private static string? OldFloatHint(string name)
    {
        string? renamed = name switch
        {
            "float32" => "f32",
            "float64" => "f64",
            _ => null,
        };
        return renamed == null
            ? null
            : $"the `{name}` type has been renamed to `{renamed}` and is no longer accepted, but the " +
              "`WIT_REQUIRE_F32_F64=0` environment variable can be used to temporarily disable this error";
    }

    /// <summary>`use iface.{a, b as c};`: defines aliases of the interface's types (of error types for names that
    /// do not resolve, so uses of them are not errors again).</summary>
    private void ResolveUse<TItem>(TypeOwner owner, UseSyntax use, IReadOnlyList<TItem> items) where TItem : class
    {
        var resolved = ResolveAstItemPath(use.From, PathTarget.Interface);
        RecordPath(use.From, resolved?.Recorded, WitReferenceKind.Interface);
        InterfaceId? from = resolved is { } r ? ExtractInterface(r.Item, r.Name, r.Span) : null;
        var stability = Stability(use.Attributes);
        var externalId = ExternalId(use.Attributes);
        // An interface of this package that is not resolved yet is in a reported `use` cycle.
        bool silent = from is { } f && !_interfaceResolved[f.Index] && !_foreignInterfaces.Contains(f);

        foreach (var useName in use.Names)
        {
            if (useName.Name.IsMissing || useName.As is { IsMissing: true }) continue;
            var name = useName.As ?? useName.Name;
            WitType target;
            string? standInName = null;
            WitSymbol? targetSymbol = null;
            if (from is { } source && !silent && _interfaceTypes[source.Index].TryGetValue(useName.Name.Name, out var entry))
            {
                targetSymbol = entry.Symbol;
                if (entry.IsType) target = WitType.Of(entry.Type);
                else
                {
                    _errors.Error($"cannot import {entry.ItemKind} `{useName.Name.Name}`", useName.Name.Span);
                    target = ErrorType(useName.Name.Name, useName.Name.Span);
                }
            }
            else if (from is { } source2 && !silent)
            {
                var types = _interfaceTypes[source2.Index];
                var suggestion = NameSuggestion.Nearest(useName.Name.Name, TypeNames(types, null));
                _errors.Add(InterfaceToposort.NotFound("name", useName.Name.Name, useName.Name.Span, suggestion: suggestion));
                if (suggestion != null && _errors.StandIn(useName.Name.Span, useName.Name.Name, suggestion, "type"))
                {
                    target = WitType.Of(types[suggestion].Type);
                    // Without `as`, the rest of the interface may use the name as written or the name meant (when the
                    // definition is what is misspelled, or the `use`): both are defined, unless the second is taken.
                    if (useName.As == null && !_typeLookup.ContainsKey(suggestion) && !DefinesType(items, suggestion))
                    {
                        standInName = suggestion;
                    }
                }
                else
                {
                    target = ErrorType(useName.Name.Name, useName.Name.Span);
                }
            }
            else
            {
                target = ErrorType(useName.Name.Name, useName.Name.Span);
            }
            var id = _types.Alloc(new TypeDef(name.Name, new AliasKind(target), owner)
            {
                Stability = stability,
                Span = useName.Name.Span,
                ExternalId = externalId,
            });

            WitSymbol? symbol = null;
            if (_symbols != null)
            {
                var fromItem = resolved?.Recorded;
                RecordMemberReference(useName.Name.Span, WitReferenceKind.UsedName, fromItem, useName.Name.Name, targetSymbol);
                var written = useName.As ?? useName.Name;
                symbol = _symbols.Define(WitSymbolKind.Use, written.Name, written.Span, useName.Span, _scopeSymbol, null, stability);
                symbol.AliasOf = targetSymbol;
                if (targetSymbol == null && fromItem is { } item && _foreignNames.TryGetValue(item, out var foreign))
                {
                    _symbols.ForeignAlias(symbol, new ForeignName(foreign.Package, foreign.Item, useName.Name.Name));
                }
                _packageSymbols!.Link(symbol, LocalLinkKind.Type, id.Index);
            }
            DefineInterfaceName(name, new NameEntry(id, name.Span, symbol));
            if (standInName != null)
            {
                var meant = _types.Alloc(new TypeDef(standInName, new AliasKind(target), owner) { Stability = stability, Span = useName.Name.Span });
                DefineInterfaceName(new Identifier(name.Span, standInName), new NameEntry(meant, name.Span, null));
                (_useStandInNames ??= new Dictionary<int, string>())[useName.Name.Span.Start] = standInName;
            }
        }
    }

    private static bool DefinesType<TItem>(IReadOnlyList<TItem> items, string name) where TItem : class
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is TypeDefSyntax def && def.Name.Name == name) return true;
        }
        return false;
    }

    /// <summary>The names defined in place of misspelled ones by the `use`s of the interface or world being resolved
    /// (by the start of the name as written), or null.</summary>
    private Dictionary<int, string>? _useStandInNames;

    /// <summary>Adds a name to the interface or world being resolved; false (with an error) when it is taken.</summary>
    private bool DefineInterfaceName(Identifier name, NameEntry entry)
    {
        if (_typeLookup.ContainsKey(name.Name))
        {
            _errors.Error($"name `{name.Name}` is defined more than once", name.Span);
            return false;
        }
        _typeLookup.Add(name.Name, entry);
        return true;
    }

    /// <summary>The names of the types among <paramref name="names"/>, and <paramref name="pending"/> (type names
    /// declared but not defined yet): what a misspelled type name is compared with (<see cref="NameSuggestion"/>).</summary>
    private static IEnumerable<string> TypeNames(OrderedMap<string, NameEntry> names, HashSet<string>? pending)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names.ValueAt(i).IsType) yield return names.KeyAt(i);
        }
        if (pending == null) yield break;
        foreach (var name in pending) yield return name;
    }

    /// <summary>A type standing for a name that did not resolve (its error is reported, or is a consequence of
    /// one): of <see cref="UnknownKind"/>, without owner.</summary>
    private WitType ErrorType(string name, Span span) =>
        WitType.Of(_types.Alloc(new TypeDef(name, new UnknownKind(), TypeOwner.None) { Span = span }));

    private bool IsErrorType(WitType type) =>
        type.TryGetId(out var id) && _types[id] is { Kind: UnknownKind, Owner.IsNone: true };

    /// <summary>The structure of a type expression (named definitions and anonymous types alike).</summary>
    /// <param name="symbol">The symbol of the named definition whose fields, cases or flags these are.</param>
    private TypeDefKind ResolveTypeDef(TypeSyntax type, Model.Stability stability, WitSymbol? symbol = null)
    {
        switch (type)
        {
            case PrimitiveTypeSyntax primitive:
                return new AliasKind(Primitive(primitive.Kind));
            case NamedTypeSyntax named:
                return new AliasKind(WitType.Of(ResolveTypeName(named.Name)));
            case ListTypeSyntax list:
                return new ListKind(ResolveType(list.Element, stability));
            case MapTypeSyntax map:
            {
                var key = ResolveType(map.Key, stability);
                var value = ResolveType(map.Value, stability);
                ValidateMapKey(key, map.Span);
                return new MapKind(key, value);
            }
            case FixedLengthListTypeSyntax fixedList:
                return new FixedSizeListKind(ResolveType(fixedList.Element, stability), fixedList.Size);
            case HandleTypeSyntax handle:
                return new Model.HandleKind(
                    handle.Kind == Syntax.HandleKind.Own ? HandleOwnership.Own : HandleOwnership.Borrow,
                    ValidateResource(handle.Resource));
            case ResourceTypeSyntax resource:
            {
                // At most one constructor, and method/static names are unique (resources have few functions).
                int constructors = 0;
                var funcs = resource.Funcs;
                for (int i = 0; i < funcs.Count; i++)
                {
                    var func = funcs[i];
                    bool duplicate;
                    if (func.Kind == ResourceFuncKind.Constructor)
                    {
                        duplicate = ++constructors > 1;
                        if (duplicate) _errors.Error("duplicate constructors", func.Func.Name.Span);
                    }
                    else
                    {
                        duplicate = false;
                        for (int j = 0; j < i && !duplicate && !func.Func.Name.IsMissing; j++)
                        {
                            duplicate = funcs[j].Kind != ResourceFuncKind.Constructor && funcs[j].Func.Name.Name == func.Func.Name.Name;
                        }
                        if (duplicate) _errors.Error($"duplicate function name `{func.Func.Name.Name}`", func.Func.Name.Span);
                    }
                    if (duplicate) (_duplicateResourceFuncs ??= new HashSet<ResourceFuncSyntax>(ReferenceComparer.Instance)).Add(func);
                }
                return new ResourceKind();
            }
            case RecordTypeSyntax record:
            {
                var fields = new List<Field>(record.Fields.Count);
                foreach (var field in record.Fields)
                {
                    var fieldDocs = Docs(field.Docs);
                    if (field.Name.IsMissing)
                    {
                        ResolveType(field.Type, stability);
                        continue;
                    }
                    _symbols?.Define(WitSymbolKind.Field, field.Name.Name, field.Name.Span, field.Span, symbol, fieldDocs.Contents);
                    fields.Add(new Field(field.Name.Name, default)
                    {
                        Docs = fieldDocs,
                        Span = field.Name.Span,
                    });
                    fields[fields.Count - 1].Type = ResolveType(field.Type, stability);
                }
                return new RecordKind(fields);
            }
            case FlagsTypeSyntax flags:
            {
                var list = new List<Flag>(flags.Flags.Count);
                foreach (var flag in flags.Flags)
                {
                    if (flag.Name.IsMissing) continue;
                    var flagDocs = Docs(flag.Docs);
                    _symbols?.Define(WitSymbolKind.Flag, flag.Name.Name, flag.Name.Span, flag.Span, symbol, flagDocs.Contents);
                    list.Add(new Flag(flag.Name.Name) { Docs = flagDocs, Span = flag.Name.Span });
                }
                return new FlagsKind(list);
            }
            case TupleTypeSyntax tuple:
            {
                var types = new List<WitType>(tuple.Types.Count);
                foreach (var element in tuple.Types) types.Add(ResolveType(element, stability));
                return new TupleKind(types);
            }
            case VariantTypeSyntax variant:
            {
                if (variant.Cases.Count == 0) _errors.Error("empty variant", variant.Span);
                var cases = new List<Case>(variant.Cases.Count);
                foreach (var @case in variant.Cases)
                {
                    var docs = Docs(@case.Docs);
                    if (!@case.Name.IsMissing)
                    {
                        _symbols?.Define(WitSymbolKind.VariantCase, @case.Name.Name, @case.Name.Span, @case.Span, symbol, docs.Contents);
                    }
                    var payload = ResolveOptionalType(@case.Type, stability);
                    if (@case.Name.IsMissing) continue;
                    cases.Add(new Case(@case.Name.Name, payload) { Docs = docs, Span = @case.Name.Span });
                }
                return new VariantKind(cases);
            }
            case EnumTypeSyntax @enum:
            {
                if (@enum.Cases.Count == 0) _errors.Error("empty enum", @enum.Span);
                var cases = new List<EnumCase>(@enum.Cases.Count);
                foreach (var @case in @enum.Cases)
                {
                    if (@case.Name.IsMissing) continue;
                    var caseDocs = Docs(@case.Docs);
                    _symbols?.Define(WitSymbolKind.EnumCase, @case.Name.Name, @case.Name.Span, @case.Span, symbol, caseDocs.Contents);
                    cases.Add(new EnumCase(@case.Name.Name) { Docs = caseDocs, Span = @case.Name.Span });
                }
                return new EnumKind(cases);
            }
            case OptionTypeSyntax option:
                return new OptionKind(ResolveType(option.Type, stability));
            case ResultTypeSyntax result:
            {
                var ok = ResolveOptionalType(result.Ok, stability);
                var err = ResolveOptionalType(result.Err, stability);
                return new ResultKind(ok, err);
            }
            case FutureTypeSyntax future:
                return new FutureKind(ResolveOptionalType(future.Type, stability));
            case StreamTypeSyntax stream:
                return new StreamKind(ResolveOptionalType(stream.Type, stability));
            default:
                // Only produced alongside a syntax error (already reported).
                return new AliasKind(ErrorType("<error>", type.Span));
        }
    }

    private static WitType Primitive(PrimitiveTypeKind kind) => kind switch
    {
        PrimitiveTypeKind.Bool => WitType.Bool,
        PrimitiveTypeKind.U8 => WitType.U8,
        PrimitiveTypeKind.U16 => WitType.U16,
        PrimitiveTypeKind.U32 => WitType.U32,
        PrimitiveTypeKind.U64 => WitType.U64,
        PrimitiveTypeKind.S8 => WitType.S8,
        PrimitiveTypeKind.S16 => WitType.S16,
        PrimitiveTypeKind.S32 => WitType.S32,
        PrimitiveTypeKind.S64 => WitType.S64,
        PrimitiveTypeKind.F32 => WitType.F32,
        PrimitiveTypeKind.F64 => WitType.F64,
        PrimitiveTypeKind.Char => WitType.Char,
        PrimitiveTypeKind.String => WitType.String,
        _ => WitType.ErrorContext,
    };

    /// <summary>The type a name refers to in the interface or world being resolved; an error type (with the error
    /// reported unless it is a consequence of an earlier one) when there is none.</summary>
    private TypeId ResolveTypeName(Identifier name)
    {
        if (name.IsMissing) return ErrorType(name.Name, name.Span).Id;
        if (!_typeLookup.TryGetValue(name.Name, out var entry))
        {
            _symbols?.Reference(name.Span, WitReferenceKind.Type, null);
            // A name declared here but not defined yet is part of a reported cycle.
            if (_pendingTypeNames?.Contains(name.Name) == true) return ErrorType(name.Name, name.Span).Id;
            // The same candidates as the type toposort's (which may have reported this name already): the types
            // defined here so far and those still to come; only one already defined can stand in.
            var suggestion = NameSuggestion.Nearest(name.Name, TypeNames(_typeLookup, _pendingTypeNames));
            _errors.Add(InterfaceToposort.NotFound("name", name.Name, name.Span, suggestion: suggestion));
            if (suggestion != null && _typeLookup.TryGetValue(suggestion, out var standIn)
                && _errors.StandIn(name.Span, name.Name, suggestion, "type"))
            {
                return standIn.Type;
            }
            return ErrorType(name.Name, name.Span).Id;
        }
        _symbols?.Reference(name.Span, WitReferenceKind.Type, entry.Symbol);
        if (!entry.IsType)
        {
            _errors.Error($"cannot use {entry.ItemKind} `{name.Name}` as a type", name.Span);
            return ErrorType(name.Name, name.Span).Id;
        }
        return entry.Type;
    }

    /// <summary>The target of `own`/`borrow`: must be a resource (through aliases), or a foreign type that
    /// is then required to turn out to be one.</summary>
    private TypeId ValidateResource(Identifier name)
    {
        var id = ResolveTypeName(name);
        var current = id;
        while (true)
        {
            if (IsErrorType(WitType.Of(current))) return id;
            switch (_types[current].Kind)
            {
                case ResourceKind:
                    return id;
                case AliasKind { Target: { Kind: WitTypeKind.Id } target }:
                    current = target.Id;
                    continue;
                case UnknownKind:
                    _requiredResourceTypes.Add((current, name.Span));
                    return id;
                default:
                    _errors.Error($"type `{name.Name}` used in a handle must be a resource", name.Span);
                    return ErrorType(name.Name, name.Span).Id;
            }
        }
    }

    /// <summary>
    /// An anonymous type without its own stability inherits the first known stability of the types it
    /// refers to directly (e.g. `option&lt;T&gt;` gets T's).
    /// </summary>
    private Model.Stability FindStability(TypeDefKind kind, Model.Stability stability)
    {
        if (!stability.IsUnknown) return stability;
        return FindInKind(kind) ?? Model.Stability.Unknown;

        Model.Stability? FindInType(WitType? type)
        {
            if (type is not { Kind: WitTypeKind.Id } t) return null;
            var found = _types[t.Id].Stability;
            return found.IsUnknown ? null : found;
        }

        Model.Stability? FindInKind(TypeDefKind k)
        {
            switch (k)
            {
                case AliasKind alias:
                    return FindInType(alias.Target);
                case Model.HandleKind handle:
                    return FindInType(WitType.Of(handle.Resource));
                case TupleKind tuple:
                    foreach (var t in tuple.Types)
                    {
                        if (FindInType(t) is { } s) return s;
                    }
                    return null;
                case ListKind list:
                    return FindInType(list.Element);
                case FixedSizeListKind fixedList:
                    return FindInType(fixedList.Element);
                case OptionKind option:
                    return FindInType(option.Type);
                case MapKind map:
                    return FindInType(map.Key) ?? FindInType(map.Value);
                case FutureKind future:
                    return FindInType(future.Payload);
                case StreamKind stream:
                    return FindInType(stream.Payload);
                case ResultKind result:
                    return FindInType(result.Ok) ?? FindInType(result.Err);
                default:
                    // Named kinds (resource, record, variant, flags, enum) carry their own stability.
                    return null;
            }
        }
    }

    /// <summary>A type expression used somewhere (a field's, a parameter's…): a primitive, a named type, or an
    /// anonymous definition interned by structure (equal structures share one <see cref="TypeId"/>, the first
    /// occurrence giving its span and stability). Nothing is allocated for a structure seen before.</summary>
    private WitType ResolveType(TypeSyntax type, Model.Stability stability)
    {
        switch (type)
        {
            case PrimitiveTypeSyntax primitive:
                return Primitive(primitive.Kind);
            case NamedTypeSyntax named:
                return WitType.Of(ResolveTypeName(named.Name));
            case HandleTypeSyntax handle:
            {
                var resource = ValidateResource(handle.Resource);
                // `own<T>` is the same as a plain reference to T.
                if (handle.Kind == Syntax.HandleKind.Own) return WitType.Of(resource);
                return Intern(new AnonKey(AnonShape.Borrow, WitType.Of(resource)), type.Span, stability);
            }
            case ListTypeSyntax list:
                return Intern(new AnonKey(AnonShape.List, ResolveType(list.Element, stability)), type.Span, stability);
            case FixedLengthListTypeSyntax fixedList:
                return Intern(new AnonKey(AnonShape.FixedList, ResolveType(fixedList.Element, stability), size: fixedList.Size), type.Span, stability);
            case OptionTypeSyntax option:
                return Intern(new AnonKey(AnonShape.Option, ResolveType(option.Type, stability)), type.Span, stability);
            case ResultTypeSyntax result:
            {
                var ok = ResolveOptionalType(result.Ok, stability);
                var err = ResolveOptionalType(result.Err, stability);
                return Intern(new AnonKey(AnonShape.Result, ok, err), type.Span, stability);
            }
            case FutureTypeSyntax future:
                return Intern(new AnonKey(AnonShape.Future, ResolveOptionalType(future.Type, stability)), type.Span, stability);
            case StreamTypeSyntax stream:
                return Intern(new AnonKey(AnonShape.Stream, ResolveOptionalType(stream.Type, stability)), type.Span, stability);
            case MapTypeSyntax map:
            {
                var key = ResolveType(map.Key, stability);
                var value = ResolveType(map.Value, stability);
                ValidateMapKey(key, map.Span);
                return Intern(new AnonKey(AnonShape.Map, key, value), type.Span, stability);
            }
            case TupleTypeSyntax tuple:
            {
                var types = new WitType[tuple.Types.Count];
                for (int i = 0; i < types.Length; i++) types[i] = ResolveType(tuple.Types[i], stability);
                return Intern(new AnonKey(types), type.Span, stability);
            }
            case ErrorTypeSyntax:
                // Only produced alongside a syntax error (already reported).
                return ErrorType("<error>", type.Span);
            default:
                // Named kinds (record, variant, …) never appear in type expressions.
                throw new System.InvalidOperationException("unexpected anonymous type " + type.GetType().Name);
        }
    }

    private WitType? ResolveOptionalType(TypeSyntax? type, Model.Stability stability) =>
        type == null ? null : ResolveType(type, stability);

    private void ValidateMapKey(WitType key, Span span)
    {
        switch (key.Kind)
        {
            case WitTypeKind.Bool:
            case WitTypeKind.U8:
            case WitTypeKind.U16:
            case WitTypeKind.U32:
            case WitTypeKind.U64:
            case WitTypeKind.S8:
            case WitTypeKind.S16:
            case WitTypeKind.S32:
            case WitTypeKind.S64:
            case WitTypeKind.Char:
            case WitTypeKind.String:
                return;
            default:
                if (!IsErrorType(key))
                {
                    _errors.Error(
                        "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string",
                        span);
                }
                return;
        }
    }

    /// <summary>The id of the anonymous type of this structure, allocated on first sight with the kind built from
    /// the key, the span of that occurrence and the stability it inherits.</summary>
    private WitType Intern(in AnonKey key, Span span, Model.Stability stability)
    {
        int shardIndex = _anonShardShift == 32 ? 0 : (int)((uint)key.GetHashCode() * 0x9E3779B9u >> _anonShardShift);
        var shard = _anonTypes[shardIndex] ??= new Dictionary<AnonKey, TypeId>(_anonShardCapacity);
        if (shard.TryGetValue(key, out var existing)) return WitType.Of(existing);
        TypeDefKind kind = key.Shape switch
        {
            AnonShape.Borrow => new Model.HandleKind(HandleOwnership.Borrow, key.A.Id),
            AnonShape.List => new ListKind(key.A),
            AnonShape.FixedList => new FixedSizeListKind(key.A, key.Size),
            AnonShape.Option => new OptionKind(key.A),
            AnonShape.Result => new ResultKind(key.OptionalA, key.OptionalB),
            AnonShape.Future => new FutureKind(key.OptionalA),
            AnonShape.Stream => new StreamKind(key.OptionalA),
            AnonShape.Map => new MapKind(key.A, key.B),
            _ => new TupleKind(new List<WitType>(key.Elements!)),
        };
        var id = _types.Alloc(new TypeDef(null, kind, TypeOwner.None) { Stability = FindStability(kind, stability), Span = span });
        shard.Add(key, id);
        return WitType.Of(id);
    }

    private enum AnonShape : byte
    {
        Borrow,
        List,
        FixedList,
        Option,
        Result,
        Future,
        Stream,
        Map,
        Tuple,
    }

    /// <summary>The structure of an anonymous type, as a dictionary key (no string is built).</summary>
    private readonly struct AnonKey : System.IEquatable<AnonKey>
    {
        public AnonKey(AnonShape shape, WitType? a = null, WitType? b = null, uint size = 0)
        {
            Shape = shape;
            A = a ?? default;
            B = b ?? default;
            Present = (byte)((a.HasValue ? 1 : 0) | (b.HasValue ? 2 : 0));
            Size = size;
            Elements = null;
        }

        public AnonKey(WitType[] elements)
        {
            Shape = AnonShape.Tuple;
            A = default;
            B = default;
            Present = 0;
            Size = (uint)elements.Length;
            Elements = elements;
        }

        public AnonShape Shape { get; }
        public WitType A { get; }
        public WitType B { get; }
        public byte Present { get; }
        public uint Size { get; }
        public WitType[]? Elements { get; }

        public WitType? OptionalA => (Present & 1) != 0 ? A : null;
        public WitType? OptionalB => (Present & 2) != 0 ? B : null;

        public bool Equals(AnonKey other)
        {
            if (Shape != other.Shape || Present != other.Present || Size != other.Size || A != other.A || B != other.B) return false;
            if (Elements == null) return other.Elements == null;
            if (other.Elements == null) return false;
            for (int i = 0; i < Elements.Length; i++)
            {
                if (Elements[i] != other.Elements[i]) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is AnonKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int h = ((int)Shape * 31 + Present) * 31 + (int)Size;
                h = h * 31 + A.GetHashCode();
                h = h * 31 + B.GetHashCode();
                if (Elements != null)
                {
                    foreach (var e in Elements) h = h * 31 + e.GetHashCode();
                }
                return h;
            }
        }
    }

    /// <summary>The dependencies of a type definition on other names of the same interface or world.</summary>
    private static void CollectDeps(TypeSyntax type, List<NameRef> deps)
    {
        switch (type)
        {
            case NamedTypeSyntax named:
                deps.Add(new NameRef(named.Name.Name, named.Name.Span));
                break;
            case HandleTypeSyntax handle:
                deps.Add(new NameRef(handle.Resource.Name, handle.Resource.Span));
                break;
            case RecordTypeSyntax record:
                foreach (var field in record.Fields) CollectDeps(field.Type, deps);
                break;
            case TupleTypeSyntax tuple:
                foreach (var element in tuple.Types) CollectDeps(element, deps);
                break;
            case VariantTypeSyntax variant:
                foreach (var @case in variant.Cases)
                {
                    if (@case.Type != null) CollectDeps(@case.Type, deps);
                }
                break;
            case OptionTypeSyntax option:
                CollectDeps(option.Type, deps);
                break;
            case ListTypeSyntax list:
                CollectDeps(list.Element, deps);
                break;
            case FixedLengthListTypeSyntax fixedList:
                CollectDeps(fixedList.Element, deps);
                break;
            case MapTypeSyntax map:
                CollectDeps(map.Key, deps);
                CollectDeps(map.Value, deps);
                break;
            case ResultTypeSyntax result:
                if (result.Ok != null) CollectDeps(result.Ok, deps);
                if (result.Err != null) CollectDeps(result.Err, deps);
                break;
            case FutureTypeSyntax future:
                if (future.Type != null) CollectDeps(future.Type, deps);
                break;
            case StreamTypeSyntax stream:
                if (stream.Type != null) CollectDeps(stream.Type, deps);
                break;
        }
    }

    // ---- attributes --------------------------------------------------------------------------------

    /// <summary>The stability of an item from its `@since`/`@unstable`/`@deprecated` attributes (the first of a
    /// repeated attribute counts; conflicting ones are reported and dropped).</summary>
    private (SemVersion Since, SemVersion? Deprecated, Model.Stability Gate)? _lastStable;

    private Model.Stability Stability(IReadOnlyList<AttributeSyntax> attributes)
    {
        if (attributes.Count == 0) return Model.Stability.Unknown;
        SemVersion? since = null, deprecated = null;
        Span sinceSpan = Span.Unknown, deprecatedSpan = Span.Unknown;
        string? feature = null;
        for (int i = 0; i < attributes.Count; i++)
        {
            switch (attributes[i])
            {
                case SinceAttributeSyntax s:
                    if (since != null) _errors.Error("cannot specify @since twice", s.Span);
                    else
                    {
                        since = s.Version;
                        sinceSpan = s.Span;
                    }
                    break;
                case DeprecatedAttributeSyntax d:
                    if (deprecated != null) _errors.Error("cannot specify @deprecated twice", d.Span);
                    else
                    {
                        deprecated = d.Version;
                        deprecatedSpan = d.Span;
                    }
                    break;
                case UnstableAttributeSyntax u:
                    if (u.Feature.IsMissing) break;
                    if (feature != null) _errors.Error("cannot specify @unstable twice", u.Span);
                    else feature = u.Feature.Name;
                    break;
            }
        }
        if (since != null && feature == null)
        {
            // Items share one Stability per distinct gate (they are immutable); most items of a file carry the same.
            // The parser shares a version object between the items of a file that write the same version, so the
            // gate of the item before is usually the one: checked by reference before hashing the versions.
            if (_lastStable is { } last && ReferenceEquals(last.Since, since) && ReferenceEquals(last.Deprecated, deprecated)) return last.Gate;
            var key = (since, deprecated);
            if (!_stableGates.TryGetValue(key, out var stable)) _stableGates.Add(key, stable = Model.Stability.Stable(since, deprecated));
            _lastStable = (since, deprecated, stable);
            return stable;
        }
        if (since == null && feature != null)
        {
            var key = (feature, deprecated);
            if (!_unstableGates.TryGetValue(key, out var unstable)) _unstableGates.Add(key, unstable = Model.Stability.Unstable(feature, deprecated));
            return unstable;
        }
        if (since != null)
        {
            _errors.Error("cannot specify both @since and @unstable", sinceSpan);
            return Model.Stability.Unstable(feature!, deprecated);
        }
        if (deprecated != null)
        {
            _errors.Error("cannot specify both @deprecated without @since or @unstable", deprecatedSpan);
        }
        return Model.Stability.Unknown;
    }

    private readonly Dictionary<(SemVersion, SemVersion?), Model.Stability> _stableGates = new();
    private readonly Dictionary<(string, SemVersion?), Model.Stability> _unstableGates = new();

    private string? ExternalId(IReadOnlyList<AttributeSyntax> attributes)
    {
        if (attributes.Count == 0) return null;
        string? externalId = null;
        for (int i = 0; i < attributes.Count; i++)
        {
            if (attributes[i] is ExternalIdAttributeSyntax e)
            {
                if (externalId != null) _errors.Error("cannot specify @external-id twice", e.Span);
                else externalId = e.Id;
            }
        }
        return externalId;
    }
}

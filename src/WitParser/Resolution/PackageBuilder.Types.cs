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
    private void ResolveTypes(TypeOwner owner, List<SyntaxNode> items)
    {
        foreach (var item in items)
        {
            if (item is UseSyntax use) ResolveUse(owner, use);
        }

        var typeDeps = new OrderedMap<string, List<NameRef>>();
        var typeDefs = new OrderedMap<string, TypeDefSyntax?>();
        List<TypeDefSyntax>? unnamed = null;
        foreach (var item in items)
        {
            switch (item)
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
                    var deps = new List<NameRef>();
                    CollectDeps(def.Type, deps);
                    typeDeps[def.Name.Name] = deps;
                    break;
                }
                case UseSyntax use:
                    foreach (var useName in use.Names)
                    {
                        var name = useName.As ?? useName.Name;
                        if (name.IsMissing) continue;
                        // Like wit-parser's map insert: a repeated name keeps its position, the value is replaced.
                        typeDeps[name.Name] = new List<NameRef>();
                        typeDefs[name.Name] = null;
                    }
                    break;
            }
        }

        var order = InterfaceToposort.Sort("type", typeDeps, _errors, OldFloatHint);
        _pendingTypeNames = new HashSet<string>();
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
        _pendingTypeNames = null;
    }

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
    private void ResolveUse(TypeOwner owner, UseSyntax use)
    {
        var resolved = ResolveAstItemPath(use.From);
        RecordPath(use.From, resolved?.Item, WitReferenceKind.Interface);
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
            else
            {
                if (from != null && !silent) _errors.Add(InterfaceToposort.NotFound("name", useName.Name.Name, useName.Name.Span));
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
                var fromItem = resolved?.Item;
                RecordMemberReference(useName.Name.Span, WitReferenceKind.UsedName, fromItem, useName.Name.Name, targetSymbol);
                symbol = _symbols.Define(WitSymbolKind.Use, name.Name, name.Span, useName.Span, _scopeSymbol, null, stability);
                symbol.AliasOf = targetSymbol;
                if (targetSymbol == null && fromItem is { } item && _foreignNames.TryGetValue(item, out var foreign))
                {
                    _symbols.ForeignAlias(symbol, new ForeignName(foreign.Package, foreign.Item, useName.Name.Name));
                }
                _packageSymbols!.Link(symbol, LocalLinkKind.Type, id.Index);
            }
            DefineInterfaceName(name, new NameEntry(id, name.Span, symbol));
        }
    }

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
                        break;
                    default:
                        if (!IsErrorType(key))
                        {
                            _errors.Error(
                                "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string",
                                map.Span);
                        }
                        break;
                }
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
                // At most one constructor, and method/static names are unique.
                int constructors = 0;
                var names = new HashSet<string>();
                foreach (var func in resource.Funcs)
                {
                    if (func.Kind == ResourceFuncKind.Constructor)
                    {
                        if (++constructors > 1) _errors.Error("duplicate constructors", func.Func.Name.Span);
                    }
                    else if (!func.Func.Name.IsMissing && !names.Add(func.Func.Name.Name))
                    {
                        _errors.Error($"duplicate function name `{func.Func.Name.Name}`", func.Func.Name.Span);
                    }
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
            // A name declared here but not defined yet is part of a reported cycle.
            if (_pendingTypeNames?.Contains(name.Name) != true) _errors.Add(InterfaceToposort.NotFound("name", name.Name, name.Span));
            _symbols?.Reference(name.Span, WitReferenceKind.Type, null);
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

    /// <summary>An anonymous type: a primitive, a named type, or an interned anonymous definition.</summary>
    private WitType ResolveType(TypeSyntax type, Model.Stability stability)
    {
        var kind = ResolveTypeDef(type, stability);
        var inherited = FindStability(kind, stability);
        return AnonTypeDef(new TypeDef(null, kind, TypeOwner.None) { Stability = inherited, Span = type.Span });
    }

    private WitType? ResolveOptionalType(TypeSyntax? type, Model.Stability stability) =>
        type == null ? null : ResolveType(type, stability);

    /// <summary>Interns an anonymous type by structure: equal structures share one <see cref="TypeId"/>.</summary>
    private WitType AnonTypeDef(TypeDef type)
    {
        var key = new StringBuilder();
        switch (type.Kind)
        {
            case AliasKind alias:
                return alias.Target;
            case Model.HandleKind { IsOwn: true } own:
                // `own<T>` is the same as a plain reference to T.
                return WitType.Of(own.Resource);
            case Model.HandleKind borrow:
                key.Append("borrow ").Append(borrow.Resource.Index);
                break;
            case VariantKind variant:
                key.Append("variant");
                foreach (var c in variant.Cases) key.Append(' ').Append(c.Name).Append('=').Append(Key(c.Type));
                break;
            case RecordKind record:
                key.Append("record");
                foreach (var f in record.Fields) key.Append(' ').Append(f.Name).Append('=').Append(Key(f.Type));
                break;
            case FlagsKind flags:
                key.Append("flags");
                foreach (var f in flags.Flags) key.Append(' ').Append(f.Name);
                break;
            case TupleKind tuple:
                key.Append("tuple");
                foreach (var t in tuple.Types) key.Append(' ').Append(Key(t));
                break;
            case EnumKind @enum:
                key.Append("enum");
                foreach (var c in @enum.Cases) key.Append(' ').Append(c.Name);
                break;
            case ListKind list:
                key.Append("list ").Append(Key(list.Element));
                break;
            case MapKind map:
                key.Append("map ").Append(Key(map.Key)).Append(' ').Append(Key(map.Value));
                break;
            case FixedSizeListKind fixedList:
                key.Append("fixed ").Append(Key(fixedList.Element)).Append(' ').Append(fixedList.Size);
                break;
            case OptionKind option:
                key.Append("option ").Append(Key(option.Type));
                break;
            case ResultKind result:
                key.Append("result ").Append(Key(result.Ok)).Append(' ').Append(Key(result.Err));
                break;
            case FutureKind future:
                key.Append("future ").Append(Key(future.Payload));
                break;
            case StreamKind stream:
                key.Append("stream ").Append(Key(stream.Payload));
                break;
            default:
                throw new System.InvalidOperationException("unexpected anonymous type kind " + type.Kind.Name);
        }
        var text = key.ToString();
        if (!_anonTypes.TryGetValue(text, out var id))
        {
            id = _types.Alloc(type);
            _anonTypes.Add(text, id);
        }
        return WitType.Of(id);

        static string Key(WitType? t) =>
            t is not { } some ? "_" : some.IsId ? "#" + some.Id.Index : some.PrimitiveName!;
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
    private Model.Stability Stability(IReadOnlyList<AttributeSyntax> attributes)
    {
        if (attributes.Count == 0) return Model.Stability.Unknown;
        SemVersion? since = null, deprecated = null;
        Span sinceSpan = Span.Unknown, deprecatedSpan = Span.Unknown;
        string? feature = null;
        foreach (var attribute in attributes)
        {
            switch (attribute)
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
        if (since != null && feature == null) return Model.Stability.Stable(since, deprecated);
        if (since == null && feature != null) return Model.Stability.Unstable(feature, deprecated);
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

    private string? ExternalId(IReadOnlyList<AttributeSyntax> attributes)
    {
        string? externalId = null;
        foreach (var attribute in attributes)
        {
            if (attribute is ExternalIdAttributeSyntax e)
            {
                if (externalId != null) _errors.Error("cannot specify @external-id twice", e.Span);
                else externalId = e.Id;
            }
        }
        return externalId;
    }
}

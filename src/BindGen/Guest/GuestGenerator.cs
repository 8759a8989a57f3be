using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Guest;

/// <summary>
/// Generates C# guest bindings for one world (docs/type-mapping.md). All sizes, offsets, slots and spill
/// decisions come from <see cref="AbiPlanner"/>; this class only names things and prints plans.
/// Never throws on bad input: problems come back as <see cref="GuestResult.Errors"/>.
/// </summary>
public static partial class GuestGenerator
{
    public static GuestResult Generate(Resolve resolve, WorldId world, GuestOptions options)
    {
        try
        {
            var emitter = new Emitter(resolve, world, options);
            return emitter.Run();
        }
        catch (GenerationException e)
        {
            return new GuestResult(Array.Empty<GuestFile>(), new[] { e.Message });
        }
    }

    private sealed class GenerationException : Exception
    {
        public GenerationException(string message) : base(message) { }
    }

    /// <summary>One interface of the world as a C# static class.</summary>
    private sealed class IfaceInfo
    {
        public IfaceInfo(InterfaceId id, Interface iface, string moduleName, string className, string fullName, bool exported, NameScope scope)
        {
            Id = id;
            Interface = iface;
            ModuleName = moduleName;
            ClassName = className;
            FullName = fullName;
            Exported = exported;
            Scope = scope;
        }

        public InterfaceId Id { get; }
        public Interface Interface { get; }
        /// <summary>The component-model name: "wasi:io/streams@0.2.12", or the world key of an inline interface.</summary>
        public string ModuleName { get; }
        public string ClassName { get; }
        public string FullName { get; }
        public bool Exported { get; }
        /// <summary>The members of the C# class; shared when a world imports and exports the interface.</summary>
        public NameScope Scope { get; }
        public string? Namespace { get; set; }
        /// <summary>Exported interfaces: the C# interface the user implements (full name) and its scope.</summary>
        public string? ContractName { get; set; }
        public string? FactoryName { get; set; }
        public NameScope? ContractScope { get; set; }
    }

    private sealed partial class Emitter
    {
        private readonly Resolve _resolve;
        private readonly WorldId _worldId;
        private readonly World _world;
        private readonly GuestOptions _options;
        private readonly ResolveAbi _abi;
        private readonly RuntimeFeatures _features = new();
        private readonly Dictionary<AbiType, TypeId> _abiIds = new();
        private readonly Dictionary<TypeId, string> _typeNames = new();
        private readonly Dictionary<TypeId, IfaceInfo> _typeOwners = new();
        private readonly List<IfaceInfo> _ifaces = new();
        private readonly HashSet<InterfaceId> _exportedIfaces = new();
        private readonly List<GuestExport> _exports = new();
        private readonly string _root;
        private string _worldNamespace = "";
        private string _worldClass = "";
        private string _worldFull = "";
        private readonly NameScope _worldScope;
        /// <summary>Core functions the bindings export (recorded by <see cref="UnmanagedCallersOnly"/>).</summary>
        private readonly List<string> _entryPoints = new();
        private int _temp;

        public Emitter(Resolve resolve, WorldId world, GuestOptions options)
        {
            _resolve = resolve;
            _worldId = world;
            _world = resolve.Worlds[world];
            _options = options;
            _abi = new ResolveAbi(resolve);
            _root = options.RootNamespace;
            _worldScope = new NameScope(null);
        }

        private string G(string name) => "global::" + _root + "." + name;

        public GuestResult Run()
        {
            var errors = Validate();
            if (errors.Count > 0) return new GuestResult(Array.Empty<GuestFile>(), errors);
            foreach (var id in _resolve.Types.Ids)
            {
                if (_resolve.Types[id].Kind is AliasKind) continue;
                var node = _abi.Type(id);
                if (!_abiIds.ContainsKey(node)) _abiIds.Add(node, id);
            }
            // C# type names and declarations recurse over type structure: bound the depth first
            var deep = DeepTypes();
            if (deep.Count > 0) return new GuestResult(Array.Empty<GuestFile>(), deep);
            AssignNames();

            var files = EmitBindings();
            if (_options.Stubs) files.Add(new GuestFile(FileName(_worldFull) + ".Stubs.cs", EmitStubs(), GuestFileKind.Stubs, _root));
            files.Add(new GuestFile("WitRuntime.cs", GuestRuntime.Text(_root, _features), GuestFileKind.Runtime, _root));
            files.Add(new GuestFile(_world.Name + ".wit", EncodingNote() + WitPrinter.PrintWorld(_resolve, _worldId), GuestFileKind.Wit, _root));
            return new GuestResult(files, Array.Empty<string>(), _exports, WorldId(), _root, _features, _entryPoints.Distinct().ToList(), _options.TextKey());
        }

        /// <summary>The file of a C# type: its full name below the root namespace ("Wasi.Io.Streams"), so
        /// every world that uses the type writes the same file and file names never collide.</summary>
        private string FileName(string fullName)
        {
            string prefix = "global::" + _root + ".";
            return fullName.StartsWith(prefix, StringComparison.Ordinal) ? fullName.Substring(prefix.Length) : fullName.Replace("global::", "");
        }

        /// <summary>For a string encoding other than the default, a comment atop the component-type WIT: the core
        /// module must be embedded with the same encoding, or every string crossing the boundary is misread.</summary>
        private string EncodingNote()
        {
            if (_options.StringEncoding == StringEncoding.Utf8) return "";
            string canonical = StringEncodings.CanonicalName(_options.StringEncoding);
            string embed = StringEncodings.EmbedName(_options.StringEncoding);
            return "// These bindings pass strings as `" + canonical + "` (canonical option string-encoding=" + canonical + ").\n" +
                   "// Embed the component type with the same encoding, e.g.\n" +
                   "//   wasm-tools component embed --encoding " + embed + " --world " + _world.Name + " <this file> <module.wasm>\n\n";
        }

        // ---------------------------------------------------------------- validation

        private string Where(Span span) => span.Start >= 0 ? _resolve.SourceMap.RenderLocation(span) : "<unknown location>";

        /// <summary>Rejects what the C# guest bindings do not support yet (async functions, future, stream,
        /// error-context) with the construct and its location. Walks every function and type the world uses.</summary>
        private List<string> Validate()
        {
            var found = new List<(Span Span, string Message)>();
            var seen = new HashSet<TypeId>();
            var stack = new Stack<(WitType Type, Span Context)>();

            void CheckFunction(Function f)
            {
                if (f.IsAsync) found.Add((f.Span, $"async function `{f.Name}` is not supported by the C# guest bindings yet"));
                foreach (var t in f.ParameterAndResultTypes()) stack.Push((t, f.Span));
            }

            void CheckInterface(InterfaceId id)
            {
                var iface = _resolve.Interfaces[id];
                foreach (var t in iface.Types.Values) stack.Push((WitType.Of(t), _resolve.Types[t].Span));
                foreach (var f in iface.Functions.Values) CheckFunction(f);
            }

            foreach (var item in _world.Imports.Values.Concat(_world.Exports.Values))
            {
                switch (item)
                {
                    case InterfaceWorldItem i: CheckInterface(i.Id); break;
                    case FunctionWorldItem f: CheckFunction(f.Function); break;
                    case TypeWorldItem t: stack.Push((WitType.Of(t.Id), _resolve.Types[t.Id].Span)); break;
                }
            }

            // An interface both imported and exported shares one C# class per type; a resource cannot be shared
            // that way (the imported one is a handle owned elsewhere, the exported one is implemented here).
            var imported = new HashSet<InterfaceId>(_world.Imports.Values.OfType<InterfaceWorldItem>().Select(i => i.Id));
            foreach (var exported in _world.Exports.Values.OfType<InterfaceWorldItem>().Where(e => imported.Contains(e.Id)))
            {
                var iface = _resolve.Interfaces[exported.Id];
                foreach (var t in iface.Types.Values.Where(t => _resolve.Types[t].Kind is ResourceKind))
                    found.Add((_resolve.Types[t].Span, $"resource `{_resolve.Types[t].Name}` is both imported and exported (its interface `{iface.Name}` is); the C# guest bindings do not support that yet"));
            }

            while (stack.Count > 0)
            {
                var (type, context) = stack.Pop();
                if (type.Kind == WitTypeKind.ErrorContext)
                {
                    found.Add((context, "`error-context` is not supported by the C# guest bindings yet"));
                    continue;
                }
                if (!type.IsId || !seen.Add(type.Id) || !_resolve.Types.Contains(type.Id)) continue;
                var def = _resolve.Types[type.Id];
                var where = def.Span.Start >= 0 ? def.Span : context;
                switch (def.Kind)
                {
                    case FutureKind:
                        found.Add((where, "`future` is not supported by the C# guest bindings yet"));
                        continue;
                    case StreamKind:
                        found.Add((where, "`stream` is not supported by the C# guest bindings yet"));
                        continue;
                }
                foreach (var child in Children(def.Kind)) stack.Push((child, where));
            }
            // in source order (global offsets follow the order files were added)
            return found.OrderBy(e => e.Span.Start).Select(e => Where(e.Span) + ": " + e.Message).Distinct().ToList();
        }

        /// <summary>Errors for types nested deeper than <see cref="AbiPlanner.MaxDepth"/> (WIT allows 100,000
        /// levels; the emitter recurses over type structure, so it refuses them with a clear message).</summary>
        private List<string> DeepTypes()
        {
            var errors = new List<string>();
            var roots = new List<TypeId>();
            foreach (var item in _world.Imports.Values.Concat(_world.Exports.Values))
            {
                switch (item)
                {
                    case InterfaceWorldItem i: roots.AddRange(_resolve.Interfaces[i.Id].Types.Values); break;
                    case TypeWorldItem t: roots.Add(t.Id); break;
                }
            }
            var tooDeep = roots.Where(id => _abi.Type(id).Depth > AbiPlanner.MaxDepth).ToList();
            if (tooDeep.Count > 0)
            {
                var first = _resolve.Types[tooDeep[0]];
                string more = tooDeep.Count > 1 ? $" (and {tooDeep.Count - 1} more types)" : "";
                errors.Add($"{Where(first.Span)}: type `{first.Name}`: type nesting too deep (more than {AbiPlanner.MaxDepth} levels) for the C# guest bindings{more}");
            }
            return errors;
        }

        private static IEnumerable<WitType> Children(TypeDefKind kind)
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

        // ---------------------------------------------------------------- naming

        private void AssignNames()
        {
            var package = _world.Package is { } p ? _resolve.Packages[p] : null;
            var namespaces = new Dictionary<string, NameScope>();
            NameScope NamespaceScope(string ns) => namespaces.TryGetValue(ns, out var s) ? s : namespaces[ns] = new NameScope(null);

            // A version is added to the namespace only when the resolved WIT holds two versions of the package.
            // Deciding over the whole Resolve, not the world, keeps every world of one root naming the package's
            // interfaces alike, so their bindings merge.
            var packageIds = Enumerable.Range(0, _resolve.Packages.Count).Select(i => _resolve.Packages.IdAt(i)).ToList();
            string NamespaceOf(PackageId id)
            {
                var name = _resolve.Packages[id].Name;
                string ns = _root + "." + CSharpNames.Pascal(name.Namespace) + "." + CSharpNames.Pascal(name.Name);
                bool clash = packageIds.Any(o => o != id && _resolve.Packages[o].Name.Namespace == name.Namespace && _resolve.Packages[o].Name.Name == name.Name);
                // "1.2.3-rc.1" → "V1_2_3_rc_1" (Pascal would drop the underscores: 1.10.0 and 11.0.0 would meet)
                if (clash && name.Version is { } v) ns += ".V" + new string(v.ToString().Select(c => char.IsLetterOrDigit(c) && c < 0x80 ? c : '_').ToArray());
                return ns;
            }

            // Class names of a package's namespace depend only on the package (its worlds, then its interfaces,
            // in declaration order), never on the world being generated: every world that uses an interface
            // writes the same class, so the bindings of several worlds merge (GuestGenerator.Merge).
            var worldClasses = new Dictionary<WorldId, string>();
            var ifaceClasses = new Dictionary<InterfaceId, string>();
            var ifaceScopes = new Dictionary<InterfaceId, NameScope>();
            NameScope PackageScope(PackageId id, string ns)
            {
                if (namespaces.TryGetValue(ns, out var existing)) return existing;
                var scope = NamespaceScope(ns);
                foreach (var w in _resolve.Packages[id].Worlds) worldClasses[w.Value] = scope.Claim(CSharpNames.Pascal(w.Key) + "World");
                foreach (var i in _resolve.Packages[id].Interfaces) ifaceClasses[i.Value] = scope.Claim(CSharpNames.Pascal(i.Key));
                return scope;
            }

            if (_world.Package is { } wp)
            {
                _worldNamespace = NamespaceOf(wp);
                PackageScope(wp, _worldNamespace);
                _worldClass = worldClasses[_worldId];
            }
            else
            {
                _worldNamespace = _root;
                _worldClass = NamespaceScope(_worldNamespace).Claim(CSharpNames.Pascal(_world.Name) + "World");
            }
            _worldFull = "global::" + _worldNamespace + "." + _worldClass;
            _worldScope.Claim(_worldClass);

            foreach (var (key, item, exported) in _world.Imports.Select(kv => (kv.Key, kv.Value, false)).Concat(_world.Exports.Select(kv => (kv.Key, kv.Value, true))))
            {
                if (item is not InterfaceWorldItem ifaceItem) continue;
                var iface = _resolve.Interfaces[ifaceItem.Id];
                IfaceInfo info;
                if (key.IsName || iface.Name is null || iface.Package is null)
                {
                    string cls = _worldScope.Claim(CSharpNames.Pascal(key.Name ?? iface.Name ?? "interface"));
                    info = new IfaceInfo(ifaceItem.Id, iface, key.Name ?? iface.Name ?? "", cls, _worldFull + "." + cls, exported, new NameScope(cls));
                }
                else
                {
                    string ns = NamespaceOf(iface.Package.Value);
                    PackageScope(iface.Package.Value, ns);
                    string cls = ifaceClasses[ifaceItem.Id];
                    if (!ifaceScopes.TryGetValue(ifaceItem.Id, out var scope)) ifaceScopes[ifaceItem.Id] = scope = new NameScope(cls);
                    info = new IfaceInfo(ifaceItem.Id, iface, _resolve.IdOf(ifaceItem.Id) ?? iface.Name, cls, "global::" + ns + "." + cls, exported, scope) { Namespace = ns };
                }
                if (exported) _exportedIfaces.Add(ifaceItem.Id);
                _ifaces.Add(info);
            }

            // nested type names, then functions, then the export contract
            foreach (var info in _ifaces)
            {
                foreach (var typeId in info.Interface.Types.Values) NameType(typeId, info.FullName, info.Scope, info);
            }
            foreach (var item in _world.Imports.Values.Concat(_world.Exports.Values))
                if (item is TypeWorldItem t) NameType(t.Id, _worldFull, _worldScope, null);
            // The contract's name is claimed whether or not this world exports the interface, so the names of
            // its imported functions (claimed after it) are the same in every world.
            var contracts = new Dictionary<NameScope, string>();
            foreach (var info in _ifaces)
            {
                if (!contracts.TryGetValue(info.Scope, out var contract)) contracts[info.Scope] = contract = info.Scope.Claim("I" + info.ClassName);
                if (!info.Exported) continue;
                info.ContractName = info.FullName + "." + contract;
                info.ContractScope = new NameScope(contract);
                info.FactoryName = _worldScope.Claim("Create" + info.ClassName);
            }
        }

        private void NameType(TypeId id, string container, NameScope scope, IfaceInfo? owner)
        {
            var def = _resolve.Types[id];
            if (def.Kind is not (RecordKind or VariantKind or EnumKind or FlagsKind or ResourceKind)) return;
            if (_typeNames.ContainsKey(id)) return;
            _typeNames[id] = container + "." + scope.Claim(CSharpNames.Pascal(def.Name ?? "anonymous"));
            if (owner is not null) _typeOwners[id] = owner;
        }

        private static string Short(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);

        // ---------------------------------------------------------------- C# types

        private TypeId IdOf(AbiType type) =>
            _abiIds.TryGetValue(type, out var id) ? id : throw new GenerationException("internal: no WIT type for " + type);

        /// <summary>The resource a handle (or resource) type refers to, looking through aliases.</summary>
        private TypeId ResourceOf(AbiType handle)
        {
            var id = IdOf(handle);
            for (int hops = 0; hops < 1000; hops++)
            {
                switch (_resolve.Types[id].Kind)
                {
                    case HandleKind h: id = h.Resource; continue;
                    case AliasKind { Target: { IsId: true } target }: id = target.Id; continue;
                    default: return id;
                }
            }
            return id;
        }

        private bool IsExportedResource(TypeId resource) =>
            _typeOwners.TryGetValue(resource, out var owner) && owner.Exported;

        private string NominalName(TypeId id) =>
            _typeNames.TryGetValue(id, out var name) ? name
            : throw new GenerationException($"{Where(_resolve.Types[id].Span)}: type `{_resolve.Types[id].Name}` is not part of world `{_world.Name}`");

        private static bool IsNumeric(AbiTypeKind kind) => kind is AbiTypeKind.S8 or AbiTypeKind.U8 or AbiTypeKind.S16 or AbiTypeKind.U16
            or AbiTypeKind.S32 or AbiTypeKind.U32 or AbiTypeKind.S64 or AbiTypeKind.U64 or AbiTypeKind.F32 or AbiTypeKind.F64;

        private string Cs(AbiType? type)
        {
            if (type is null) return "global::System.ValueTuple";
            switch (type.Kind)
            {
                case AbiTypeKind.Bool: return "bool";
                case AbiTypeKind.S8: return "sbyte";
                case AbiTypeKind.U8: return "byte";
                case AbiTypeKind.S16: return "short";
                case AbiTypeKind.U16: return "ushort";
                case AbiTypeKind.S32: return "int";
                case AbiTypeKind.U32: return "uint";
                case AbiTypeKind.S64: return "long";
                case AbiTypeKind.U64: return "ulong";
                case AbiTypeKind.F32: return "float";
                case AbiTypeKind.F64: return "double";
                case AbiTypeKind.Char: return "global::System.Text.Rune";
                case AbiTypeKind.String: return "string";
                case AbiTypeKind.List:
                case AbiTypeKind.FixedList:
                    return Cs(type.Element) + "[]";
                case AbiTypeKind.Map:
                    return "global::System.Collections.Generic.IReadOnlyDictionary<" + Cs(type.Key) + ", " + Cs(type.Value) + ">";
                case AbiTypeKind.Tuple:
                    if (type.Fields.Count == 0) return "global::System.ValueTuple";
                    if (type.Fields.Count == 1) return "global::System.ValueTuple<" + Cs(type.Fields[0].Type) + ">";
                    return "(" + string.Join(", ", type.Fields.Select(f => Cs(f.Type))) + ")";
                case AbiTypeKind.Option:
                {
                    var payload = type.Cases[1].Type!;
                    if (payload.Kind == AbiTypeKind.Option)
                    {
                        _features.Option = _features.Equality = true;
                        return G("Option<" + Cs(payload) + ">");
                    }
                    return Cs(payload) + "?";
                }
                case AbiTypeKind.Result:
                    _features.Result = _features.Equality = _features.Exceptions = true;
                    return G("Result<" + Cs(type.Cases[0].Type) + ", " + Cs(type.Cases[1].Type) + ">");
                case AbiTypeKind.Record:
                case AbiTypeKind.Variant:
                case AbiTypeKind.Enum:
                case AbiTypeKind.Flags:
                    return NominalName(IdOf(type));
                case AbiTypeKind.Own:
                case AbiTypeKind.Borrow:
                    _features.Resources = true;
                    return NominalName(ResourceOf(type));
                default:
                    throw new GenerationException("`" + type + "` is not supported by the C# guest bindings");
            }
        }

        /// <summary>Fields whose C# type compares by reference (arrays, dictionaries) need generated equality.</summary>
        private static bool NeedsDeepEquality(AbiType type) => type.Kind switch
        {
            AbiTypeKind.List or AbiTypeKind.FixedList or AbiTypeKind.Map => true,
            AbiTypeKind.Tuple => type.Fields.Any(f => NeedsDeepEquality(f.Type)),
            AbiTypeKind.Option => NeedsDeepEquality(type.Cases[1].Type!),
            _ => false,
        };

        private string Temp(string stem) => "__" + stem + (_temp++).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

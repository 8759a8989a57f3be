using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    private sealed partial class Builder
    {
        private CsName _worldClass = null!;
        private CsName _worldAbiClass = null!;
        private NameScope _worldScope = null!;
        private string? _worldExportsContract;
        private string? _worldExportsFactory;
        private readonly Dictionary<string, NameScope> _namespaceScopes = new();
        private readonly Dictionary<WorldId, string> _worldClassNames = new();
        private readonly Dictionary<InterfaceId, string> _interfaceClassNames = new();
        private readonly Dictionary<InterfaceId, NameScope> _interfaceScopes = new();

        /// <summary>The C# namespace of a package: <c>{Root}.Ns.Pkg</c>, plus <c>.V1_2_3</c> only when the resolved WIT holds
        /// two versions of the package. Deciding over the whole Resolve, not the world, keeps every world of one root
        /// naming the package's interfaces alike, so their bindings merge.</summary>
        private string NamespaceOf(PackageId id)
        {
            var name = _resolve.Packages[id].Name;
            string ns = _root + "." + CSharpNames.Pascal(name.Namespace) + "." + CSharpNames.Pascal(name.Name);
            bool clash = false;
            for (int i = 0; i < _resolve.Packages.Count; i++)
            {
                var other = _resolve.Packages.IdAt(i);
                if (other != id && _resolve.Packages[other].Name.Namespace == name.Namespace && _resolve.Packages[other].Name.Name == name.Name) clash = true;
            }
            // "1.2.3-rc.1" → "V1_2_3_rc_1" (Pascal would drop the underscores: 1.10.0 and 11.0.0 would meet)
            if (clash && name.Version is { } v) ns += ".V" + new string(v.ToString().Select(c => char.IsLetterOrDigit(c) && c < 0x80 ? c : '_').ToArray());
            return ns;
        }

        private NameScope NamespaceScope(string ns) => _namespaceScopes.TryGetValue(ns, out var s) ? s : _namespaceScopes[ns] = new NameScope(null);

        /// <summary>Class names of a package's namespace depend only on the package (its worlds, then its interfaces, in
        /// declaration order), never on the world being bound: every world that uses an interface names its class alike.</summary>
        private void NamePackage(PackageId id, string ns)
        {
            if (_namespaceScopes.ContainsKey(ns)) return;
            var scope = NamespaceScope(ns);
            foreach (var w in _resolve.Packages[id].Worlds) _worldClassNames[w.Value] = scope.Claim(CSharpNames.Pascal(w.Key) + "World");
            foreach (var i in _resolve.Packages[id].Interfaces) _interfaceClassNames[i.Value] = scope.Claim(CSharpNames.Pascal(i.Key));
        }

        /// <summary>The world class, its namespace, and the class of every interface the world imports or exports.</summary>
        private void NameWorld()
        {
            string worldNamespace;
            string worldClass;
            if (_world.Package is { } wp)
            {
                worldNamespace = NamespaceOf(wp);
                NamePackage(wp, worldNamespace);
                worldClass = _worldClassNames[_worldId];
            }
            else
            {
                worldNamespace = _root;
                worldClass = NamespaceScope(worldNamespace).Claim(CSharpNames.Pascal(_world.Name) + "World");
            }
            _worldClass = new CsName(worldNamespace, worldClass);
            _worldScope = new NameScope(null);
            _worldScope.Claim(worldClass);

            foreach (var (key, item, side) in Items())
            {
                if (item is not InterfaceWorldItem ifaceItem) continue;
                if (_byId.TryGetValue(ifaceItem.Id, out var existing))
                {
                    Mark(existing, side, ifaceItem.Span);
                    continue;
                }
                var iface = _resolve.Interfaces[ifaceItem.Id];
                InterfaceState state;
                if (key.IsName || iface.Name is null || iface.Package is null)
                {
                    string cls = _worldScope.Claim(CSharpNames.Pascal(key.Name ?? iface.Name ?? "interface"));
                    state = new InterfaceState(ifaceItem.Id, iface, key.Name ?? iface.Name ?? "", _worldClass.Nested(cls), inline: true, new NameScope(cls));
                }
                else
                {
                    string ns = NamespaceOf(iface.Package.Value);
                    NamePackage(iface.Package.Value, ns);
                    string cls = _interfaceClassNames[ifaceItem.Id];
                    if (!_interfaceScopes.TryGetValue(ifaceItem.Id, out var scope)) _interfaceScopes[ifaceItem.Id] = scope = new NameScope(cls);
                    state = new InterfaceState(ifaceItem.Id, iface, _resolve.IdOf(ifaceItem.Id) ?? iface.Name!, new CsName(ns, cls), inline: false, scope);
                }
                Mark(state, side, ifaceItem.Span);
                _interfaces.Add(state);
                _byId.Add(ifaceItem.Id, state);
            }

            static void Mark(InterfaceState state, BindingSide side, Span span)
            {
                if (side == BindingSide.Import) state.Imported = true;
                else
                {
                    state.Exported = true;
                    state.ExportSpan = span;
                }
            }
        }

        private readonly Dictionary<(TypeId, BindingSide), CsName> _declarationNames = new();

        /// <summary>
        /// Names of the nested types, then (world-independent, so every world names an interface's members alike) the
        /// contract, the imported functions, the class holding exported projections and the codec class. Order per
        /// interface class: its types in declaration order, <c>I&lt;Class&gt;</c>, its functions, <c>Exports</c>, <c>Abi</c>.
        /// </summary>
        private void NameTypes()
        {
            foreach (var state in _interfaces)
            {
                foreach (var typeId in state.Interface.Types.Values)
                {
                    if (!IsDeclared(typeId)) continue;
                    var name = state.Class.Nested(state.Scope.Claim(CSharpNames.Pascal(_resolve.Types[typeId].Name ?? "anonymous")));
                    _declarationNames[(typeId, state.PrimarySide)] = name;
                }
            }
            foreach (var item in _world.Imports.Values.Concat(_world.Exports.Values))
            {
                if (item is TypeWorldItem t && IsDeclared(t.Id) && !_declarationNames.ContainsKey((t.Id, BindingSide.Import)))
                    _declarationNames[(t.Id, BindingSide.Import)] = _worldClass.Nested(_worldScope.Claim(CSharpNames.Pascal(_resolve.Types[t.Id].Name ?? "anonymous")));
            }

            foreach (var state in _interfaces)
            {
                string contract = state.Scope.Claim("I" + state.Class.Simple);
                state.Contract = state.Class.Nested(contract);
                state.ContractScope = new NameScope(contract);
                foreach (var f in state.Interface.Functions.Values)
                    if (f.Resource is null) state.ImportNames[f] = state.Scope.Claim(MemberStem(f, CSharpNames.Pascal(f.Name)));
                string exportClass = state.Scope.Claim("Exports");
                state.ExportClass = state.Class.Nested(exportClass);
                state.ExportScope = new NameScope(exportClass);
                string abi = state.Scope.Claim("Abi");
                state.AbiClass = state.Class.Nested(abi);
                state.AbiScope = new NameScope(abi);
            }

            // exported projections of the types that differ between the two instances of an interface
            foreach (var state in _interfaces.Where(s => s.IsDual))
            {
                foreach (var typeId in state.Interface.Types.Values)
                {
                    if (!IsDeclared(typeId) || !IsSideDependent(typeId)) continue;
                    state.UsesExportClass = true;
                    _declarationNames[(typeId, BindingSide.Export)] = state.ExportClass.Nested(state.ExportScope.Claim(CSharpNames.Pascal(_resolve.Types[typeId].Name ?? "anonymous")));
                }
            }

            foreach (var state in _interfaces.Where(s => s.Exported))
                state.Factory = _worldScope.Claim("Create" + state.Class.Simple);
        }

        /// <summary>Contract member names (freestanding functions, and <c>CreateR</c>/<c>RStatic</c> for resources) and the
        /// world's own functions; resource methods are named with their resource class (<see cref="ResourceScope"/>).</summary>
        private void NameFunctions()
        {
            foreach (var state in _interfaces)
            {
                foreach (var f in state.Interface.Functions.Values)
                {
                    if (!f.IsMethod) state.ContractNames[f] = state.ContractScope.Claim(ContractMemberName(f));
                }
            }
            foreach (var item in _world.Imports.Values)
            {
                if (item is FunctionWorldItem fi && fi.Function.Resource is null)
                    _worldFunctionNames[(fi.Function, BindingSide.Import)] = _worldScope.Claim(MemberStem(fi.Function, CSharpNames.Pascal(fi.Function.Name)));
            }
            var exportsScope = new NameScope("IExports");
            foreach (var item in _world.Exports.Values)
            {
                if (item is not FunctionWorldItem fe) continue;
                if (_worldExportsContract is null)
                {
                    _worldExportsContract = _worldScope.Claim("IExports");
                    _worldExportsFactory = _worldScope.Claim("CreateExports");
                }
                _worldFunctionNames[(fe.Function, BindingSide.Export)] = exportsScope.Claim(MemberStem(fe.Function, CSharpNames.Pascal(fe.Function.Name)));
            }
        }

        private readonly Dictionary<(Function, BindingSide), string> _worldFunctionNames = new();
        private readonly Dictionary<(TypeId, BindingSide), NameScope> _resourceScopes = new();
        private readonly Dictionary<(Function, BindingSide), string> _methodNames = new();

        /// <summary>The simple C# name of a resource's class (its primary projection; both projections share the simple name).</summary>
        private string ResourceClassName(TypeId resource) => DeclarationName(resource, BindingSide.Import).Simple;

        /// <summary>The C# member name of a resource's method or static function on one side, claimed in WIT order of
        /// the resource's functions (so both sides, and every world, name them alike).</summary>
        private string MethodName(Function f, BindingSide side)
        {
            var resource = f.Resource!.Value;
            var key = (resource, ProjectionSide(resource, side));
            if (!_resourceScopes.ContainsKey(key))
            {
                var scope = _resourceScopes[key] = new NameScope(DeclarationName(resource, side).Simple,
                    key.Item2 == BindingSide.Export ? ResourceMembers.Exported : ResourceMembers.Imported);
                foreach (var other in ResourceFunctions(resource))
                    if (other.Kind != FunctionKind.Constructor) _methodNames[(other, key.Item2)] = scope.Claim(MemberStem(other, CSharpNames.Pascal(other.ItemName)));
            }
            return _methodNames[(f, key.Item2)];
        }

        /// <summary>The functions of a resource, in WIT order: those of its interface, or the world's imports for a world-level resource.</summary>
        private IEnumerable<Function> ResourceFunctions(TypeId resource)
        {
            var def = _resolve.Types[resource];
            if (def.Owner.TryGetInterface(out var owner)) return _resolve.Interfaces[owner].Functions.Values.Where(f => f.Resource == resource);
            return _world.Imports.Values.OfType<FunctionWorldItem>().Select(i => i.Function).Where(f => f.Resource == resource);
        }

        /// <summary>Records, variants, enums, flags and resources get a C# declaration; other named types are their structure.</summary>
        private bool IsDeclared(TypeId id) => _resolve.Types[id].Kind is RecordKind or VariantKind or EnumKind or FlagsKind or ResourceKind;

        /// <summary>The C# name of a declared type as seen from <paramref name="side"/>.</summary>
        private CsName DeclarationName(TypeId id, BindingSide side)
        {
            var projection = ProjectionSide(id, side);
            if (_declarationNames.TryGetValue((id, projection), out var name)) return name;
            if (_declarationNames.TryGetValue((id, projection == BindingSide.Import ? BindingSide.Export : BindingSide.Import), out name)) return name;
            var def = _resolve.Types[id];
            throw Fail(def.Span, $"type `{def.Name}` is not part of world `{_world.Name}`");
        }
    }
}

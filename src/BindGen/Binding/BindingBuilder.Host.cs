using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    /// <summary>
    /// Builds the host bindings' model of one world: the same names, C# types and contracts as the guest bindings (the
    /// naming steps run exactly as for the guest), plus what the host needs on top (<see cref="HostWorldBinding"/>): the
    /// host class, clients of the exports, dispatch of the imports, host codecs, WASI. Never throws on bad input: what
    /// the host bindings cannot carry comes back as located diagnostics (<see cref="HostValidation"/>).
    /// </summary>
    public static HostBindingResult BuildHost(Resolve resolve, WorldId world, BindingOptions options)
    {
        if (resolve is null) throw new ArgumentNullException(nameof(resolve));
        if (options is null) throw new ArgumentNullException(nameof(options));
        var builder = new Builder(resolve, world, options);
        try
        {
            return builder.RunHost();
        }
        catch (BindingException e)
        {
            return new HostBindingResult(null, null, null, new[] { e.Diagnostic });
        }
    }

    /// <summary>Names of the C# members the host bindings add, claimed after every name the guest bindings use, so the
    /// names both print agree.</summary>
    private sealed class HostNames
    {
        public CsName HostClass = null!;
        public NameScope HostScope = null!;
        public NameScope Parameters = null!;
        public CsName WorldCodecClass = null!;
        public NameScope WorldCodecScope = null!;
        public CsName? WorldClientClass;
        public CsName? WorldDispatchClass;
        public readonly Dictionary<InterfaceState, (CsName Client, CsName Dispatch, CsName Codecs, NameScope CodecScope)> Interfaces = new();
    }

    private sealed partial class Builder
    {
        private HostNames _hostNames = null!;
        private HashSet<InterfaceId> _wasi = new();

        public HostBindingResult RunHost()
        {
            _wasi = HostValidation.WasiInterfaces(_resolve, _world);
            var problems = HostValidation.Validate(_resolve, _world, _abi, _wasi);
            if (problems.Count > 0) return new HostBindingResult(null, null, null, problems);

            NameWorld();
            NameTypes();
            NameFunctions();
            _worldAbiClass = _worldClass.Nested(_worldScope.Claim("Abi"));
            // the contracts the host implements are the guest's import contracts (`Iface.IHost`, `WWorld.IHost`)
            NameImportContracts();
            NameHost();
            DeclareTypes();

            var functions = new List<FunctionBinding>();
            var interfaces = new List<(InterfaceState State, HostContract? Implemented, HostContract? Called)>();
            foreach (var state in _interfaces)
            {
                // an interface without functions only holds types: nothing to implement or call
                bool hasFunctions = state.Interface.Functions.Count > 0;
                var implemented = state.Imported && hasFunctions && !_wasi.Contains(state.Id) ? HostContractOf(state, implemented: true) : null;
                var called = state.Exported && hasFunctions ? HostContractOf(state, implemented: false) : null;
                interfaces.Add((state, implemented, called));
            }
            var worldImplemented = WorldHostContract(implemented: true);
            var worldCalled = WorldHostContract(implemented: false);
            var contracts = interfaces.SelectMany(i => new[] { i.Implemented, i.Called }).Append(worldImplemented).Append(worldCalled)
                .Where(c => c is not null).Select(c => c!).ToList();
            foreach (var contract in contracts) functions.AddRange(contract.Functions.Select(f => f.Function));
            AttachHostResources(contracts);

            var codecs = BindHostCodecs(interfaces.Select(i => i.State).ToList(), contracts);
            DecideRuntime(functions, new CodecSet());
            _runtime.Host = true;
            ProjectAll(functions, new CodecSet());
            var seen = new HashSet<(AbiType, BindingSide)>();
            foreach (var codec in codecs.All) ProjectType(codec.Type, codec.Context, seen);

            string Root(CsName name) => name.RelativeTo(_root);
            var frozen = interfaces.Select(i =>
            {
                var s = i.State;
                var names = _hostNames.Interfaces[s];
                string? file = s.IsInline ? null : Root(s.Class);
                return new HostInterfaceBinding(s.Id, s.ModuleName, s.Class, s.Interface.Docs.Contents, s.IsInline, s.Imported, _wasi.Contains(s.Id),
                    file is null ? null : file + ".cs",
                    file is not null && (i.Implemented is not null || i.Called is not null) ? file + ".Host.cs" : null,
                    ValueArray.From(s.Types), s.UsesExportClass ? s.ExportClass : null, ValueArray.From(s.ExportTypes),
                    i.Implemented, i.Called, names.Codecs, ValueArray.From(codecs.Of(names.Codecs)))
                {
                    Obsolete = Deprecation(s.Interface.Stability, "interface", s.ModuleName),
                };
            }).ToList();

            var world = new HostWorldBinding(
                _worldId, _world.Name, QualifiedWorldName(), _options, _worldClass, _hostNames.HostClass, _world.Docs.Contents,
                Root(_worldClass) + ".cs", Root(_hostNames.HostClass) + ".cs",
                ValueArray.From(_worldTypes), ValueArray.From(frozen), worldImplemented, worldCalled,
                _hostNames.WorldCodecClass, ValueArray.From(codecs.Of(_hostNames.WorldCodecClass)),
                _wasi.Count > 0, _runtime);
            return new HostBindingResult(world, new TypeProjection(_csTypes, _declarationsBySide, _codecs), new HostCodecIndex(codecs.Index),
                Array.Empty<WitDiagnostic>());
        }

        /// <summary>
        /// The host's own names: the host class <c>&lt;World&gt;Host</c> in the world's namespace; per interface class the
        /// client (<c>Client</c>), the dispatch class (<c>HostImports</c>) and the host codec class (<c>HostAbi</c>); in the
        /// world class the client and dispatch class of the world's own functions and their
        /// codecs; the host class's properties (one per exported interface, <c>Exports</c> for the world's functions) and
        /// the parameters of <c>Instantiate</c> (one per implemented contract). Claimed after all guest names (the contracts
        /// the host implements are the guest's import contracts, named by <see cref="NameImportContracts"/>).
        /// </summary>
        private void NameHost()
        {
            var names = _hostNames = new HostNames();
            names.HostClass = new CsName(_worldClass.Namespace, NamespaceScope(_worldClass.Namespace).Claim(CSharpNames.Pascal(_world.Name) + "Host"));
            names.HostScope = new NameScope(names.HostClass.Simple, "Instantiate", "Store", "Dispose");
            names.Parameters = new NameScope(null, "component", "store");
            foreach (var state in _interfaces)
            {
                var client = state.Class.Nested(state.Scope.Claim("Client"));
                var dispatch = state.Class.Nested(state.Scope.Claim("HostImports"));
                var codecs = state.Class.Nested(state.Scope.Claim("HostAbi"));
                names.Interfaces[state] = (client, dispatch, codecs, new NameScope(codecs.Simple));
            }
            bool imports = _world.Imports.Values.OfType<FunctionWorldItem>().Any(f => f.Function.Resource is null);
            bool exports = _worldExportsContract is not null;
            if (exports) names.WorldClientClass = _worldClass.Nested(_worldScope.Claim("ExportsClient"));
            if (imports) names.WorldDispatchClass = _worldClass.Nested(_worldScope.Claim("HostImports"));
            names.WorldCodecClass = _worldClass.Nested(_worldScope.Claim("HostAbi"));
            names.WorldCodecScope = new NameScope(names.WorldCodecClass.Simple);
        }

        /// <summary>The host contract of an interface: implemented by the host when the world imports it (the guest's import
        /// contract <c>Iface.IHost</c>, its members named and shaped as there), called through the client when the world
        /// exports it (the guest's export contract <c>I&lt;Iface&gt;</c>). Members and callbacks in WIT order.</summary>
        private HostContract HostContractOf(InterfaceState state, bool implemented)
        {
            var names = _hostNames.Interfaces[state];
            var side = implemented ? BindingSide.Import : BindingSide.Export;
            var role = implemented ? FunctionRole.HostImplementation : FunctionRole.HostCall;
            var callbacks = new NameScope(names.Dispatch.Simple, "Define");
            var members = new List<HostFunctionBinding>();
            var all = new List<HostFunctionBinding>();
            var methods = new Dictionary<TypeId, List<HostFunctionBinding>>();
            int slot = 0;
            foreach (var f in state.Interface.Functions.Values)
            {
                string member = f.IsMethod ? MethodName(f, side) : implemented ? _hostMembers[f].Member : state.ContractNames[f];
                string callback = implemented
                    ? callbacks.Claim(f.IsMethod ? DeclarationName(f.Resource!.Value, side).Simple + "_" + member : member)
                    : "";
                var binding = HostFunction(f, role, side, member, callback, names.Codecs, state.ModuleName, implemented ? -1 : slot++);
                all.Add(binding);
                if (f.IsMethod)
                {
                    if (!methods.TryGetValue(f.Resource!.Value, out var list)) methods[f.Resource!.Value] = list = new List<HostFunctionBinding>();
                    list.Add(binding);
                }
                else
                {
                    members.Add(binding);
                }
            }
            var resources = new List<HostResourceBinding>();
            foreach (var typeId in state.Interface.Types.Values)
            {
                if (_resolve.Types[typeId].Kind is not ResourceKind) continue;
                var def = _resolve.Types[typeId];
                string? destructor = implemented ? callbacks.Claim("Destroy" + DeclarationName(typeId, side).Simple) : null;
                resources.Add(new HostResourceBinding(typeId, ProjectionSide(typeId, side), DeclarationName(typeId, side), def.Name!, def.Docs.Contents,
                    implemented, state.ModuleName, destructor, ValueArray.From(methods.TryGetValue(typeId, out var m) ? m : new List<HostFunctionBinding>())));
            }
            string member2 = implemented
                ? _hostNames.Parameters.Claim(CSharpNames.Camel(state.Class.Simple))
                : _hostNames.HostScope.Claim(state.Class.Simple);
            var contract = implemented ? _hostContracts[state.Id] : state.Contract;
            return new HostContract(state.ModuleName, contract, implemented, implemented ? names.Dispatch : names.Client, member2,
                state.Interface.Docs.Contents, ValueArray.From(members), ValueArray.From(all), ValueArray.From(resources));
        }

        /// <summary>The contract of the world's own imported functions (the guest's import contract <c>WWorld.IHost</c>,
        /// implemented by the host) or exported functions (<c>IExports</c>, the guest's contract, called through
        /// <c>ExportsClient</c>).</summary>
        private HostContract? WorldHostContract(bool implemented)
        {
            var items = (implemented ? _world.Imports.Values : _world.Exports.Values).OfType<FunctionWorldItem>().Select(i => i.Function)
                .Where(f => f.Resource is null).ToList();
            if (items.Count == 0) return null;
            var side = implemented ? BindingSide.Import : BindingSide.Export;
            var names = _hostNames;
            var contractName = implemented ? _worldHostContract! : _worldClass.Nested(_worldExportsContract!);
            var callbacks = implemented ? new NameScope(names.WorldDispatchClass!.Simple, "Define") : null;
            var functions = new List<HostFunctionBinding>();
            int slot = 0;
            foreach (var f in items)
            {
                // the guest's contract member names: IHost's for imported functions, IExports' for exported ones
                string member = implemented ? _hostMembers[f].Member : _worldFunctionNames[(f, BindingSide.Export)];
                string callback = implemented ? callbacks!.Claim(member) : "";
                functions.Add(HostFunction(f, implemented ? FunctionRole.HostImplementation : FunctionRole.HostCall, side, member, callback,
                    names.WorldCodecClass, null, implemented ? -1 : slot++));
            }
            string member2 = implemented ? names.Parameters.Claim("imports") : names.HostScope.Claim("Exports");
            return new HostContract(null, contractName, implemented, implemented ? names.WorldDispatchClass! : names.WorldClientClass!, member2, null,
                ValueArray.From(functions), ValueArray.From(functions), ValueArray<HostResourceBinding>.Empty);
        }

        private static readonly CallOwnership HostOwnership =
            new(Allocation.None, Allocation.None, Allocation.None, Allocation.None, Allocation.None, DropsBorrowedHandles: false);

        /// <summary>
        /// One function on the host: the C# shape of the guest's contract member, so the host's and the guest's contracts
        /// are one C# interface — for an import the host implements, the guest import's own shape (its import contract
        /// member: a fallible constructor throws whatever the result mapping, parameters as <see cref="ContractParameters"/>), for an export the
        /// guest export contract's (<c>T[]</c> parameters, <c>result</c> mapped by the options) — with the component's own
        /// canonical-ABI plan (lifted for an export, lowered for an import), and where to find it in the component.
        /// Resource methods the host implements keep the export shape: they are members of the host's abstract resource
        /// class, not of an import contract.
        /// </summary>
        private HostFunctionBinding HostFunction(Function f, FunctionRole role, BindingSide side, string member, string callback, CsName codecHome,
            string? instance, int slot)
        {
            var shape = role == FunctionRole.HostImplementation && !f.IsMethod
                ? BindFunction(f, FunctionRole.GuestImport, side, member, instance ?? "$root", null, "Host_", codecHome)
                : BindFunction(f, FunctionRole.GuestExport, side, member, (instance is null ? "" : instance + "#") + f.Name, null, "Host_", codecHome);
            if (role == FunctionRole.HostImplementation && !f.IsMethod) shape = shape with { Parameters = ContractParameters(shape.Parameters) };
            var plan = role == FunctionRole.HostImplementation
                ? AbiPlanner.Plan(_abi.Function(f), AbiConvention.Lower, _options.StringEncoding, PlanSharing.NamedTypes)
                : shape.Plan;
            var core = role == FunctionRole.HostImplementation
                ? new CanonicalBuiltin(BuiltinKind.ImportedFunction, instance ?? "$root", f.Name, plan.Signature!)
                : shape.Core;
            var binding = shape with
            {
                Role = role,
                Plan = plan,
                Core = core,
                CoreMethod = callback,
                PostReturn = null,
                PostReturnMethod = null,
                Target = null,
                Ownership = HostOwnership,
            };
            string qualified = (instance is null ? QualifiedWorldName() + "#" : instance + "#") + f.Name;
            return new HostFunctionBinding(binding, instance, f.Name, qualified, slot);
        }

        /// <summary>Puts the host's resource methods into the resource declarations the host prints.</summary>
        private void AttachHostResources(List<HostContract> contracts)
        {
            var functions = new Dictionary<(TypeId, BindingSide), List<FunctionBinding>>();
            foreach (var resource in contracts.SelectMany(c => c.Resources))
                functions[(resource.Origin, resource.Side)] = resource.Methods.Select(m => m.Function).ToList();
            AttachResourceFunctions(functions);
        }

        /// <summary>The host codecs of the world by class, and the index the printer looks them up in.</summary>
        private sealed class HostCodecSet
        {
            public Dictionary<(AbiType, PlanDirection, BindingSide, CsName?), HostCodecBinding> Index { get; } = new();
            public List<HostCodecBinding> All { get; } = new();
            private readonly Dictionary<CsName, List<HostCodecBinding>> _byHome = new();

            public void Add(HostCodecBinding codec)
            {
                All.Add(codec);
                if (!_byHome.TryGetValue(codec.Home, out var list)) _byHome.Add(codec.Home, list = new());
                list.Add(codec);
            }

            /// <summary>The codecs of one class, in the order they were added.</summary>
            public IEnumerable<HostCodecBinding> Of(CsName home) =>
                _byHome.TryGetValue(home, out var list) ? list : Enumerable.Empty<HostCodecBinding>();
        }

        /// <summary>
        /// One lift and one lower host codec per named record, variant, enum, flags, tuple, option, result, list and map
        /// (in its interface's host codec class, per side when the type differs between the two instances of an interface),
        /// and per anonymous compound list element, map key or map value (in the class whose types or functions use it).
        /// Anonymous types elsewhere are converted in place. Names are claimed per class: named types in declaration order,
        /// then anonymous ones in the order the walk meets them.
        /// </summary>
        private HostCodecSet BindHostCodecs(List<InterfaceState> states, List<HostContract> contracts)
        {
            var set = new HostCodecSet();
            var homes = new List<(CsName Home, NameScope Scope, List<(AbiType Type, BindingSide Side)> Roots)>();
            foreach (var state in states)
            {
                var (_, _, codecClass, scope) = _hostNames.Interfaces[state];
                var roots = new List<(AbiType, BindingSide)>();
                foreach (var typeId in state.Interface.Types.Values)
                {
                    // a WASI type holding a resource of Wasmtime's WASI never reaches the host (HostValidation): no codec
                    if (_wasi.Contains(state.Id) && HasHandle(_abi.Type(typeId))) continue;
                    var sides = state.IsDual && IsSideDependent(typeId) ? new[] { state.PrimarySide, BindingSide.Export } : new[] { state.PrimarySide };
                    foreach (var side in sides)
                    {
                        if (HostNamed(typeId, side, codecClass, scope, state.IsDual && side == BindingSide.Export && IsSideDependent(typeId), set) is { } node)
                            roots.Add((node, side));
                    }
                }
                homes.Add((codecClass, scope, roots));
            }
            var worldRoots = new List<(AbiType, BindingSide)>();
            foreach (var item in _world.Imports.Values.Concat(_world.Exports.Values))
            {
                if (item is TypeWorldItem t && HostNamed(t.Id, BindingSide.Import, _hostNames.WorldCodecClass, _hostNames.WorldCodecScope, false, set) is { } node)
                    worldRoots.Add((node, BindingSide.Import));
            }
            homes.Add((_hostNames.WorldCodecClass, _hostNames.WorldCodecScope, worldRoots));

            // the functions whose codecs live in each class, in contract order (grouped once, not searched per class)
            var functionsByHome = new Dictionary<CsName, List<FunctionBinding>>();
            foreach (var contract in contracts)
            {
                foreach (var f in contract.Functions)
                {
                    if (!functionsByHome.TryGetValue(f.Function.CodecHome, out var list)) functionsByHome.Add(f.Function.CodecHome, list = new());
                    list.Add(f.Function);
                }
            }

            // anonymous elements: what each class's named types and functions contain
            foreach (var (home, scope, roots) in homes)
            {
                var walk = new List<(AbiType Type, BindingSide Side)>();
                foreach (var (node, side) in roots) walk.AddRange(node.Children().Select(c => (c, side)));
                if (functionsByHome.TryGetValue(home, out var homeFunctions))
                {
                    foreach (var f in homeFunctions)
                    {
                        foreach (var p in f.Plan.Function.Params) walk.Add((p.Type, f.Context));
                        if (f.Plan.Function.Result is { } result) walk.Add((result, f.Context));
                    }
                }
                var seen = new HashSet<(AbiType, BindingSide)>();
                var queue = new Queue<(AbiType Type, BindingSide Side)>(walk);
                while (queue.Count > 0)
                {
                    var (type, side) = queue.Dequeue();
                    if (!seen.Add((type, side)) || IsHostNamed(type)) continue;
                    if (type.Kind is AbiTypeKind.List or AbiTypeKind.FixedList)
                        EnsureHostElement(type.Element!, side, home, scope, set);
                    if (type.Kind is AbiTypeKind.Map)
                    {
                        EnsureHostElement(type.Key!, side, home, scope, set);
                        EnsureHostElement(type.Value!, side, home, scope, set);
                        queue.Enqueue((type.Key!, side));
                        queue.Enqueue((type.Value!, side));
                        continue;
                    }
                    foreach (var child in type.Children()) queue.Enqueue((child, side));
                }
            }
            return set;
        }

        private static bool HasHandle(AbiType type) =>
            type.Kind is AbiTypeKind.Own or AbiTypeKind.Borrow || type.Children().Any(HasHandle);

        /// <summary>Whether a node has a codec of its own in its owner's class (named, and not a primitive or handle).</summary>
        private static bool IsHostNamed(AbiType type) => type.Name is not null && IsHostCodecKind(type);

        private static bool IsHostCodecKind(AbiType type) => type.Kind is AbiTypeKind.Record or AbiTypeKind.Variant or AbiTypeKind.Enum or AbiTypeKind.Flags
            or AbiTypeKind.Tuple or AbiTypeKind.Option or AbiTypeKind.Result or AbiTypeKind.List or AbiTypeKind.FixedList or AbiTypeKind.Map;

        private AbiType? HostNamed(TypeId typeId, BindingSide side, CsName home, NameScope scope, bool exported, HostCodecSet set)
        {
            var def = _resolve.Types[typeId];
            if (def.Kind is AliasKind or ResourceKind) return null;
            var node = _abi.Type(typeId);
            if (!IsHostNamed(node)) return null;
            string stem = (exported ? "Exported" : "") + CSharpNames.Pascal(def.Name!);
            AddHostCodec(node, side, home, scope, stem, shared: true, set);
            return node;
        }

        private void EnsureHostElement(AbiType element, BindingSide side, CsName home, NameScope scope, HostCodecSet set)
        {
            if (!IsHostCodecKind(element) || IsHostNamed(element) || set.Index.ContainsKey((element, PlanDirection.Lift, side, home))) return;
            AddHostCodec(element, side, home, scope, Describe(element), shared: false, set);
        }

        private void AddHostCodec(AbiType node, BindingSide side, CsName home, NameScope scope, string stem, bool shared, HostCodecSet set)
        {
            foreach (var direction in new[] { PlanDirection.Lift, PlanDirection.Lower })
            {
                string method = scope.Claim((direction == PlanDirection.Lift ? "Lift" : "Lower") + stem);
                var codec = new HostCodecBinding(home, method, direction, side, node, CsTypeOf(node, side));
                set.Add(codec);
                foreach (var user in new[] { BindingSide.Import, BindingSide.Export })
                    if (user == side || !IsSideDependent(node, user, side)) set.Index[(node, direction, user, shared ? null : home)] = codec;
            }
        }

        /// <summary>The C# type of a node and everything inside it, on one side.</summary>
        private void ProjectType(AbiType root, BindingSide side, HashSet<(AbiType, BindingSide)> seen)
        {
            var stack = new Stack<AbiType>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var type = stack.Pop();
                if (!seen.Add((type, side))) continue;
                CsTypeOf(type, side);
                foreach (var child in type.Children()) stack.Push(child);
            }
        }
    }
}

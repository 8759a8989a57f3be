using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

public sealed partial class ResolveBuilder
{
    /// <summary>
    /// Moves one <see cref="UnresolvedPackage"/> into the Resolve (wit-parser's <c>Remap::append</c>): maps
    /// each local id to its new id in the Resolve, or to nothing when the item is gated by a disabled
    /// feature (a later reference to such an item is an error) or when it failed to connect (an error was
    /// reported; later references to it are silently left out or become the error type).
    /// </summary>
    private sealed partial class Remap : Symbols.ILocalIdMap
    {
        private readonly Resolve _resolve;
        private readonly DiagnosticSink _errors;
        private readonly HashSet<PackageName> _expectedPackages;
        private readonly HashSet<PackageName> _ambiguousPackages;
        // Local index -> new id (null: gated off or failed); chunked, as a big package has tens of thousands of types.
        private readonly ChunkedList<TypeId?> _types = new();
        private readonly ChunkedList<InterfaceId?> _interfaces = new();
        private readonly ChunkedList<WorldId?> _worlds = new();

        // Local indices whose item failed to connect (as opposed to being gated off by a feature).
        private readonly HashSet<int> _failedTypes = new();
        private readonly HashSet<int> _failedInterfaces = new();
        private readonly HashSet<int> _failedWorlds = new();

        // The type standing for every reference that cannot be mapped (allocated on first need).
        private TypeId? _errorType;

        // The name of the package being appended.
        private PackageName? _self;

        // `own<T>` handles created for references to resources, by resource id (deduplicated).
        private readonly Dictionary<TypeId, TypeId> _ownHandles = new();

        // Memo of "does this type contain a borrow<T>", by new type id: 0 unknown, 1 no, 2 yes.
        private readonly ChunkedList<byte> _typeHasBorrow = new();
        private readonly List<TypeId> _borrowStack = new();

        public Remap(Resolve resolve, DiagnosticSink errors, HashSet<PackageName> expectedPackages, HashSet<PackageName> ambiguousPackages)
        {
            _resolve = resolve;
            _errors = errors;
            _expectedPackages = expectedPackages;
            _ambiguousPackages = ambiguousPackages;
        }

        public InterfaceId? Interface(int localIndex) => localIndex >= 0 && localIndex < _interfaces.Count ? _interfaces[localIndex] : null;

        public WorldId? World(int localIndex) => localIndex >= 0 && localIndex < _worlds.Count ? _worlds[localIndex] : null;

        public TypeId? Type(int localIndex) => localIndex >= 0 && localIndex < _types.Count ? _types[localIndex] : null;

        public PackageId? Append(UnresolvedPackage unresolved)
        {
            if (_resolve.PackageNames.ContainsKey(unresolved.Name))
            {
                _errors.Error($"package `{unresolved.Name}` is defined in two different locations",
                    unresolved.PackageNameSpan, DiagnosticCodes.Package);
                return null;
            }
            var package = new Package(unresolved.Name) { Docs = unresolved.Docs };
            var pkgId = _resolve.Packages.Alloc(package);
            _resolve.PackageNames.Add(unresolved.Name, pkgId);
            _self = unresolved.Name;
            ProcessForeignDeps(pkgId, unresolved);

            int foreignTypes = _types.Count;
            int foreignInterfaces = _interfaces.Count;
            int foreignWorlds = _worlds.Count;

            // The ids the package's interfaces and worlds will get (whether an item is included does not depend on
            // anything mapped below), so each type's owner is fixed in the same pass as its contents: one pass over
            // the types instead of three, which matters once a package no longer fits in the cache.
            var plannedInterfaces = PlanIds(unresolved.Interfaces.Items, foreignInterfaces, _resolve.Interfaces.Count, i => i.Stability);
            var plannedWorlds = PlanIds(unresolved.Worlds.Items, foreignWorlds, _resolve.Worlds.Count, w => w.Stability);
            // Types whose owner did not map (gated off or failed): their error is reported where wit-parser does.
            List<int>? unmappedInterfaceOwners = null, unmappedWorldOwners = null;

            // Types first (they are in topological order), fixing references between them.
            for (int i = foreignTypes; i < unresolved.Types.Count; i++)
            {
                var ty = unresolved.Types.Items[i];
                var span = ty.Span;
                if (!IncludeStability(ty.Stability, pkgId, span))
                {
                    _types.Add(null);
                    continue;
                }
                UpdateTypeDef(ty, span);
                if (ty.Owner.TryGetInterface(out var interfaceOwner))
                {
                    if (PlannedOwner(_interfaces, plannedInterfaces, foreignInterfaces, interfaceOwner.Index) is { } mapped) ty.Owner = TypeOwner.OfInterface(new InterfaceId(mapped));
                    else (unmappedInterfaceOwners ??= new()).Add(_types.Count);
                }
                else if (ty.Owner.TryGetWorld(out var worldOwner))
                {
                    if (PlannedOwner(_worlds, plannedWorlds, foreignWorlds, worldOwner.Index) is { } mapped) ty.Owner = TypeOwner.OfWorld(new WorldId(mapped));
                    else (unmappedWorldOwners ??= new()).Add(_types.Count);
                }
                var newId = _resolve.Types.Alloc(ty);
                // An anonymous `own<T>` written in the source is shared with the handles created for
                // references to T (the one allocated here stays in the arena, unreferenced, as in wit-parser).
                if (ty.Name == null && ty.Owner.IsNone && ty.Kind is HandleKind { IsOwn: true } own)
                {
                    if (_ownHandles.TryGetValue(own.Resource, out var existing)) newId = existing;
                    else _ownHandles[own.Resource] = newId;
                }
                _types.Add(newId);
            }

            // Interfaces next, fixing the type ids they mention.
            for (int i = foreignInterfaces; i < unresolved.Interfaces.Count; i++)
            {
                var iface = unresolved.Interfaces.Items[i];
                if (!IncludeStability(iface.Stability, pkgId, iface.Span))
                {
                    _interfaces.Add(null);
                    continue;
                }
                iface.Package = pkgId;
                UpdateInterface(iface);
                var newId = _resolve.Interfaces.Alloc(iface);
                CheckPlanned(plannedInterfaces[i - foreignInterfaces], newId.Index);
                _interfaces.Add(newId);
            }

            if (unmappedInterfaceOwners != null)
            {
                foreach (int i in unmappedInterfaceOwners)
                {
                    var ty = _resolve.Types[_types[i]!.Value];
                    ty.Owner = MapInterfaceForType(ty.Owner.Interface, ty.Span) is { } mapped ? TypeOwner.OfInterface(mapped) : TypeOwner.None;
                }
            }

            // Worlds: items are remapped here; includes and elaboration come after all worlds exist.
            for (int i = foreignWorlds; i < unresolved.Worlds.Count; i++)
            {
                var world = unresolved.Worlds.Items[i];
                if (!IncludeStability(world.Stability, pkgId, world.Span))
                {
                    _worlds.Add(null);
                    continue;
                }
                UpdateWorld(world, pkgId);
                var newId = _resolve.Worlds.Alloc(world);
                CheckPlanned(plannedWorlds[i - foreignWorlds], newId.Index);
                _worlds.Add(newId);
            }

            if (unmappedWorldOwners != null)
            {
                foreach (int i in unmappedWorldOwners)
                {
                    var ty = _resolve.Types[_types[i]!.Value];
                    ty.Owner = MapWorldForType(ty.Owner.World, ty.Span) is { } mapped ? TypeOwner.OfWorld(mapped) : TypeOwner.None;
                }
            }

            // Worlds are in topological order, so an included world of this package is complete (its
            // own includes processed and elaborated) before a world including it.
            for (int i = foreignWorlds; i < _worlds.Count; i++)
            {
                if (_worlds[i] is not { } id) continue;
                ProcessWorldIncludes(id, pkgId);
                ElaborateWorld(id, _resolve.Worlds[id].Span);
            }

            for (int i = foreignInterfaces; i < _interfaces.Count; i++)
            {
                if (_interfaces[i] is not { } id) continue;
                var iface = _resolve.Interfaces[id];
                iface.Package = pkgId;
                // A name defined twice was reported; the first definition keeps it.
                if (iface.Name != null) package.Interfaces.TryAdd(iface.Name, id);
            }
            for (int i = foreignWorlds; i < _worlds.Count; i++)
            {
                if (_worlds[i] is not { } id) continue;
                var world = _resolve.Worlds[id];
                world.Package = pkgId;
                package.Worlds.TryAdd(world.Name, id);
            }
            return pkgId;
        }

        // ---- id maps -------------------------------------------------------------------------------

        /// <summary>The arena index each of the package's own items (after the foreign placeholders) will get when
        /// allocated in order: -1 for an item gated off by a feature.</summary>
        private int[] PlanIds<T>(IReadOnlyList<T> items, int foreign, int next, Func<T, Stability> stability)
        {
            var planned = new int[Math.Max(0, items.Count - foreign)];
            for (int i = foreign; i < items.Count; i++) planned[i - foreign] = IsIncluded(stability(items[i])) ? next++ : -1;
            return planned;
        }

        /// <summary>The new index of an owner (a foreign placeholder, mapped already, or one of the package's own
        /// items, as planned); null when it did not map.</summary>
        private static int? PlannedOwner<T>(ChunkedList<T?> mapped, int[] planned, int foreign, int index) where T : struct, IArenaId<T>
        {
            if (index < foreign) return index < mapped.Count && mapped[index] is { } id ? id.Index : null;
            int k = index - foreign;
            return k < planned.Length && planned[k] >= 0 ? planned[k] : null;
        }

        private static void CheckPlanned(int planned, int actual)
        {
            if (planned != actual) throw new InvalidOperationException($"internal error: item allocated at {actual}, planned at {planned}");
        }

        /// <summary>The new id of a local type; the error type when it was gated off (reported here) or failed.</summary>
        private TypeId MapType(TypeId id, Span span)
        {
            int index = id.Index;
            if (index >= 0 && index < _types.Count)
            {
                if (_types[index] is { } mapped) return mapped;
                if (!_failedTypes.Contains(index)) _errors.Error(ExcludedMessage("type"), span, DiagnosticCodes.Resolution);
                return ErrorType();
            }
            throw new InvalidOperationException("internal error: request to remap a type that has not yet been registered");
        }

        /// <summary>The new id of a local interface; null when it was gated off (reported here) or failed.</summary>
        private InterfaceId? MapInterface(InterfaceId id, Span span) => Apply(_interfaces, _failedInterfaces, id.Index, "interface", span);

        private WorldId? MapWorld(WorldId id, Span span) => Apply(_worlds, _failedWorlds, id.Index, "world", span);

        private WorldId? MapWorldForType(WorldId id, Span span)
        {
            if (id.Index < _worlds.Count && _worlds[id.Index] is { } mapped) return mapped;
            if (!_failedWorlds.Contains(id.Index))
            {
                _errors.Error(ExcludedMessage("world") + "; this type is not gated by a feature but its world is", span, DiagnosticCodes.Resolution);
            }
            return null;
        }

        private InterfaceId? MapInterfaceForType(InterfaceId id, Span span)
        {
            if (id.Index < _interfaces.Count && _interfaces[id.Index] is { } mapped) return mapped;
            if (!_failedInterfaces.Contains(id.Index))
            {
                _errors.Error(ExcludedMessage("interface") + "; this type is not gated by a feature but its interface is", span, DiagnosticCodes.Resolution);
            }
            return null;
        }

        private T? Apply<T>(ChunkedList<T?> map, HashSet<int> failed, int index, string what, Span span) where T : struct
        {
            if (index >= 0 && index < map.Count)
            {
                if (map[index] is { } mapped) return mapped;
                if (!failed.Contains(index)) _errors.Error(ExcludedMessage(what), span, DiagnosticCodes.Resolution);
                return null;
            }
            throw new InvalidOperationException($"internal error: request to remap a {what} that has not yet been registered");
        }

        private static string ExcludedMessage(string what) =>
            $"found a reference to a {what} which is excluded due to its feature not being activated";

        /// <summary>The type every unmappable reference of this package becomes (of <see cref="UnknownKind"/>, without owner).</summary>
        private TypeId ErrorType() =>
            _errorType ??= _resolve.Types.Alloc(new TypeDef("<error>", new UnknownKind(), TypeOwner.None));

        // ---- feature gates -------------------------------------------------------------------------

        /// <summary>Whether an item with this stability is included (wit-parser's <c>include_stability</c>).
        /// <c>@since</c> needs a versioned package and a version not newer than the package's.</summary>
        /// <summary>Whether <see cref="IncludeStability"/> includes an item (without reporting anything).</summary>
        private bool IsIncluded(Stability stability) =>
            stability.Kind != StabilityKind.Unstable || _resolve.IsFeatureEnabled(stability.Feature!);

        private bool IncludeStability(Stability stability, PackageId pkgId, Span span)
        {
            switch (stability.Kind)
            {
                case StabilityKind.Stable:
                {
                    if (!_resolve.Packages.Contains(pkgId)) return true;
                    var name = _resolve.Packages[pkgId].Name;
                    if (name.Version is not { } version)
                    {
                        _errors.Error(
                            $"package [{name}] contains a feature gate with a version specifier, so it must have a version",
                            span, DiagnosticCodes.Resolution);
                    }
                    else if (stability.Since! > version)
                    {
                        _errors.Error(
                            $"feature gate cannot reference unreleased version {stability.Since} of package [{name}] (current version {version})",
                            span, DiagnosticCodes.Resolution);
                    }
                    return true;
                }
                case StabilityKind.Unstable:
                    return _resolve.IsFeatureEnabled(stability.Feature!);
                default:
                    return true;
            }
        }

        // ---- foreign dependencies ------------------------------------------------------------------

        private void ProcessForeignDeps(PackageId pkgId, UnresolvedPackage unresolved)
        {
            var interfaceToPackage = new Dictionary<InterfaceId, ForeignRef>();
            var worldToPackage = new Dictionary<WorldId, ForeignRef>();
            for (int i = 0; i < unresolved.ForeignDeps.Count; i++)
            {
                var pkgName = unresolved.ForeignDeps.KeyAt(i);
                var span = i < unresolved.ForeignDepSpans.Count ? unresolved.ForeignDepSpans[i] : Span.Unknown;
                foreach (var entry in unresolved.ForeignDeps.ValueAt(i))
                {
                    var foreign = new ForeignRef(pkgName, entry.Key, span, entry.Value.Stabilities);
                    if (entry.Value.Item.Kind == AstItemKind.Interface) interfaceToPackage[entry.Value.Item.Interface] = foreign;
                    else worldToPackage[entry.Value.Item.World] = foreign;
                }
            }

            // Foreign interfaces and worlds come first in their arenas: connect each to the item it names.
            for (int i = 0; i < unresolved.Interfaces.Count; i++)
            {
                if (!interfaceToPackage.TryGetValue(new InterfaceId(i), out var foreign)) break;
                if (FindForeignPackage(foreign) is not { } packageId)
                {
                    Fail(_interfaces, _failedInterfaces);
                    continue;
                }
                var package = _resolve.Packages[packageId];
                var ifaceSpan = unresolved.Interfaces.Items[i].Span;
                if (!AnyIncluded(foreign.Stabilities, pkgId, ifaceSpan))
                {
                    _interfaces.Add(null);
                    continue;
                }
                if (!package.Interfaces.TryGetValue(foreign.Name, out var ifaceId))
                {
                    if (!_ambiguousPackages.Contains(foreign.Package))
                    {
                        var suggestion = NameSuggestion.Nearest(foreign.Name, package.Interfaces.Keys);
                        _errors.Add(NotFoundInPackage("interface", foreign.Name, package.Name, ifaceSpan, suggestion));
                        if (suggestion != null && _errors.StandIn(ifaceSpan, foreign.Name, suggestion, "interface"))
                        {
                            _interfaces.Add(package.Interfaces[suggestion]);
                            continue;
                        }
                    }
                    Fail(_interfaces, _failedInterfaces);
                    continue;
                }
                _interfaces.Add(ifaceId);
            }

            for (int i = 0; i < unresolved.Worlds.Count; i++)
            {
                if (!worldToPackage.TryGetValue(new WorldId(i), out var foreign)) break;
                if (FindForeignPackage(foreign) is not { } packageId)
                {
                    Fail(_worlds, _failedWorlds);
                    continue;
                }
                var package = _resolve.Packages[packageId];
                var worldSpan = unresolved.Worlds.Items[i].Span;
                if (!AnyIncluded(foreign.Stabilities, pkgId, worldSpan))
                {
                    _worlds.Add(null);
                    continue;
                }
                if (!package.Worlds.TryGetValue(foreign.Name, out var worldId))
                {
                    if (!_ambiguousPackages.Contains(foreign.Package))
                    {
                        var suggestion = NameSuggestion.Nearest(foreign.Name, package.Worlds.Keys);
                        _errors.Add(NotFoundInPackage("world", foreign.Name, package.Name, worldSpan, suggestion));
                        if (suggestion != null && _errors.StandIn(worldSpan, foreign.Name, suggestion, "world"))
                        {
                            _worlds.Add(package.Worlds[suggestion]);
                            continue;
                        }
                    }
                    Fail(_worlds, _failedWorlds);
                    continue;
                }
                _worlds.Add(worldId);
            }

            // Types used from foreign interfaces (placeholders of unknown kind, owned by the foreign interface)
            // come first among types.
            for (int i = 0; i < unresolved.Types.Count; i++)
            {
                var ty = unresolved.Types.Items[i];
                if (ty.Kind is not UnknownKind || !ty.Owner.TryGetInterface(out var owner)) break;
                if (!IncludeStability(ty.Stability, pkgId, ty.Span))
                {
                    _types.Add(null);
                    continue;
                }
                if (MapInterface(owner, Span.Unknown) is not { } ifaceId)
                {
                    Fail(_types, _failedTypes);
                    continue;
                }
                var nameSpan = i < unresolved.UnknownTypeSpans.Count ? unresolved.UnknownTypeSpans[i] : ty.Span;
                if (ty.Name == null || !_resolve.Interfaces[ifaceId].Types.TryGetValue(ty.Name, out var typeId))
                {
                    var types = _resolve.Interfaces[ifaceId].Types;
                    var suggestion = ty.Name == null ? null : NameSuggestion.Nearest(ty.Name, types.Keys);
                    _errors.Add(new WitDiagnostic($"type `{ty.Name}` not defined in interface", nameSpan, DiagnosticSeverity.Error, DiagnosticCodes.Package)
                    {
                        Help = suggestion == null ? null : NameSuggestion.Help(suggestion),
                        Suggestion = NameSuggestion.Replace(suggestion, nameSpan),
                    });
                    if (suggestion != null && _errors.StandIn(nameSpan, ty.Name!, suggestion, "type"))
                    {
                        _types.Add(types[suggestion]);
                        continue;
                    }
                    Fail(_types, _failedTypes);
                    continue;
                }
                _types.Add(typeId);
            }

            // Types used as handle targets must be resources, which is only known now for foreign types.
            foreach (var (required, span) in unresolved.RequiredResourceTypes)
            {
                // A type configured away is skipped: any use of it is reported elsewhere.
                if (required.Index >= _types.Count || _types[required.Index] is not { } id) continue;
                while (true)
                {
                    var kind = _resolve.Types[id].Kind;
                    if (kind is AliasKind { Target: { IsId: true } target }) id = target.Id;
                    else if (kind is ResourceKind || kind is UnknownKind) break;
                    else
                    {
                        _errors.Error("type used in a handle must be a resource", span, DiagnosticCodes.Resolution);
                        break;
                    }
                }
            }
        }

        /// <summary>wit-parser's "{kind} 'name' not found in package 'pkg'", with help naming a near name.</summary>
        private static WitDiagnostic NotFoundInPackage(string kind, string name, PackageName package, Span span, string? suggestion) =>
            new($"{kind} '{name}' not found in package '{package}'", span, DiagnosticSeverity.Error, DiagnosticCodes.Package)
            {
                Help = suggestion == null ? null : NameSuggestion.Help(suggestion),
                Suggestion = NameSuggestion.Replace(suggestion, span),
            };

        private static void Fail<T>(ChunkedList<T?> map, HashSet<int> failed) where T : struct
        {
            failed.Add(map.Count);
            map.Add(null);
        }

        /// <summary>The package a foreign reference names; null when it is not in the Resolve (reported, unless the
        /// package is one being pushed that is in a cycle or failed).</summary>
        private PackageId? FindForeignPackage(ForeignRef foreign)
        {
            // A package depending on itself is a reported cycle.
            if (foreign.Package.Equals(_self)) return null;
            if (_resolve.PackageNames.TryGetValue(foreign.Package, out var id)) return id;
            if (_expectedPackages.Contains(foreign.Package)) return null;
            string message;
            if (_resolve.PackageNames.Count == 0)
            {
                message = $"package '{foreign.Package}' not found";
            }
            else
            {
                var text = new System.Text.StringBuilder($"package '{foreign.Package}' not found. known packages:");
                foreach (var known in _resolve.PackageNames.Keys) text.Append("\n    ").Append(known);
                message = text.ToString();
            }
            _errors.Error(message, foreign.Span, DiagnosticCodes.Package);
            return null;
        }

        private bool AnyIncluded(List<Stability> stabilities, PackageId pkgId, Span span)
        {
            foreach (var stability in stabilities)
            {
                if (IncludeStability(stability, pkgId, span)) return true;
            }
            return false;
        }

        private sealed class ForeignRef
        {
            public ForeignRef(PackageName package, string name, Span span, List<Stability> stabilities)
            {
                Package = package;
                Name = name;
                Span = span;
                Stabilities = stabilities;
            }

            public PackageName Package { get; }
            public string Name { get; }
            public Span Span { get; }
            public List<Stability> Stabilities { get; }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

public sealed partial class ResolveBuilder
{
    private sealed partial class Remap
    {
        // ---- include -------------------------------------------------------------------------------

        private void ProcessWorldIncludes(WorldId id, PackageId pkgId)
        {
            var world = _resolve.Worlds[id];
            // What the world itself wrote, before includes add to it and elaboration adds implied imports.
            world.WrittenImports = new List<WorldKey>(world.Imports.Keys);
            world.WrittenExports = new List<WorldKey>(world.Exports.Keys);
            var includes = world.Includes;
            world.Includes = new List<WorldInclude>();
            foreach (var include in includes)
            {
                if (!IncludeStability(include.Stability, pkgId, include.Span)) continue;
                if (ResolveInclude(id, include.Id, include.Names, include.Span, pkgId) is not { } includedId) continue;
                _resolve.Worlds[id].AppliedIncludes.Add(new WorldInclude(includedId)
                {
                    Stability = include.Stability,
                    Names = include.Names,
                    Span = include.Span,
                });
            }
            ValidateCaseInsensitiveNames(_resolve.Worlds[id]);
        }

        /// <summary>Kebab-names are case-insensitive: <c>foo</c> and <c>FOO</c> cannot both be imported
        /// (or both exported).</summary>
        private void ValidateCaseInsensitiveNames(World world)
        {
            Validate(world.Imports, "import");
            Validate(world.Exports, "export");

            void Validate(OrderedMap<WorldKey, WorldItem> items, string what)
            {
                var seen = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var key in items.Keys)
                {
                    if (key.Name is not { } name) continue;
                    string lower = name.ToLowerInvariant();
                    if (seen.TryGetValue(lower, out var existing) && existing != name)
                    {
                        // wit-parser has no span for world keys, so this error has no location.
                        _errors.Error(
                            $"{what} `{name}` in world `{world.Name}` conflicts with {what} `{existing}` (kebab-case identifiers are case-insensitive)",
                            Span.Unknown, DiagnosticCodes.Resolution);
                        continue;
                    }
                    seen[lower] = name;
                }
            }
        }

        /// <summary>Adds the included world's items to world <paramref name="id"/>; null when the included world is
        /// gated off (reported) or failed to connect.</summary>
        private WorldId? ResolveInclude(WorldId id, WorldId includedOriginal, List<IncludeName> names, Span span, PackageId pkgId)
        {
            var world = _resolve.Worlds[id];
            if (MapWorld(includedOriginal, span) is not { } includedId) return null;
            var included = _resolve.Worlds[includedId];
            // Snapshots: the including world may be the one changing below.
            var includedImports = new List<KeyValuePair<WorldKey, WorldItem>>(included.Imports);
            var includedExports = new List<KeyValuePair<WorldKey, WorldItem>>(included.Exports);
            // Worlds of the package being pushed have no package yet, so "external" means another package.
            bool isExternal = world.Package != included.Package;

            // Every `with` rename must name an item of the included world.
            var unmatched = new List<IncludeName>(names);
            foreach (var pair in includedImports) RemoveMatchingNames(pair.Key, unmatched);
            foreach (var pair in includedExports) RemoveMatchingNames(pair.Key, unmatched);
            if (unmatched.Count > 0)
            {
                _errors.Error(
                    $"no import or export kebab-name `{unmatched[0].Name}`. Note that an ID does not support renaming",
                    span, DiagnosticCodes.Resolution);
            }

            var cloner = new Cloner(_resolve, new CloneMaps(), TypeOwner.OfWorld(includedId), TypeOwner.OfWorld(id), pkgId);
            foreach (var pair in includedImports)
            {
                ResolveIncludeItem(cloner, names, _resolve.Worlds[id].Imports, pair, span, "import", isExternal);
            }
            foreach (var pair in includedExports)
            {
                ResolveIncludeItem(cloner, names, _resolve.Worlds[id].Exports, pair, span, "export", isExternal);
            }
            return includedId;
        }

        private void ResolveIncludeItem(
            Cloner cloner,
            List<IncludeName> names,
            OrderedMap<WorldKey, WorldItem> into,
            KeyValuePair<WorldKey, WorldItem> item,
            Span span,
            string what,
            bool isExternal)
        {
            if (item.Key.Name is { } originalName)
            {
                string name = originalName;
                foreach (var rename in names)
                {
                    if (Rename(originalName, rename) is { } renamed)
                    {
                        name = renamed;
                        break;
                    }
                }

                // Items defined in the included world (types, functions, inline interfaces) are copied so
                // that the including world owns its own versions; renamed functions and types take the new name.
                var key = WorldKey.OfName(name);
                var copy = cloner.WorldItem(key, CloneWorldItem(item.Value));
                if (copy is FunctionWorldItem func) func.Function.Name = name;
                else if (copy is TypeWorldItem type) _resolve.Types[type.Id].Name = name;

                if (into.ContainsKey(key))
                {
                    _errors.Error($"{what} of `{name}` shadows previously {what}ed items", span, DiagnosticCodes.Resolution);
                    return;
                }
                into.Add(key, copy);
                return;
            }

            // Interfaces by path are shared: the item is added once and the stabilities are merged.
            if (!into.TryGetValue(item.Key, out var existing))
            {
                existing = CloneWorldItem(item.Value);
                into.Add(item.Key, existing);
            }
            if (item.Value is InterfaceWorldItem from && existing is InterfaceWorldItem target)
            {
                target.Stability = MergeIncludeStability(from.Stability, target.Stability, isExternal, from.Span);
            }
        }

        private static void RemoveMatchingNames(WorldKey key, List<IncludeName> names)
        {
            if (key.Name is not { } name) return;
            names.RemoveAll(n => Rename(name, n) != null);
        }

        /// <summary>The new name of <paramref name="original"/> under an include's <c>with { a as b }</c>:
        /// the name itself, or the resource part of <c>[method]a.f</c>, <c>[static]a.f</c>,
        /// <c>[constructor]a</c>; null when the rename does not apply.</summary>
        internal static string? Rename(string original, IncludeName rename)
        {
            if (original == rename.Name) return rename.As;
            int close = original.IndexOf(']');
            if (close < 0) return null;
            string kind = original.Substring(0, close);
            string rest = original.Substring(close + 1);
            int dot = rest.IndexOf('.');
            if (dot >= 0 && rest.Substring(0, dot) == rename.Name)
            {
                return kind + "]" + rename.As + "." + rest.Substring(dot + 1);
            }
            return rest == rename.Name ? kind + "]" + rename.As : null;
        }

        private Stability MergeIncludeStability(Stability from, Stability into, bool isExternal, Span span)
        {
            // `@since` of another package's world does not carry over into this package.
            if (isExternal && from.IsStable) return Stability.Unknown;
            return UpdateStability(from, into, span);
        }

        private Stability UpdateStability(Stability from, Stability into, Span span)
        {
            if (from.Equals(into) || from.IsUnknown) return into;
            if (into.IsUnknown) return from;
            _errors.Error(
                $"mismatch in stability from '{DebugStability(from)}' to '{DebugStability(into)}'",
                span, DiagnosticCodes.Resolution);
            return into;
        }

        /// <summary>A stability as Rust's <c>{:?}</c> prints it (used in the mismatch message).</summary>
        internal static string DebugStability(Stability stability)
        {
            switch (stability.Kind)
            {
                case StabilityKind.Stable:
                    return $"Stable {{ since: {DebugVersion(stability.Since!)}, deprecated: {DebugOptionalVersion(stability.Deprecated)} }}";
                case StabilityKind.Unstable:
                    return $"Unstable {{ feature: \"{stability.Feature}\", deprecated: {DebugOptionalVersion(stability.Deprecated)} }}";
                default:
                    return "Unknown";
            }
        }

        private static string DebugOptionalVersion(SemVersion? version) =>
            version is null ? "None" : "Some(" + DebugVersion(version) + ")";

        private static string DebugVersion(SemVersion v)
        {
            var text = $"Version {{ major: {v.Major}, minor: {v.Minor}, patch: {v.Patch}";
            if (v.Pre.Length > 0) text += $", pre: Prerelease(\"{v.Pre}\")";
            if (v.Build.Length > 0) text += $", build: BuildMetadata(\"{v.Build}\")";
            return text + " }";
        }

        private static WorldItem CloneWorldItem(WorldItem item) => item switch
        {
            InterfaceWorldItem i => new InterfaceWorldItem(i.Id)
            {
                Stability = i.Stability,
                ExternalId = i.ExternalId,
                Docs = i.Docs,
                Span = i.Span,
            },
            FunctionWorldItem f => new FunctionWorldItem(f.Function.Clone()),
            TypeWorldItem t => new TypeWorldItem(t.Id) { Span = t.Span },
            _ => throw new InvalidOperationException("internal error: unknown world item"),
        };

        // ---- elaboration ---------------------------------------------------------------------------

        /// <summary>
        /// Completes a world (wit-parser's <c>elaborate_world</c>): every interface that an import depends on
        /// is imported too, before it; exported interfaces' dependencies are exported or imported, but a
        /// dependency cannot be both (then the world is rejected); imports are ordered interfaces, then used
        /// types, then defined types, then functions, then resource functions.
        /// </summary>
        private void ElaborateWorld(WorldId worldId, Span span)
        {
            var world = _resolve.Worlds[worldId];
            var newImports = new OrderedMap<WorldKey, WorldItem>();

            var imports = new List<KeyValuePair<WorldKey, WorldItem>>(world.Imports);
            StableSortByClass(imports);
            // Written imports in the order elaboration processes them (see World.WrittenImports).
            var written = new HashSet<WorldKey>(world.WrittenImports ?? new List<WorldKey>());
            world.WrittenImports = imports.Where(pair => written.Contains(pair.Key)).Select(pair => pair.Key).ToList();
            foreach (var pair in imports)
            {
                switch (pair.Value)
                {
                    case InterfaceWorldItem iface:
                        ElaborateWorldImport(newImports, pair.Key, iface.Id, iface.Stability, iface.Docs, iface.ExternalId);
                        break;
                    case FunctionWorldItem:
                        newImports.Add(pair.Key, pair.Value);
                        break;
                    case TypeWorldItem type:
                        if (_resolve.TypeInterfaceDep(type.Id) is { } dep)
                        {
                            ElaborateWorldImport(newImports, WorldKey.OfInterface(dep), dep,
                                _resolve.Types[type.Id].Stability, default, null);
                        }
                        newImports.Add(pair.Key, pair.Value);
                        break;
                }
            }

            var newExports = new OrderedMap<WorldKey, WorldItem>();
            var exportInterfaces = new OrderedMap<WorldKey, InterfaceWorldItem>();
            foreach (var pair in world.Exports)
            {
                if (pair.Value is InterfaceWorldItem iface) exportInterfaces.Add(pair.Key, iface);
                else newExports.Add(pair.Key, pair.Value);
            }

            ElaborateWorldExports(exportInterfaces, newImports, newExports, span);

            // Sort again: interfaces found while elaborating were appended after types.
            var sorted = new List<KeyValuePair<WorldKey, WorldItem>>(newImports);
            StableSortByClass(sorted);
            var finalImports = new OrderedMap<WorldKey, WorldItem>();
            foreach (var pair in sorted) finalImports.Add(pair.Key, pair.Value);

            world.Imports = finalImports;
            world.Exports = newExports;
        }

        private void StableSortByClass(List<KeyValuePair<WorldKey, WorldItem>> items)
        {
            var keyed = new List<(int Class, int Index, KeyValuePair<WorldKey, WorldItem> Item)>(items.Count);
            for (int i = 0; i < items.Count; i++) keyed.Add((SortClass(items[i].Value), i, items[i]));
            keyed.Sort((a, b) => a.Class != b.Class ? a.Class.CompareTo(b.Class) : a.Index.CompareTo(b.Index));
            for (int i = 0; i < items.Count; i++) items[i] = keyed[i].Item;
        }

        private int SortClass(WorldItem item)
        {
            switch (item)
            {
                case InterfaceWorldItem:
                    return 0;
                case TypeWorldItem type:
                {
                    var ty = _resolve.Types[type.Id];
                    if (ty.Kind is AliasKind { Target: { IsId: true } target } && _resolve.Types[target.Id].Owner != ty.Owner) return 1;
                    return 2;
                }
                case FunctionWorldItem func:
                    return func.Function.Resource == null ? 3 : 4;
                default:
                    return 5;
            }
        }

        /// <summary>Adds an interface import after (recursively) the interfaces it depends on.</summary>
        private void ElaborateWorldImport(
            OrderedMap<WorldKey, WorldItem> imports, WorldKey key, InterfaceId id, Stability stability, Docs docs, string? externalId)
        {
            if (imports.ContainsKey(key)) return;
            // Iterative depth-first walk (dependency chains can be long); dependencies inherit the
            // stability of the import that needs them, but not its docs or external id.
            var stack = new Stack<ImportFrame>();
            stack.Push(new ImportFrame(key, id, docs, externalId, DirectDeps(id)));
            while (stack.Count > 0)
            {
                var frame = stack.Peek();
                if (frame.Next < frame.Deps.Count)
                {
                    var dep = frame.Deps[frame.Next++];
                    var depKey = WorldKey.OfInterface(dep);
                    if (!imports.ContainsKey(depKey)) stack.Push(new ImportFrame(depKey, dep, default, null, DirectDeps(dep)));
                    continue;
                }
                stack.Pop();
                imports.TryAdd(frame.Key, new InterfaceWorldItem(frame.Id)
                {
                    Stability = stability,
                    Docs = frame.Docs,
                    ExternalId = frame.ExternalId,
                });
            }
        }

        /// <summary>The interfaces an interface's types use (direct only; may repeat), computed once per interface: every
        /// world importing or exporting it asks again, and the walk reads each of its types. An interface's types are
        /// final once it is in the Resolve. The list is shared: callers only read it.</summary>
        private List<InterfaceId> DirectDeps(InterfaceId id)
        {
            var memo = _directDeps;
            if (memo.Count <= id.Index) memo.EnsureCount(id.Index + 1);
            if (memo[id.Index] is { } known) return known;
            var deps = new List<InterfaceId>();
            foreach (var typeId in _resolve.Interfaces[id].Types.Values)
            {
                if (_resolve.TypeInterfaceDep(typeId) is { } dep) deps.Add(dep);
            }
            memo[id.Index] = deps;
            return deps;
        }

        private readonly ChunkedList<List<InterfaceId>?> _directDeps = new();

        private sealed class ImportFrame
        {
            public ImportFrame(WorldKey key, InterfaceId id, Docs docs, string? externalId, List<InterfaceId> deps)
            {
                Key = key;
                Id = id;
                Docs = docs;
                ExternalId = externalId;
                Deps = deps;
            }

            public WorldKey Key { get; }
            public InterfaceId Id { get; }
            public Docs Docs { get; }
            public string? ExternalId { get; }
            public List<InterfaceId> Deps { get; }
            public int Next { get; set; }
        }

        /// <summary>
        /// Adds the exported interfaces with their dependencies: a dependency that is itself exported is
        /// used as the export, others become imports. An interface needed as an import (by some path)
        /// that is also exported makes the world invalid (component-model#208).
        /// </summary>
        private void ElaborateWorldExports(
            OrderedMap<WorldKey, InterfaceWorldItem> exportInterfaces,
            OrderedMap<WorldKey, WorldItem> imports,
            OrderedMap<WorldKey, WorldItem> exports,
            Span span)
        {
            var requiredImports = new HashSet<InterfaceId>();
            foreach (var pair in exportInterfaces)
            {
                string name = _resolve.NameWorldKey(pair.Key);
                if (!AddWorldExport(imports, exports, exportInterfaces, requiredImports, pair.Key, pair.Value))
                {
                    _errors.Error(
                        $"interface `{name}` transitively depends on an interface in incompatible ways",
                        span, DiagnosticCodes.Resolution);
                }
            }
        }

        private bool AddWorldExport(
            OrderedMap<WorldKey, WorldItem> imports,
            OrderedMap<WorldKey, WorldItem> exports,
            OrderedMap<WorldKey, InterfaceWorldItem> exportInterfaces,
            HashSet<InterfaceId> requiredImports,
            WorldKey rootKey,
            InterfaceWorldItem rootItem)
        {
            // Iterative version of a recursive walk: the first failure anywhere fails the whole export.
            var stack = new Stack<ExportFrame>();
            bool? Enter(WorldKey key, InterfaceWorldItem item, bool addExport)
            {
                if (exports.ContainsKey(key)) return addExport;
                if (!addExport && requiredImports.Contains(item.Id)) return true;
                stack.Push(new ExportFrame(key, item, addExport, DirectDeps(item.Id)));
                return null;
            }

            var first = Enter(rootKey, rootItem, addExport: true);
            if (first.HasValue) return first.Value;
            while (stack.Count > 0)
            {
                var frame = stack.Peek();
                if (frame.Next < frame.Deps.Count)
                {
                    var dep = frame.Deps[frame.Next++];
                    var depKey = WorldKey.OfInterface(dep);
                    var depItem = new InterfaceWorldItem(dep)
                    {
                        Stability = frame.Item.Stability,
                        ExternalId = frame.Item.ExternalId,
                    };
                    var result = Enter(depKey, depItem, frame.AddExport && exportInterfaces.ContainsKey(depKey));
                    if (result == false) return false;
                    continue;
                }

                stack.Pop();
                if (frame.AddExport)
                {
                    if (requiredImports.Contains(frame.Item.Id)) return false;
                    exports.TryAdd(frame.Key, frame.Item);
                }
                else
                {
                    requiredImports.Add(frame.Item.Id);
                    imports.TryAdd(frame.Key, frame.Item);
                }
            }
            return true;
        }

        private sealed class ExportFrame
        {
            public ExportFrame(WorldKey key, InterfaceWorldItem item, bool addExport, List<InterfaceId> deps)
            {
                Key = key;
                Item = item;
                AddExport = addExport;
                Deps = deps;
            }

            public WorldKey Key { get; }
            public InterfaceWorldItem Item { get; }
            public bool AddExport { get; }
            public List<InterfaceId> Deps { get; }
            public int Next { get; set; }
        }
    }
}

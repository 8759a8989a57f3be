using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using WitTools.WitParser.Model;

namespace WitTools.WitParser.Printing;

/// <summary>
/// Prints resolved packages as normalized WIT text. Resolving the text again yields the same model:
/// names, docs, feature gates and external ids are kept, and items are printed in the order the
/// resolver allocates them (per interface: <c>use</c>s, then types with their resource functions, then
/// freestanding functions; per world: imported interfaces, types, imported functions, exports).
/// </summary>
/// <remarks>
/// The model is expected to be a valid resolved one (e.g. from the resolver); structurally impossible
/// models (an unnamed record, a use of an unnamed type) raise <see cref="InvalidOperationException"/>.
/// Nested anonymous types are printed without recursion, so arbitrarily deep nesting is fine.
/// </remarks>
public sealed class WitPrinter
{
    private readonly Resolve _resolve;
    private readonly StringBuilder _out = new();
    private int _indent;
    private bool _atLineStart = true;

    // Whether the current block already has an item, so the next one is preceded by a blank line.
    private bool _anyItems;

    // Set by PrintWorld: only these named interfaces and this one world are printed, the world with all its items
    // (includes applied), and no feature gates or external ids.
    private HashSet<InterfaceId>? _onlyInterfaces;
    private WorldId? _onlyWorld;
    private bool _emitAttributes = true;

    public WitPrinter(Resolve resolve) => _resolve = resolve;

    /// <summary>Whether <c>///</c> doc comments are printed (default true).</summary>
    public bool EmitDocs { get; set; } = true;

    /// <summary>Prints one package with <c>package ns:name;</c> syntax.</summary>
    public static string PrintPackage(Resolve resolve, PackageId package) => Print(resolve, package, Array.Empty<PackageId>());

    /// <summary>
    /// Prints <paramref name="main"/> as the file's package followed by <paramref name="nested"/> packages
    /// in <c>package ns:name { ... }</c> blocks (in the given order; dependencies should come first).
    /// </summary>
    public static string Print(Resolve resolve, PackageId main, IEnumerable<PackageId> nested)
    {
        var printer = new WitPrinter(resolve);
        printer.WritePackages(main, nested);
        return printer.ToString();
    }

    /// <summary>
    /// Prints every package of the Resolve into one text: the last package in topological order (normally
    /// the root package) as the file's package, all others as nested blocks in dependency order.
    /// </summary>
    public static string PrintAll(Resolve resolve)
    {
        var order = resolve.TopologicalPackages();
        if (order.Count == 0) return "";
        var main = order[order.Count - 1];
        order.RemoveAt(order.Count - 1);
        return Print(resolve, main, order);
    }

    /// <summary>
    /// One world as a self-contained component type: the WIT that wit-component reads at link time
    /// (<c>wasm-component-ld --component-type</c>, <c>wasm-tools component embed</c>), which takes the only world of
    /// the file's package. The world's package holds that world alone, with its includes applied, plus the named
    /// interfaces the world imports or exports; the packages of its other interfaces follow as nested blocks (in
    /// dependency order) holding only those interfaces. No docs, no feature gates and no external ids: every item
    /// printed is in the world under the features it was resolved with, and the linker resolves with none.
    /// </summary>
    public static string PrintWorld(Resolve resolve, WorldId world)
    {
        var main = resolve.Worlds[world].Package ?? throw new InvalidOperationException("world without a package");
        var interfaces = WorldInterfaces(resolve, world);
        var nested = new List<PackageId>();
        foreach (var id in resolve.TopologicalPackages())
        {
            if (id == main) continue;
            foreach (var iface in interfaces)
            {
                if (resolve.Interfaces[iface].Package != id) continue;
                nested.Add(id);
                break;
            }
        }
        var printer = new WitPrinter(resolve)
        {
            EmitDocs = false,
            _onlyInterfaces = interfaces,
            _onlyWorld = world,
            _emitAttributes = false,
        };
        printer.WritePackages(main, nested);
        return printer.ToString();
    }

    /// <summary>The named interfaces a world's items refer to: its imported and exported interfaces (elaboration
    /// already added what they depend on) and, to be safe, every interface a type of theirs is used from.</summary>
    private static HashSet<InterfaceId> WorldInterfaces(Resolve resolve, WorldId world)
    {
        var visited = new HashSet<InterfaceId>();
        var work = new Stack<InterfaceId>();
        void VisitType(TypeId id)
        {
            if (resolve.Types[id].Kind is AliasKind { Target: { IsId: true } target }
                && resolve.Types[target.Id].Owner.TryGetInterface(out var owner) && visited.Add(owner))
                work.Push(owner);
        }
        var w = resolve.Worlds[world];
        foreach (var item in w.Imports.Values.Concat(w.Exports.Values))
        {
            if (item is InterfaceWorldItem i && visited.Add(i.Id)) work.Push(i.Id);
            else if (item is TypeWorldItem t) VisitType(t.Id);
        }
        while (work.Count > 0)
        {
            foreach (var type in resolve.Interfaces[work.Pop()].Types.Values) VisitType(type);
        }
        // Inline interfaces are printed inside the world, not in a package.
        visited.RemoveWhere(id => resolve.Interfaces[id].Name is null);
        return visited;
    }

    /// <summary>A function's type as WIT writes it after the name: <c>func(n: u64) -> string</c>,
    /// <c>constructor(x: u32)</c> (a method's <c>self</c> left out). Used in messages about the function.</summary>
    public static string PrintFunctionType(Resolve resolve, Function function)
    {
        var printer = new WitPrinter(resolve);
        printer.WriteFunctionSignature(function);
        return printer.ToString();
    }

    public override string ToString() => _out.ToString();

    /// <summary>Appends packages to this printer's output (see <see cref="Print"/>).</summary>
    public void WritePackages(PackageId main, IEnumerable<PackageId> nested)
    {
        WritePackage(main, isMain: true);
        foreach (var id in nested)
        {
            NewLine();
            WritePackage(id, isMain: false);
        }
    }

    private void WritePackage(PackageId id, bool isMain)
    {
        var pkg = _resolve.Packages[id];
        WriteDocs(pkg.Docs);
        Write("package ");
        Write(Escape(pkg.Name.Namespace));
        Write(":");
        Write(Escape(pkg.Name.Name));
        if (pkg.Name.Version is { } version) Write("@" + version);
        if (isMain)
        {
            Write(";");
            NewLine();
        }
        else
        {
            OpenBlock();
        }

        bool first = isMain;
        foreach (var entry in pkg.Interfaces)
        {
            if (_onlyInterfaces is not null && !_onlyInterfaces.Contains(entry.Value)) continue;
            if (first) NewLine();
            first = true;
            var iface = _resolve.Interfaces[entry.Value];
            WriteDocs(iface.Docs);
            WriteStability(iface.Stability);
            Write("interface ");
            Write(Escape(entry.Key));
            OpenBlock();
            WriteInterfaceBody(entry.Value);
            CloseBlock();
        }
        foreach (var entry in pkg.Worlds)
        {
            if (_onlyWorld is { } only && entry.Value != only) continue;
            if (first) NewLine();
            first = true;
            var world = _resolve.Worlds[entry.Value];
            WriteDocs(world.Docs);
            WriteStability(world.Stability);
            Write("world ");
            Write(Escape(entry.Key));
            OpenBlock();
            WriteWorldBody(entry.Value);
            CloseBlock();
        }
        if (!isMain) CloseBlock();
    }

    private void WriteInterfaceBody(InterfaceId id)
    {
        bool prevItems = _anyItems;
        _anyItems = false;
        var iface = _resolve.Interfaces[id];
        var resourceFuncs = new Dictionary<TypeId, List<Function>>();
        foreach (var func in iface.Functions.Values)
            if (func.Resource is { } resource && !func.IsFreestanding) AddResourceFunc(resourceFuncs, resource, func);

        var pkg = iface.Package ?? throw new InvalidOperationException("interface without a package");
        var declarations = WriteUses(TypeOwner.OfInterface(id), new List<KeyValuePair<string, TypeId>>(iface.Types), pkg);

        // The resolver allocates all types before any function and keeps functions in source order (a
        // resource's functions at the resource), so only the relative order of functions matters. Types
        // are printed first and freestanding functions last, except that freestanding functions listed
        // before a resource's functions must be printed before that resource.
        var declared = new HashSet<TypeId>(declarations);
        var printedResources = new HashSet<TypeId>();
        var pending = new List<Function>();
        int nextType = 0;
        foreach (var func in iface.Functions.Values)
        {
            if (func.Resource is not { } resource || func.IsFreestanding)
            {
                pending.Add(func);
                continue;
            }
            if (printedResources.Contains(resource) || !declared.Contains(resource)) continue;
            while (nextType < declarations.Count && declarations[nextType] != resource)
            {
                var typeId = declarations[nextType++];
                WriteDeclaration(typeId, resourceFuncs);
                if (_resolve.Types[typeId].Kind is ResourceKind) printedResources.Add(typeId);
            }
            foreach (var f in pending) WriteFreestanding(f);
            pending.Clear();
            nextType++;
            WriteDeclaration(resource, resourceFuncs);
            printedResources.Add(resource);
        }
        while (nextType < declarations.Count) WriteDeclaration(declarations[nextType++], resourceFuncs);
        foreach (var f in pending) WriteFreestanding(f);
        _anyItems = prevItems;
    }

    private void WriteFreestanding(Function func)
    {
        NewItem();
        WriteDocs(func.Docs);
        WriteStability(func.Stability);
        WriteExternalId(func.ExternalId);
        Write(Escape(func.ItemName));
        Write(": ");
        WriteFunctionSignature(func);
        Write(";");
        NewLine();
    }

    private static void AddResourceFunc(Dictionary<TypeId, List<Function>> map, TypeId resource, Function func)
    {
        if (!map.TryGetValue(resource, out var list)) map.Add(resource, list = new List<Function>());
        list.Add(func);
    }

    // One `use` statement: the interface used from and (local name, name there) pairs.
    private sealed class UseGroup
    {
        public UseGroup(InterfaceId from, TypeDef first)
        {
            From = from;
            First = first;
        }

        public InterfaceId From { get; }
        public TypeDef First { get; }
        public List<(string Local, string Remote)> Names { get; } = new();
    }

    /// <summary>
    /// Writes the <c>use</c> statements among a block's types and returns the types to declare, in order.
    /// Aliases of a type owned elsewhere are uses; consecutive ones from the same interface with the same
    /// attributes share one statement.
    /// </summary>
    private List<TypeId> WriteUses(TypeOwner owner, List<KeyValuePair<string, TypeId>> types, PackageId currentPackage)
    {
        var uses = new List<UseGroup>();
        var declarations = new List<TypeId>();
        foreach (var entry in types)
        {
            var ty = _resolve.Types[entry.Value];
            if (ty.Kind is AliasKind { Target: { IsId: true } target })
            {
                var other = _resolve.Types[target.Id];
                if (!other.Owner.IsNone && other.Owner != owner)
                {
                    if (!other.Owner.TryGetInterface(out var from))
                        throw new InvalidOperationException($"type `{entry.Key}` uses a type that is not owned by an interface");
                    var remote = other.Name ?? throw new InvalidOperationException($"type `{entry.Key}` uses an unnamed type");
                    var last = uses.Count > 0 ? uses[uses.Count - 1] : null;
                    if (last is null || last.From != from || !last.First.Stability.Equals(ty.Stability)
                        || last.First.ExternalId != ty.ExternalId)
                    {
                        last = new UseGroup(from, ty);
                        uses.Add(last);
                    }
                    last.Names.Add((entry.Key, remote));
                    continue;
                }
            }
            declarations.Add(entry.Value);
        }

        foreach (var use in uses)
        {
            _anyItems = true;
            WriteStability(use.First.Stability);
            WriteExternalId(use.First.ExternalId);
            Write("use ");
            WriteInterfacePath(use.From, currentPackage);
            Write(".{");
            for (int i = 0; i < use.Names.Count; i++)
            {
                if (i > 0) Write(", ");
                var (local, remote) = use.Names[i];
                Write(Escape(remote));
                if (local != remote)
                {
                    Write(" as ");
                    Write(Escape(local));
                }
            }
            Write("};");
            NewLine();
        }
        return declarations;
    }

    private void WriteDeclaration(TypeId id, Dictionary<TypeId, List<Function>> resourceFuncs)
    {
        NewItem();
        var ty = _resolve.Types[id];
        WriteDocs(ty.Docs);
        WriteStability(ty.Stability);
        WriteExternalId(ty.ExternalId);
        if (ty.Kind is ResourceKind)
            WriteResource(ty, resourceFuncs.TryGetValue(id, out var funcs) ? funcs : new List<Function>());
        else
            WriteTypeDeclaration(ty);
    }

    private void WriteResource(TypeDef ty, List<Function> funcs)
    {
        Write("resource ");
        Write(Escape(ty.Name ?? throw new InvalidOperationException("unnamed resource type")));
        if (funcs.Count == 0)
        {
            Write(";");
            NewLine();
            return;
        }
        OpenBlock();
        foreach (var func in funcs)
        {
            WriteDocs(func.Docs);
            WriteStability(func.Stability);
            WriteExternalId(func.ExternalId);
            if (func.IsMethod)
            {
                Write(Escape(func.ItemName));
                Write(": ");
            }
            else if (func.IsStatic)
            {
                Write(Escape(func.ItemName));
                Write(": static ");
            }
            WriteFunctionSignature(func);
            Write(";");
            NewLine();
        }
        CloseBlock();
    }

    private void WriteFunctionSignature(Function func)
    {
        if (func.IsAsync) Write("async ");
        Write(func.Kind == FunctionKind.Constructor ? "constructor(" : "func(");
        // A method's implicit `self` parameter is not written.
        int skip = func.IsMethod ? 1 : 0;
        for (int i = skip; i < func.Params.Count; i++)
        {
            if (i > skip) Write(", ");
            Write(Escape(func.Params[i].Name));
            Write(": ");
            WriteTypeName(func.Params[i].Type);
        }
        Write(")");
        if (func.Result is { } result && !IsConstructorShorthand(func, result))
        {
            Write(" -> ");
            WriteTypeName(result);
        }
    }

    // `constructor(...)` implicitly returns own<R>; only other results are written out.
    private bool IsConstructorShorthand(Function func, WitType result) =>
        func.Kind == FunctionKind.Constructor && result.IsId && func.Resource is { } resource
        && _resolve.Types[result.Id].Kind is HandleKind { Ownership: HandleOwnership.Own } handle
        && handle.Resource == resource;

    private void WriteTypeDeclaration(TypeDef ty)
    {
        string name = Escape(ty.Name ?? throw new InvalidOperationException($"unnamed {ty.Kind.Name} type declared"));
        switch (ty.Kind)
        {
            case RecordKind record:
                Write("record " + name);
                OpenBlock();
                foreach (var field in record.Fields)
                {
                    WriteDocs(field.Docs);
                    Write(Escape(field.Name));
                    Write(": ");
                    WriteTypeName(field.Type);
                    Write(",");
                    NewLine();
                }
                CloseBlock();
                return;
            case FlagsKind flags:
                Write("flags " + name);
                OpenBlock();
                foreach (var flag in flags.Flags)
                {
                    WriteDocs(flag.Docs);
                    Write(Escape(flag.Name));
                    Write(",");
                    NewLine();
                }
                CloseBlock();
                return;
            case VariantKind variant:
                Write("variant " + name);
                OpenBlock();
                foreach (var c in variant.Cases)
                {
                    WriteDocs(c.Docs);
                    Write(Escape(c.Name));
                    if (c.Type is { } payload)
                    {
                        Write("(");
                        WriteTypeName(payload);
                        Write(")");
                    }
                    Write(",");
                    NewLine();
                }
                CloseBlock();
                return;
            case EnumKind e:
                Write("enum " + name);
                OpenBlock();
                foreach (var c in e.Cases)
                {
                    WriteDocs(c.Docs);
                    Write(Escape(c.Name));
                    Write(",");
                    NewLine();
                }
                CloseBlock();
                return;
            case HandleKind handle:
                // `type a = own<r>` keeps the explicit `own` (plain `type a = r` would be an alias).
                Write("type " + name + " = " + (handle.IsOwn ? "own<" : "borrow<"));
                Write(Escape(ResourceName(handle.Resource)));
                Write(">;");
                NewLine();
                return;
            case ResourceKind:
            case UnknownKind:
                throw new InvalidOperationException($"type `{ty.Name}` of kind {ty.Kind.Name} cannot be declared here");
            default:
                // Every other kind is `type name = <type expression>;`.
                Write("type " + name + " = ");
                WriteTypeExpression(ty.Kind);
                Write(";");
                NewLine();
                return;
        }
    }

    private string ResourceName(TypeId id) =>
        _resolve.Types[id].Name ?? throw new InvalidOperationException("handle to an unnamed resource type");

    private void WriteWorldBody(WorldId id)
    {
        bool prevItems = _anyItems;
        _anyItems = false;
        var world = _resolve.Worlds[id];
        var pkg = world.Package ?? throw new InvalidOperationException("world without a package");
        var types = new List<KeyValuePair<string, TypeId>>();
        var resourceFuncs = new Dictionary<TypeId, List<Function>>();
        var functionImports = new List<KeyValuePair<WorldKey, WorldItem>>();
        // Only what was written in the world: resolving the printed text re-derives included items and
        // the imports elaboration implies, under whatever features apply then. A component type (PrintWorld)
        // has every item instead and no includes: its file holds no other world.
        bool flattened = _onlyWorld == id;
        foreach (var entry in WrittenItems(world.Imports, flattened ? null : world.WrittenImports))
        {
            switch (entry.Value)
            {
                case TypeWorldItem t:
                    types.Add(new KeyValuePair<string, TypeId>(entry.Key.Name ?? _resolve.Types[t.Id].Name ?? "", t.Id));
                    break;
                case FunctionWorldItem f when f.Function.Resource is { } resource && !f.Function.IsFreestanding:
                    AddResourceFunc(resourceFuncs, resource, f.Function);
                    break;
                case FunctionWorldItem:
                    functionImports.Add(entry);
                    break;
                default:
                    WriteWorldItem(entry.Key, entry.Value, pkg, "import");
                    // Imports are not separated by blank lines, but later items are.
                    _anyItems = true;
                    break;
            }
        }
        // World imports are re-sorted by the resolver (interfaces, uses, types, functions, resource
        // functions), so this fixed order reproduces them.
        foreach (var typeId in WriteUses(TypeOwner.OfWorld(id), types, pkg)) WriteDeclaration(typeId, resourceFuncs);
        foreach (var entry in functionImports)
        {
            WriteWorldItem(entry.Key, entry.Value, pkg, "import");
            _anyItems = true;
        }
        bool firstExport = true;
        foreach (var entry in WrittenItems(world.Exports, flattened ? null : world.WrittenExports))
        {
            if (firstExport) NewItem();
            firstExport = false;
            WriteWorldItem(entry.Key, entry.Value, pkg, "export");
        }
        var includes = flattened ? new List<WorldInclude>() : world.AppliedIncludes;
        if (includes.Count > 0) NewItem();
        foreach (var include in includes) WriteInclude(include, pkg);
        _anyItems = prevItems;
    }

    // The written items in the order resolution recorded (for hand-built worlds: all items, in map order).
    private static IEnumerable<KeyValuePair<WorldKey, WorldItem>> WrittenItems(OrderedMap<WorldKey, WorldItem> items, List<WorldKey>? order)
    {
        if (order is null)
        {
            foreach (var entry in items) yield return entry;
            yield break;
        }
        foreach (var key in order)
        {
            if (items.TryGetValue(key, out var item)) yield return new KeyValuePair<WorldKey, WorldItem>(key, item);
        }
    }

    private void WriteInclude(WorldInclude include, PackageId currentPackage)
    {
        WriteStability(include.Stability);
        Write("include ");
        var world = _resolve.Worlds[include.Id];
        if (world.Package is { } pkgId && pkgId != currentPackage)
        {
            var pkg = _resolve.Packages[pkgId].Name;
            Write(Escape(pkg.Namespace) + ":" + Escape(pkg.Name) + "/" + Escape(world.Name));
            if (pkg.Version is { } version) Write("@" + version);
        }
        else
        {
            Write(Escape(world.Name));
        }
        if (include.Names.Count > 0)
        {
            Write(" with { ");
            for (int i = 0; i < include.Names.Count; i++)
            {
                if (i > 0) Write(", ");
                Write(Escape(include.Names[i].Name) + " as " + Escape(include.Names[i].As));
            }
            Write(" }"); // `include … with { … }` has no trailing semicolon
        }
        else
        {
            Write(";");
        }
        NewLine();
    }

    private void WriteWorldItem(WorldKey key, WorldItem item, PackageId currentPackage, string keyword)
    {
        switch (item)
        {
            case InterfaceWorldItem i:
            {
                var iface = _resolve.Interfaces[i.Id];
                bool inline = iface.Name is null;
                // An inline interface keeps the statement's docs and gates on the interface itself.
                WriteDocs(inline && i.Docs.IsEmpty ? iface.Docs : i.Docs);
                WriteStability(inline && i.Stability.IsUnknown ? iface.Stability : i.Stability);
                WriteExternalId(i.ExternalId);
                Write(keyword + " ");
                if (key.Name is { } label)
                {
                    Write(Escape(label));
                    Write(": ");
                    if (inline)
                    {
                        Write("interface");
                        OpenBlock();
                        WriteInterfaceBody(i.Id);
                        CloseBlock();
                        return;
                    }
                }
                WriteInterfacePath(i.Id, currentPackage);
                Write(";");
                NewLine();
                return;
            }
            case FunctionWorldItem f:
                WriteDocs(f.Function.Docs);
                WriteStability(f.Function.Stability);
                WriteExternalId(f.Function.ExternalId);
                Write(keyword + " ");
                Write(Escape(key.Name ?? f.Function.Name));
                Write(": ");
                WriteFunctionSignature(f.Function);
                Write(";");
                NewLine();
                return;
            default:
                throw new InvalidOperationException("types cannot be exported from a world");
        }
    }

    private void WriteInterfacePath(InterfaceId id, PackageId currentPackage)
    {
        var iface = _resolve.Interfaces[id];
        var name = iface.Name ?? throw new InvalidOperationException("cannot refer to an inline interface by path");
        if (iface.Package is not { } pkgId || pkgId == currentPackage)
        {
            Write(Escape(name));
            return;
        }
        var pkg = _resolve.Packages[pkgId].Name;
        Write(Escape(pkg.Namespace) + ":" + Escape(pkg.Name) + "/" + Escape(name));
        if (pkg.Version is { } version) Write("@" + version);
    }

    /// <summary>Writes a type use: a primitive, a named type, or an anonymous type expression.</summary>
    private void WriteTypeName(WitType type)
    {
        // Explicit work stack (strings to write, types to expand) instead of recursion: anonymous types
        // can nest arbitrarily deep.
        var work = new Stack<object>();
        work.Push(type);
        while (work.Count > 0)
        {
            var next = work.Pop();
            if (next is string text)
            {
                Write(text);
                continue;
            }
            var t = (WitType)next;
            if (t.PrimitiveName is { } primitive)
            {
                Write(primitive);
                continue;
            }
            var def = _resolve.Types[t.Id];
            if (def.Name is { } name)
            {
                Write(Escape(name));
                continue;
            }
            PushExpression(work, def.Kind);
        }
    }

    private void WriteTypeExpression(TypeDefKind kind)
    {
        var work = new Stack<object>();
        PushExpression(work, kind);
        while (work.Count > 0)
        {
            var next = work.Pop();
            if (next is string text) Write(text);
            else WriteTypeName((WitType)next);
        }
    }

    // Pushes the pieces of an anonymous type expression in reverse, so they pop in writing order.
    private void PushExpression(Stack<object> work, TypeDefKind kind)
    {
        var pieces = new List<object>();
        switch (kind)
        {
            case HandleKind handle:
                // An anonymous owned handle is written as the bare resource name.
                if (handle.IsOwn) pieces.Add(Escape(ResourceName(handle.Resource)));
                else pieces.Add("borrow<" + Escape(ResourceName(handle.Resource)) + ">");
                break;
            case TupleKind tuple:
                pieces.Add("tuple<");
                for (int i = 0; i < tuple.Types.Count; i++)
                {
                    if (i > 0) pieces.Add(", ");
                    pieces.Add(tuple.Types[i]);
                }
                pieces.Add(">");
                break;
            case OptionKind option:
                pieces.Add("option<");
                pieces.Add(option.Type);
                pieces.Add(">");
                break;
            case ResultKind result:
                if (result.Ok is null && result.Err is null)
                {
                    pieces.Add("result");
                    break;
                }
                pieces.Add("result<");
                if (result.Ok is { } ok) pieces.Add(ok);
                else pieces.Add("_");
                if (result.Err is { } err)
                {
                    pieces.Add(", ");
                    pieces.Add(err);
                }
                pieces.Add(">");
                break;
            case ListKind list:
                pieces.Add("list<");
                pieces.Add(list.Element);
                pieces.Add(">");
                break;
            case FixedSizeListKind fixedList:
                pieces.Add("list<");
                pieces.Add(fixedList.Element);
                pieces.Add(", " + fixedList.Size.ToString(CultureInfo.InvariantCulture) + ">");
                break;
            case MapKind map:
                pieces.Add("map<");
                pieces.Add(map.Key);
                pieces.Add(", ");
                pieces.Add(map.Value);
                pieces.Add(">");
                break;
            case FutureKind future:
                AddOptionalPayload(pieces, "future", future.Payload);
                break;
            case StreamKind stream:
                AddOptionalPayload(pieces, "stream", stream.Payload);
                break;
            case AliasKind alias:
                pieces.Add(alias.Target);
                break;
            default:
                throw new InvalidOperationException($"unnamed {kind.Name} type cannot be written inline");
        }
        for (int i = pieces.Count - 1; i >= 0; i--) work.Push(pieces[i]);
    }

    private static void AddOptionalPayload(List<object> pieces, string keyword, WitType? payload)
    {
        if (payload is { } p)
        {
            pieces.Add(keyword + "<");
            pieces.Add(p);
            pieces.Add(">");
        }
        else
        {
            pieces.Add(keyword);
        }
    }

    private void WriteDocs(Docs docs)
    {
        if (!EmitDocs || docs.Contents is not { } contents) return;
        // Line splitting as Rust's str::lines: '\n' separated, a trailing '\r' dropped, no final empty line.
        var lines = contents.Split('\n');
        int count = lines.Length > 0 && lines[lines.Length - 1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (int i = 0; i < count; i++)
        {
            var line = lines[i].EndsWith("\r", StringComparison.Ordinal) ? lines[i].Substring(0, lines[i].Length - 1) : lines[i];
            Write(line.Length == 0 ? "///" : "/// " + line);
            NewLine();
        }
    }

    private void WriteStability(Stability stability)
    {
        if (!_emitAttributes) return;
        switch (stability.Kind)
        {
            case StabilityKind.Stable:
                Write("@since(version = " + stability.Since + ")");
                NewLine();
                break;
            case StabilityKind.Unstable:
                Write("@unstable(feature = " + Escape(stability.Feature ?? "") + ")");
                NewLine();
                break;
            default:
                return;
        }
        if (stability.Deprecated is { } deprecated)
        {
            Write("@deprecated(version = " + deprecated + ")");
            NewLine();
        }
    }

    private void WriteExternalId(string? id)
    {
        if (id is null || !_emitAttributes) return;
        var sb = new StringBuilder("@external-id(\"");
        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == ' ')
            {
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    // Anything else as a \u{hex} code point escape (surrogate pairs combined).
                    int codePoint = c;
                    if (char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
                        codePoint = char.ConvertToUtf32(c, id[++i]);
                    sb.Append("\\u{").Append(codePoint.ToString("x", CultureInfo.InvariantCulture)).Append('}');
                    break;
            }
        }
        sb.Append("\")");
        Write(sb.ToString());
        NewLine();
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "use", "type", "func", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64", "char",
        "resource", "own", "borrow", "record", "flags", "variant", "enum", "bool", "string", "option",
        "result", "future", "stream", "error-context", "list", "map", "_", "as", "from", "static",
        "interface", "tuple", "world", "import", "export", "package", "constructor", "include", "with",
        "async",
    };

    /// <summary>Whether a name is a WIT keyword (and so must be written as <c>%name</c>).</summary>
    public static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>The name as a WIT identifier: keywords get a <c>%</c> prefix.</summary>
    public static string Escape(string name) => Keywords.Contains(name) ? "%" + name : name;

    private void NewItem()
    {
        if (_anyItems) NewLine();
        _anyItems = true;
    }

    private void Write(string text)
    {
        if (_atLineStart)
        {
            for (int i = 0; i < _indent; i++) _out.Append("  ");
            _atLineStart = false;
        }
        _out.Append(text);
    }

    private void NewLine()
    {
        _out.Append('\n');
        _atLineStart = true;
    }

    private void OpenBlock()
    {
        Write(" {");
        NewLine();
        _indent++;
    }

    private void CloseBlock()
    {
        _indent--;
        Write("}");
        NewLine();
    }
}

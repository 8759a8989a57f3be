using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;

namespace WitTools.BindGen.Host;

/// <summary>
/// Prints a <see cref="HostWorldBinding"/> as C# host bindings: per named interface its types file (the guest's
/// declarations, host codecs) and its host file (contract, client, dispatch), the world class, and the host class (the
/// typed entry point). Decides nothing: names, shapes, codecs and file names come from the model.
/// </summary>
internal sealed class HostPrinter
{
    // The guest's header: the types files are the guest's declarations, [Obsolete] on deprecated items included.
    private const string Header = GuestPrinter.Header;

    private readonly HostModel _model;
    private readonly TypeProjection _projection;

    public HostPrinter(HostModel model)
    {
        _model = model;
        _projection = model.Projection;
    }

    private HostWorldBinding World => _model.World;

    private CsTypeText Types => _model.Types;

    private string Root => World.Options.RootNamespace;

    private string Runtime(string name) => Types.Runtime(name);

    public List<GuestFile> Bindings()
    {
        var files = new List<GuestFile>();
        // printed when the file is written (GuestFile), not here: one file's text at a time
        void Add(string name, System.Action<SourceWriter> body) => files.Add(GuestFile.Printed(name, GuestFileKind.Bindings, Root, w =>
        {
            w.Lines(Header);
            body(w);
        }));
        foreach (var iface in World.Interfaces.Where(i => !i.IsInline))
        {
            Add(iface.TypesFile!, w => InNamespace(w, iface, docs: true, () => TypesPart(w, iface, new Gaps(w))));
            if (iface.HostFile is not null) Add(iface.HostFile, w => InNamespace(w, iface, docs: false, () => HostPart(w, iface, new Gaps(w))));
        }
        Add(World.WorldFile, WorldClass);
        Add(World.HostFile, HostClass);
        return files;
    }

    private static void InNamespace(SourceWriter w, HostInterfaceBinding iface, bool docs, System.Action body) =>
        w.PartialClassInNamespace(iface.Class.Namespace, "public static unsafe", iface.Class.Simple, docs, iface.Docs, iface.Obsolete, body);

    // ------------------------------------------------------------------ types and codecs

    private void TypesPart(SourceWriter w, HostInterfaceBinding iface, Gaps gaps)
    {
        Declarations(w, iface.Types, gaps);
        if (iface.ExportClass is { } exportClass)
        {
            gaps.Next();
            w.Line($"/// <summary>The types of <c>{SourceWriter.EscapeXml(iface.InstanceName)}</c> as the component exports them (they hold its resources).</summary>");
            w.Open($"public static partial class {exportClass.Simple}");
            Declarations(w, iface.ExportTypes, new Gaps(w));
            w.Close();
        }
        if (iface.Codecs.Count > 0)
        {
            gaps.Next();
            Codecs(w, iface.Codecs, iface.CodecClass);
        }
    }

    private void Declarations(SourceWriter w, IEnumerable<TypeDeclaration> declarations, Gaps gaps)
    {
        var printer = new TypePrinter(w, _projection, Types);
        foreach (var declaration in declarations)
        {
            gaps.Next();
            if (declaration is ResourceDeclaration resource) Resource(w, resource);
            else printer.Declaration(declaration);
        }
    }

    private void Resource(SourceWriter w, ResourceDeclaration declaration)
    {
        var resource = _model.ResourceOf(declaration);
        string name = declaration.Name.Simple;
        w.Docs(declaration.Docs);
        if (resource is null)
        {
            // a resource of a WASI interface Wasmtime implements: the types mentioning it exist, its values never reach the host
            w.Line($"/// <summary>A resource Wasmtime's WASI implements; the host bindings never hold its values.</summary>");
            w.Open($"public sealed class {name}");
            w.Line($"private {name}() {{ }}");
            w.Close();
            return;
        }
        if (resource.Implemented)
        {
            w.Open($"public abstract class {name} : global::System.IDisposable");
            foreach (var method in resource.Methods)
            {
                var printer = new HostFunctionPrinter(w, _model, method);
                printer.Docs();
                w.Line($"public abstract {printer.Signature};");
                w.Line();
            }
            w.Line("/// <summary>Called once, when the component has dropped its last handle to this object.</summary>");
            w.Line("public virtual void Dispose() { }");
            w.Close();
            return;
        }
        var client = ClientOf(resource);
        w.Open($"public sealed unsafe class {name} : global::System.IDisposable");
        w.Line($"private readonly {client} _client;");
        w.Line("private global::System.IntPtr _resource; // the Wasmtime resource: an own handle while this object holds it");
        w.Line();
        w.Open($"private {name}({client} client, global::System.IntPtr resource)");
        w.Line("_client = client;");
        w.Line("_resource = resource;");
        w.Close();
        foreach (var method in resource.Methods)
        {
            w.Line();
            new HostFunctionPrinter(w, _model, method).Call("public", "_client._store", $"&_client._functions[{method.Slot}]", "this");
        }
        w.Line();
        w.Line("/// <summary>Drops the handle (once; later calls do nothing): the component destroys the resource. A handle passed");
        w.Line($"/// to the component as <c>own&lt;{SourceWriter.EscapeXml(resource.WitName)}&gt;</c> has moved there already.</summary>");
        w.Open("public void Dispose()");
        w.Line("var resource = _resource;");
        w.Line("_resource = global::System.IntPtr.Zero;");
        w.Line($"if (resource != global::System.IntPtr.Zero) {Runtime("WitHostResources")}.Drop(_client._store, resource, {CSharpNames.Literal(resource.Instance + "#[dtor]" + resource.WitName)});");
        w.Close();
        w.Line();
        w.Line($"internal global::System.IntPtr {ResourceMembers.LowerBorrow}() => _resource != global::System.IntPtr.Zero ? _resource : throw new global::System.ObjectDisposedException({CSharpNames.Literal(name)});");
        w.Line();
        w.Open($"internal global::System.IntPtr {ResourceMembers.LowerOwn}()");
        w.Line($"var resource = {ResourceMembers.LowerBorrow}();");
        w.Line("_resource = global::System.IntPtr.Zero;");
        w.Line("return resource;");
        w.Close();
        w.Line();
        w.Line($"internal static {name} {ResourceMembers.LiftOwn}({Runtime("WitStore")} store, {Runtime("WitVal")}* value) =>");
        w.Line($"    new(store.Get<{client}>(), {Runtime("WitHostResources")}.LiftHandle(value, {CSharpNames.Literal(resource.WitName)}));");
        w.Close();
    }

    private CsName ClientOf(HostResourceBinding resource) =>
        World.CalledContracts.First(c => c.Resources.Contains(resource)).Class;

    /// <summary>A host codec class: name tables of the records, variants, enums and flags it converts, then one method per codec.</summary>
    private void Codecs(SourceWriter w, IReadOnlyList<HostCodecBinding> codecs, CsName home)
    {
        w.Line("/// <summary>Conversions between these types and Wasmtime's component values: one method per type and direction.</summary>");
        w.Open($"internal static unsafe partial class {home.Simple}");
        var names = new Dictionary<AbiType, string>();
        foreach (var codec in codecs.Where(c => c.Direction == PlanDirection.Lift && c.Type.Kind is AbiTypeKind.Record or AbiTypeKind.Variant or AbiTypeKind.Enum or AbiTypeKind.Flags))
        {
            if (names.ContainsKey(codec.Type)) continue;
            string field = "__names" + names.Count;
            names.Add(codec.Type, field);
            var labels = codec.Type.Kind switch
            {
                AbiTypeKind.Record => codec.Type.Fields.Select(f => f.Name),
                AbiTypeKind.Flags => codec.Type.FlagNames,
                _ => codec.Type.Cases.Select(c => c.Name),
            };
            w.Line($"private static readonly {Runtime("WitNativeVec")}[] {field} = {{ {string.Join(", ", labels.Select(l => $"{Runtime("WitHostStrings")}.Name({CSharpNames.Literal(l)})"))} }};");
        }
        bool first = names.Count == 0;
        foreach (var codec in codecs)
        {
            if (!first) w.Line();
            first = false;
            string cs = Types.Of(codec.CsType);
            names.TryGetValue(codec.Type, out var table);
            var writer = new HostValueWriter(w, _model, codec.Context, home, "store", codec.Type, table);
            if (codec.Direction == PlanDirection.Lift)
            {
                w.Open($"internal static {cs} {codec.Method}({Runtime("WitVal")}* value, {Runtime("WitStore")} store)");
                w.Line($"return {writer.Lift(codec.Type, "value")};");
            }
            else
            {
                w.Open($"internal static void {codec.Method}({cs} value, {Runtime("WitVal")}* destination, {Runtime("WitStore")} store)");
                writer.Lower(codec.Type, "value", "destination");
            }
            w.Close();
        }
        w.Close();
    }

    // ------------------------------------------------------------------ contracts, clients, dispatch

    private void HostPart(SourceWriter w, HostInterfaceBinding iface, Gaps gaps)
    {
        var printed = new HashSet<CsName>();
        foreach (var contract in new[] { iface.Implemented, iface.Called })
        {
            if (contract is null || !printed.Add(contract.Contract)) continue;
            gaps.Next();
            Contract(w, contract);
        }
        if (iface.Called is { } called)
        {
            gaps.Next();
            Client(w, called);
        }
        if (iface.Implemented is { } implemented)
        {
            gaps.Next();
            Dispatch(w, implemented);
        }
    }

    private void Contract(SourceWriter w, HostContract contract)
    {
        string what = contract.Instance is null ? "the world's own " + (contract.Implemented ? "imported" : "exported") + " functions"
            : "<c>" + SourceWriter.EscapeXml(contract.Instance) + "</c>";
        w.Line(contract.Implemented
            ? $"/// <summary>Implement this and pass it to <c>{World.HostClass.Simple}.Instantiate</c>: the component imports {what}.</summary>"
            : $"/// <summary>{what}: what the component exports (<c>{World.HostClass.Simple}.{contract.Member}</c> calls it).</summary>");
        w.Open($"public interface {contract.Contract.Simple}");
        var gaps = new Gaps(w);
        foreach (var member in contract.Members)
        {
            gaps.Next();
            var printer = new HostFunctionPrinter(w, _model, member);
            printer.Docs();
            w.Line(printer.Signature + ";");
        }
        w.Close();
    }

    private void Client(SourceWriter w, HostContract contract)
    {
        string store = Runtime("WitStore");
        w.Line($"/// <summary>Calls the component's exports through Wasmtime (<c>{World.HostClass.Simple}.{contract.Member}</c>).</summary>");
        w.Open($"internal sealed unsafe class {contract.Class.Simple} : {contract.Contract}");
        w.Line($"internal readonly {store} _store;");
        w.Line($"internal readonly {Runtime("WitNativeFunc")}* _functions;");
        w.Line();
        w.Open($"internal {contract.Class.Simple}({store} store, {Runtime("WitNativeInstance")}* instance)");
        w.Line("_store = store;");
        w.Line($"_functions = store.Functions({contract.SlotCount});");
        string instanceName = contract.Instance is null ? "null" : CSharpNames.Literal(contract.Instance);
        foreach (var f in contract.Functions)
            w.Line($"_functions[{f.Slot}] = {Runtime("WitExports")}.Function(store, instance, {instanceName}, {CSharpNames.Literal(f.Name)});");
        w.Close();
        foreach (var member in contract.Members)
        {
            w.Line();
            new HostFunctionPrinter(w, _model, member).Call("public", "_store", $"&_functions[{member.Slot}]", null);
        }
        w.Close();
    }

    private void Dispatch(SourceWriter w, HostContract contract)
    {
        string context = "global::System.IntPtr";
        w.Line("/// <summary>The host functions the component calls: each lifts the arguments, calls the implementation registered in the store and lowers the result.</summary>");
        w.Open($"internal static unsafe class {contract.Class.Simple}");
        w.Open($"internal static void Define({Runtime("WitLinkerInstance")} instance)");
        foreach (var resource in contract.Resources)
            w.Line($"instance.Resource({CSharpNames.Literal(resource.WitName)}, (uint){Runtime("WitSlot")}<{resource.Name}>.Index, &{resource.DestructorCallback});");
        foreach (var f in contract.Functions)
            w.Line($"instance.Function({CSharpNames.Literal(f.Name)}, &{f.Function.CoreMethod});");
        w.Close();
        foreach (var f in contract.Functions)
        {
            w.Line();
            new HostFunctionPrinter(w, _model, f).Callback(contract.Contract);
        }
        foreach (var resource in contract.Resources)
        {
            w.Line();
            w.Line("[global::System.Runtime.InteropServices.UnmanagedCallersOnly]");
            w.Open($"private static {context} {resource.DestructorCallback}({context} env, {context} context, uint rep)");
            w.Line($"var __store = {Runtime("WitStore")}.FromContext(context);");
            w.Open("try");
            w.Line($"{Runtime("WitHostResources")}.Dropped<{resource.Name}>(__store, rep)?.Dispose();");
            w.Line($"return {context}.Zero;");
            w.Close();
            w.Open("catch (global::System.Exception __e)");
            w.Line($"return __store.Fail({CSharpNames.Literal(resource.Instance + "#[dtor]" + resource.WitName)}, __e);");
            w.Close();
            w.Close();
        }
        w.Close();
    }

    // ------------------------------------------------------------------ world class, host class

    private void WorldClass(SourceWriter w)
    {
        w.Line();
        w.Open("namespace " + World.WorldClass.Namespace);
        w.Docs(World.Docs);
        w.Open($"public static unsafe partial class {World.WorldClass.Simple}");
        var gaps = new Gaps(w);
        Declarations(w, World.Types, gaps);
        foreach (var iface in World.Interfaces.Where(i => i.IsInline))
        {
            gaps.Next();
            w.Docs(iface.Docs);
            w.Open($"public static unsafe partial class {iface.Class.Simple}");
            var inner = new Gaps(w);
            TypesPart(w, iface, inner);
            HostPart(w, iface, inner);
            w.Close();
        }
        foreach (var contract in new[] { World.Implemented, World.Called })
        {
            if (contract is null) continue;
            gaps.Next();
            Contract(w, contract);
        }
        if (World.Called is { } called)
        {
            gaps.Next();
            Client(w, called);
        }
        if (World.Implemented is { } implemented)
        {
            gaps.Next();
            Dispatch(w, implemented);
        }
        if (World.Codecs.Count > 0)
        {
            gaps.Next();
            Codecs(w, World.Codecs, World.CodecClass);
        }
        w.Close();
        w.Close();
    }

    private void HostClass(SourceWriter w)
    {
        string name = World.HostClass.Simple;
        string store = Runtime("WitStore");
        var implemented = World.ImplementedContracts.ToList();
        var called = World.CalledContracts.ToList();
        w.Line();
        w.Open("namespace " + World.HostClass.Namespace);
        w.Line($"/// <summary>");
        w.Line($"/// An instance of a component of the world <c>{SourceWriter.EscapeXml(World.QualifiedName)}</c>, hosted in its own Wasmtime store:");
        w.Line("/// <see cref=\"Instantiate\"/> links the host's implementations of the world's imports" + (World.UsesWasi ? " (and WASI preview 2)" : "") + " and");
        w.Line("/// each property calls an exported interface. Use it from one thread at a time; dispose it to free the store.");
        w.Line($"/// </summary>");
        w.Open($"public sealed unsafe class {name} : global::System.IDisposable");
        w.Line($"private {name}({store} store) => Store = store;");
        w.Line();
        w.Line("/// <summary>The store holding the instance (owned by it).</summary>");
        w.Line($"public {store} Store {{ get; }}");
        foreach (var contract in called)
        {
            w.Line();
            w.Line(contract.Instance is null
                ? "/// <summary>The world's own exported functions.</summary>"
                : $"/// <summary>The component's export <c>{SourceWriter.EscapeXml(contract.Instance)}</c>.</summary>");
            w.Line($"public {contract.Contract} {contract.Member} {{ get; private set; }} = null!;");
        }
        w.Line();
        w.Line("/// <summary>Instantiates <paramref name=\"component\"/> with the host's implementations of the imports. A new store is");
        w.Line("/// made on the component's engine unless <paramref name=\"store\"/> is given (it must hold no other instance);");
        w.Line("/// either way the returned object owns it.</summary>");
        foreach (var contract in implemented)
            w.Line($"/// <param name=\"{contract.Member}\">The host's implementation of {(contract.Instance is null ? "the world's own imported functions" : "<c>" + SourceWriter.EscapeXml(contract.Instance) + "</c>")}.</param>");
        var parameters = new List<string> { $"{Runtime("WitComponent")} component" };
        parameters.AddRange(implemented.Select(c => $"{c.Contract} {c.Member}"));
        parameters.Add($"{store}? store = null");
        w.Open($"public static {name} Instantiate({string.Join(", ", parameters)})");
        w.Line("if (component is null) throw new global::System.ArgumentNullException(nameof(component));");
        foreach (var contract in implemented)
            w.Line($"if ({contract.Member} is null) throw new global::System.ArgumentNullException(nameof({contract.Member}));");
        w.Line("bool ownsStore = store is null;");
        w.Line(World.UsesWasi
            ? $"store ??= new {store}(component.Engine, new {Runtime("WitWasiConfiguration")}());"
            : $"store ??= new {store}(component.Engine);");
        if (World.UsesWasi)
            w.Line($"if (!store.HasWasi) throw new global::System.ArgumentException({CSharpNames.Literal("the world imports WASI: the store needs a WASI configuration (new WitStore(engine, new WitWasiConfiguration()))")}, nameof(store));");
        w.Open("try");
        w.Line($"var linker = component.Engine.Linker(typeof({name}), static engine =>");
        w.Line("{");
        w.Indent();
        w.Line($"var linker = new {Runtime("WitLinker")}(engine, wasi: {(World.UsesWasi ? "true" : "false")});");
        w.Line("linker.Root(static root =>");
        w.Line("{");
        w.Indent();
        foreach (var iface in World.Interfaces.Where(i => i.Imported && !i.IsWasi && i.Implemented is null))
            w.Line($"root.Instance({CSharpNames.Literal(iface.InstanceName)}, static _ => {{ }}); // types only");
        foreach (var contract in implemented)
        {
            if (contract.Instance is null) w.Line($"{contract.Class}.Define(root);");
            else w.Line($"root.Instance({CSharpNames.Literal(contract.Instance)}, static instance => {contract.Class}.Define(instance));");
        }
        w.Outdent();
        w.Line("});");
        w.Line("return linker;");
        w.Outdent();
        w.Line("});");
        w.Line($"var host = new {name}(store);");
        w.Line("store.Own(host);");
        foreach (var contract in implemented) w.Line($"store.Set<{contract.Contract}>({contract.Member});");
        w.Line("var instance = linker.Instantiate(store, component);");
        int n = 0;
        foreach (var contract in called)
        {
            string client = "__client" + n++;
            w.Line($"var {client} = new {contract.Class}(store, &instance);");
            w.Line($"store.Set({client});");
            w.Line($"host.{contract.Member} = {client};");
        }
        w.Line("return host;");
        w.Close();
        w.Open("catch");
        w.Line("if (ownsStore) store.Dispose();");
        w.Line("throw;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>Disposes the store: the instance and everything in it are gone.</summary>");
        w.Line("public void Dispose() => Store.Dispose();");
        w.Close();
        w.Close();
    }
}

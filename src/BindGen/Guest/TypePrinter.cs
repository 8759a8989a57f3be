using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;

namespace WitTools.BindGen.Guest;

/// <summary>Prints type declarations (records, variants, enums, flags, resource classes) and codec classes.</summary>
internal sealed class TypePrinter
{
    private readonly SourceWriter _w;
    private readonly TypeProjection _projection;
    private readonly CsTypeText _types;

    public TypePrinter(SourceWriter writer, TypeProjection projection, CsTypeText types)
    {
        _w = writer;
        _projection = projection;
        _types = types;
    }

    public void Declaration(TypeDeclaration declaration)
    {
        string name = declaration.Name.Simple;
        switch (declaration)
        {
            case RecordDeclaration record:
            {
                if (record.Docs is not null || record.Fields.Any(f => f.Docs is not null))
                {
                    if (record.Docs is not null) _w.Docs(record.Docs);
                    foreach (var field in record.Fields.Where(f => f.Docs is not null))
                        _w.Line($"/// <param name=\"{field.PropertyName}\">{SourceWriter.EscapeXml(field.Docs!.Replace("\n", " "))}</param>");
                }
                _w.Obsolete(record.Obsolete);
                string parameters = string.Join(", ", record.Fields.Select(f => _types.Of(f.Type) + " " + f.PropertyName));
                if (record.CustomEquality)
                {
                    _w.Open($"public sealed record {name}({parameters})");
                    DeepEquality(name, record.Fields.Select(f => (f.PropertyName, f.Type, f.DeepEquality)).ToList());
                    _w.Close();
                }
                else
                {
                    _w.Line($"public sealed record {name}({parameters});");
                }
                break;
            }
            case VariantDeclaration variant:
            {
                _w.Docs(variant.Docs);
                _w.Obsolete(variant.Obsolete);
                _w.Open($"public abstract record {name}");
                _w.Line($"private {name}() {{ }}");
                foreach (var @case in variant.Cases)
                {
                    _w.Line();
                    _w.Docs(@case.Docs);
                    if (@case.Payload is null)
                    {
                        _w.Line($"public sealed record {@case.ClassName}() : {name};");
                        continue;
                    }
                    string header = $"public sealed record {@case.ClassName}({_types.Of(@case.Payload)} {variant.PayloadProperty}) : {name}";
                    if (@case.DeepEquality)
                    {
                        _w.Open(header);
                        DeepEquality(@case.ClassName, new List<(string, CsType, bool)> { (variant.PayloadProperty, @case.Payload, true) });
                        _w.Close();
                    }
                    else
                    {
                        _w.Line(header + ";");
                    }
                }
                _w.Close();
                break;
            }
            case EnumDeclaration @enum:
            {
                _w.Docs(@enum.Docs);
                _w.Obsolete(@enum.Obsolete);
                if (@enum.IsFlags) _w.Line("[global::System.Flags]");
                _w.Open($"public enum {name} : {CsTypeText.Primitive(@enum.Underlying)}");
                foreach (var member in @enum.Members)
                {
                    _w.Docs(member.Docs);
                    _w.Line($"{member.Name} = {PlanWriter.Int(member.Value)},");
                }
                _w.Close();
                break;
            }
            case ResourceDeclaration resource when resource.IsExported:
                ExportedResource(resource);
                break;
            case ResourceDeclaration resource:
                ImportedResource(resource);
                break;
        }
    }

    /// <summary>Value equality for records holding lists or maps: those fields compare element-wise
    /// (<c>WitEquality</c>), the others with their default comparer.</summary>
    private void DeepEquality(string type, List<(string Property, CsType Type, bool Deep)> fields)
    {
        string equality = _types.Runtime("WitEquality");
        string Compare((string Property, CsType Type, bool Deep) f) => f.Deep
            ? $"{equality}.DeepEquals({f.Property}, other.{f.Property})"
            : $"global::System.Collections.Generic.EqualityComparer<{_types.Of(f.Type)}>.Default.Equals({f.Property}, other.{f.Property})";
        string Hash((string Property, CsType Type, bool Deep) f) => f.Deep
            ? $"{equality}.DeepHash({f.Property})"
            : $"global::System.Collections.Generic.EqualityComparer<{_types.Of(f.Type)}>.Default.GetHashCode({f.Property}!)";
        _w.Open($"public bool Equals({type}? other)");
        _w.Line("if (other is null) return false;");
        foreach (var f in fields) _w.Line($"if (!{Compare(f)}) return false;");
        _w.Line("return true;");
        _w.Close();
        _w.Line();
        _w.Open("public override int GetHashCode()");
        _w.Line("int hash = 17;");
        foreach (var f in fields) _w.Line($"hash = hash * 31 + {Hash(f)};");
        _w.Line("return hash;");
        _w.Close();
    }

    private void ImportedResource(ResourceDeclaration resource)
    {
        string name = resource.Name.Simple;
        string handle = _types.Runtime("WitHandle");
        _w.Docs(resource.Docs);
        _w.Obsolete(resource.Obsolete);
        _w.Open($"public sealed class {name} : global::System.IDisposable");
        _w.Line("private int _handle;");
        _w.Line("private readonly bool _owned;");
        _w.Line();
        _w.Line("/// <summary>Adopts a handle: <see cref=\"Dispose\"/> drops it (an own handle destroys the resource, a borrowed one ends the borrow).</summary>");
        _w.Open($"public {name}({handle} handle)");
        _w.Line("_handle = handle.Value;");
        _w.Line("_owned = handle.Owned;");
        _w.Close();
        var host = resource.Host!;
        string implementations = _types.Runtime("WitResourceImplementations") + "<" + host.Contract + ">";
        _w.Line();
        _w.Line($"/// <summary>Outside a WebAssembly component (a unit test): a <c>{SourceWriter.EscapeXml(resource.WitName)}</c> implemented by <paramref name=\"implementation\"/>, which receives");
        _w.Line("/// the calls of its methods; <see cref=\"Dispose\"/> disposes it when it is <see cref=\"global::System.IDisposable\"/>.</summary>");
        _w.Line($"public {name}({host.Contract} implementation) : this({implementations}.Add(implementation)) {{ }}");
        _w.Line();
        _w.Line($"/// <summary>The implementation this object wraps outside a WebAssembly component (see <see cref=\"{host.Contract.Simple}\"/>).</summary>");
        _w.Line($"public {host.Contract} {ResourceMembers.Implementation} => {implementations}.Get({ResourceMembers.BorrowHandle}(), {CSharpNames.Literal(host.ImportName)});");
        _w.Line();
        _w.Line($"internal int {ResourceMembers.BorrowHandle}() => _handle != 0 ? _handle : throw new global::System.ObjectDisposedException({CSharpNames.Literal(name)});");
        _w.Line();
        _w.Open($"internal int {ResourceMembers.TakeHandle}()");
        _w.Line($"int handle = {ResourceMembers.BorrowHandle}();");
        _w.Line($"if (!_owned) throw new global::System.InvalidOperationException({CSharpNames.Literal("a borrowed " + name + " cannot be passed as own<" + resource.WitName + ">")});");
        _w.Line("_handle = 0;");
        _w.Line("return handle;");
        _w.Close();
        _w.Line();
        _w.Line("/// <summary>Drops the handle (once; later calls do nothing; a handle passed as own is gone already).</summary>");
        _w.Open("public void Dispose()");
        _w.Line("int handle = _handle;");
        _w.Line("_handle = 0;");
        _w.Line("if (handle == 0) return;");
        _w.Line($"if ({_types.Runtime("WitImports")}.OutsideComponent) {implementations}.Release(handle, _owned);");
        _w.Line($"else {ResourceMembers.Drop}(handle);");
        _w.Close();
        foreach (var f in resource.Functions)
        {
            _w.Line();
            var printer = new FunctionPrinter(_w, _projection, _types, f);
            switch (f.Shape)
            {
                case FunctionShape.Constructor:
                    printer.Docs();
                    _w.Line($"public {name}({printer.Parameters}) : this(new {handle}({ResourceMembers.Construct}({string.Join(", ", f.Parameters.Select(p => p.Name))}).{ResourceMembers.TakeHandle}(), true)) {{ }}");
                    _w.Line();
                    printer.Import("private static", ResourceMembers.Construct, "this");
                    break;
                case FunctionShape.Static:
                    printer.Import("public static", f.MemberName, "");
                    break;
                default:
                    printer.Import("public", f.MemberName, "this");
                    break;
            }
        }
        _w.Line();
        _w.Line($"/// <summary>Implements a <c>{SourceWriter.EscapeXml(resource.WitName)}</c> when this code runs outside a WebAssembly component (a unit test): wrap an");
        _w.Line($"/// instance with <c>new {name}(implementation)</c>. Inside a component the host implements the resource.</summary>");
        _w.Open($"public interface {host.Contract.Simple}");
        GuestPrinter.ContractMembers(_w, _projection, _types, host);
        _w.Close();
        _w.Line();
        var externs = new List<(CanonicalBuiltin, string)> { (resource.Drop, ResourceMembers.Drop) };
        externs.AddRange(resource.Functions.Select(f => (f.Core, f.CoreMethod)));
        FunctionPrinter.Externs(_w, _types, externs);
        _w.Close();
    }

    private void ExportedResource(ResourceDeclaration resource)
    {
        string name = resource.Name.Simple;
        _w.Docs(resource.Docs);
        _w.Obsolete(resource.Obsolete);
        _w.Line($"[{_types.Runtime("WitExport")}({CSharpNames.Literal(resource.ExportName)})]");
        _w.Open($"public abstract class {name} : global::System.IDisposable");
        _w.Line($"private static readonly {_types.Runtime("WitResourceTable")}<{name}> s_table = new();");
        _w.Line("private int _rep;       // index + 1 in s_table while own handles to this object exist");
        _w.Line("private int _owners;    // own handles created by [resource-new] and not yet destroyed, on either side");
        _w.Line("private int _handle;    // an own handle this component holds (an own<" + resource.WitName + "> it received)");
        _w.Line("private bool _destroyed;");
        foreach (var f in resource.Functions)
        {
            var printer = new FunctionPrinter(_w, _projection, _types, f);
            _w.Line();
            printer.Docs(implemented: true);
            _w.Line(printer.FunctionAttribute);
            _w.Line($"public abstract {printer.Signature};");
        }
        _w.Line();
        _w.Line("/// <summary>Runs once, when the resource is destroyed: the last handle to it was dropped (by the other side");
        _w.Line("/// or by <see cref=\"Dispose\"/>), or <see cref=\"Dispose\"/> was called while no handle referred to it.</summary>");
        _w.Line($"protected virtual void {ResourceMembers.OnDestroy}() {{ }}");
        _w.Line();
        _w.Line("/// <summary>Drops the own handle this component holds, if any (once; later calls do nothing): the resource is");
        _w.Line("/// destroyed when that was the last handle. An object no handle refers to is destroyed at once; one the");
        _w.Line("/// other side owns lives on until it drops its handle.</summary>");
        _w.Open("public void Dispose()");
        _w.Open("if (_handle != 0)");
        _w.Line("int handle = _handle;");
        _w.Line("_handle = 0;");
        _w.Line($"{ResourceMembers.Drop}(handle); // runs the destructor export, which calls {ResourceMembers.Destroy}");
        _w.Close();
        _w.Open("else if (_owners == 0 && !_destroyed)");
        _w.Line("_destroyed = true;");
        _w.Line($"{ResourceMembers.OnDestroy}();");
        _w.Close();
        _w.Close();
        _w.Line();
        _w.Line($"internal static {name} {ResourceMembers.FromRep}(int rep) => s_table.Get(rep);");
        _w.Line();
        _w.Open($"internal static {name} {ResourceMembers.LiftOwn}(int handle)");
        _w.Line($"var value = s_table.Get({ResourceMembers.Rep}(handle));");
        _w.Line("if (value._handle == 0) value._handle = handle;");
        _w.Line($"else {ResourceMembers.Drop}(handle); // one own handle held here is enough; the other still keeps the object alive");
        _w.Line("return value;");
        _w.Close();
        _w.Line();
        _w.Open($"internal static int {ResourceMembers.LowerOwn}({name} value)");
        _w.Open("if (value._handle != 0)");
        _w.Line("int handle = value._handle;");
        _w.Line("value._handle = 0;");
        _w.Line("return handle;");
        _w.Close();
        _w.Line($"if (value._destroyed) throw new global::System.ObjectDisposedException({CSharpNames.Literal(name)});");
        _w.Line("if (value._rep == 0) value._rep = s_table.Add(value);");
        _w.Line("value._owners++;");
        _w.Line($"return {ResourceMembers.New}(value._rep);");
        _w.Close();
        _w.Line();
        _w.Line($"internal static int {ResourceMembers.LowerBorrow}({name} value) => value._handle != 0 ? value._handle");
        _w.Line($"    : throw new global::System.InvalidOperationException({CSharpNames.Literal(name + ": lending an exported resource to an import needs an own handle to it held by this component")});");
        _w.Line();
        _w.Open($"internal static void {ResourceMembers.Destroy}(int rep)");
        _w.Line("var value = s_table.Get(rep);");
        _w.Line("if (--value._owners > 0) return;");
        _w.Line("s_table.Remove(rep);");
        _w.Line("value._rep = 0;");
        _w.Line("value._destroyed = true;");
        _w.Line($"value.{ResourceMembers.OnDestroy}();");
        _w.Close();
        _w.Line();
        FunctionPrinter.Externs(_w, _types, new[] { (resource.New!, ResourceMembers.New), (resource.Rep!, ResourceMembers.Rep), (resource.Drop, ResourceMembers.Drop) });
        _w.Close();
    }

    /// <summary>The destructor export of an exported resource (a member of the world class).</summary>
    public void DestructorShim(ResourceDeclaration resource)
    {
        string entry = resource.Destructor!.Name;
        FunctionPrinter.UnmanagedCallersOnly(_w, entry);
        _w.Open($"internal static void {resource.DestructorShim}(int rep)");
        _w.Open("try");
        _w.Line($"{resource.Name}.{ResourceMembers.Destroy}(rep);");
        _w.Close();
        FunctionPrinter.TrapCatch(_w, _types, entry);
        _w.Close();
    }

    /// <summary>A codec class: <c>internal static partial class Abi</c> with one method per codec.</summary>
    public void Codecs(IReadOnlyList<CodecBinding> codecs, CsName abiClass)
    {
        _w.Line("/// <summary>The canonical-ABI codecs of these types: one method per type and direction, shared by every function.</summary>");
        _w.Open($"internal static partial class {abiClass.Simple}");
        bool first = true;
        foreach (var codec in codecs)
        {
            if (!first) _w.Line();
            first = false;
            Codec(codec);
        }
        _w.Close();
    }

    private void Codec(CodecBinding codec)
    {
        string cs = _types.Of(codec.CsType);
        if (codec.Direction == PlanDirection.Lift)
        {
            var writer = new PlanWriter(_w, _projection, _types, codec.Context, codec.Home, "", codec.TakesBorrowScope ? "borrows" : null);
            string borrows = codec.TakesBorrowScope ? ", " + _types.Runtime("WitBorrowScope") + " borrows" : "";
            _w.Open($"internal static {cs} {codec.Method}(int address{borrows})");
            string value = writer.Lift(codec.Plan.Root, "address");
            _w.Line($"return {value};");
            _w.Close();
        }
        else
        {
            var writer = new PlanWriter(_w, _projection, _types, codec.Context, codec.Home, "cleanup", null);
            _w.Open($"internal static void {codec.Method}({cs} value, int address, {_types.Runtime("WitCleanup")} cleanup)");
            writer.Lower(codec.Plan.Root, "value", "address");
            _w.Close();
        }
    }
}

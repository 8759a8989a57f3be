using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

/// <summary>
/// Which instance of an interface a projection belongs to. A world may import an interface and export it
/// too: at the component level those are two instances with distinct types. Types that do not differ between
/// them (no resource of such an interface inside) are shared; the others get one C# type per side.
/// </summary>
public enum BindingSide
{
    Import,
    Export,
}

/// <summary>
/// The C# declaration of one named WIT type (record, variant, enum, flags, resource) on one side: where it
/// lives, its name and its members. <see cref="Origin"/> is the WIT definition it projects.
/// </summary>
public abstract record TypeDeclaration(TypeId Origin, BindingSide Side, CsName Name, string WitName, string? Docs, Span Span)
{
    /// <summary>The message of the <c>[Obsolete]</c> the declaration carries when the WIT type is <c>@deprecated</c>.</summary>
    public string? Obsolete { get; init; }
}

/// <summary>A record field as a positional property.</summary>
/// <param name="DeepEquality">The field's C# type compares by reference (arrays, dictionaries, also inside tuples and
/// options): the record's generated equality compares it element-wise.</param>
public sealed record FieldBinding(string WitName, string PropertyName, CsType Type, string? Docs, bool DeepEquality);

/// <summary><c>public sealed record Name(T1 P1, ...)</c>; with <see cref="CustomEquality"/> it also declares
/// <c>Equals</c>/<c>GetHashCode</c> comparing the <see cref="FieldBinding.DeepEquality"/> fields element-wise.</summary>
public sealed record RecordDeclaration(TypeId Origin, BindingSide Side, CsName Name, string WitName, string? Docs, Span Span,
    ValueArray<FieldBinding> Fields, bool CustomEquality)
    : TypeDeclaration(Origin, Side, Name, WitName, Docs, Span);

/// <summary>One case of a variant: a nested <c>sealed record</c> with the payload (if any) as a property.</summary>
public sealed record CaseBinding(string WitName, string ClassName, CsType? Payload, string? Docs, bool DeepEquality);

/// <summary><c>public abstract record Name</c> with a private constructor and one nested record per case; every
/// payload is the property <see cref="PayloadProperty"/>.</summary>
public sealed record VariantDeclaration(TypeId Origin, BindingSide Side, CsName Name, string WitName, string? Docs, Span Span,
    ValueArray<CaseBinding> Cases, string PayloadProperty)
    : TypeDeclaration(Origin, Side, Name, WitName, Docs, Span);

/// <summary>A member of an enum or flags type and its numeric value.</summary>
public sealed record EnumMember(string WitName, string Name, long Value, string? Docs);

/// <summary><c>public enum Name : Underlying</c> (WIT enum: values 0, 1, ...) or, with <see cref="IsFlags"/>,
/// a <c>[Flags]</c> enum (values 1, 2, 4, ...).</summary>
public sealed record EnumDeclaration(TypeId Origin, BindingSide Side, CsName Name, string WitName, string? Docs, Span Span,
    CsPrimitive Underlying, bool IsFlags, ValueArray<EnumMember> Members)
    : TypeDeclaration(Origin, Side, Name, WitName, Docs, Span);

/// <summary>
/// A resource. Imported (<see cref="BindingSide.Import"/>): <c>sealed class Name : IDisposable</c> owning a handle,
/// with the resource's methods, statics and constructor (<see cref="Functions"/>, all guest imports) and its
/// <c>[resource-drop]</c>. Exported: <c>abstract class Name : IDisposable</c> the user derives from, with the methods as
/// abstract members (<see cref="Functions"/>, guest exports; constructors and statics are members of the interface's
/// export contract instead), the rep table, <c>[resource-new]</c>/<c>[resource-rep]</c>/<c>[resource-drop]</c> imported
/// from <c>[export]…</c> and the <c>[dtor]</c> export (<see cref="Destructor"/>, printed as <see cref="DestructorShim"/>
/// of the world class).
/// </summary>
public sealed record ResourceDeclaration(TypeId Origin, BindingSide Side, CsName Name, string WitName, string? Docs, Span Span,
    string ExportName, ValueArray<FunctionBinding> Functions, CanonicalBuiltin Drop, CanonicalBuiltin? New, CanonicalBuiltin? Rep,
    CanonicalBuiltin? Destructor, string? DestructorShim)
    : TypeDeclaration(Origin, Side, Name, WitName, Docs, Span)
{
    public bool IsExported => Side == BindingSide.Export;

    /// <summary>An imported resource: the contract its objects' implementations provide outside a component (<c>R.IHost</c>).</summary>
    public ImportContract? Host { get; init; }
}

using System;
using System.Collections.Generic;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

/// <summary>How functions whose WIT result is <c>result&lt;T, E&gt;</c> look in C#.</summary>
public enum ResultMapping
{
    /// <summary>Return <c>T</c>; the error travels as <c>WitException&lt;E&gt;</c>.</summary>
    Exceptions,

    /// <summary>Return <c>Result&lt;T, E&gt;</c>.</summary>
    Result,
}

/// <summary>The options that change the bindings (validated by <see cref="OptionValidation"/> when they come from users).</summary>
public sealed record BindingOptions(string RootNamespace, ResultMapping ResultMapping, StringEncoding StringEncoding)
{
    public static readonly BindingOptions Default = new("Wit", ResultMapping.Exceptions, StringEncoding.Utf8);

    /// <summary>The options that change the text of the bindings, described for messages ("result mapping
    /// `exceptions`"). Worlds merged into one namespace must agree on it. Add every new such option here.</summary>
    public string TextKey() => "result mapping `" + (ResultMapping == ResultMapping.Result ? "result" : "exceptions") + "`" +
                               (StringEncoding == StringEncoding.Utf8 ? "" : ", string encoding `" + StringEncodings.CanonicalName(StringEncoding) + "`");
}

/// <summary>
/// A memory codec: the one method lifting or lowering values of one type (a named compound type, or the
/// element type of a list) that every plan needing it calls (<see cref="SharedTypePlan"/>). Lift codecs read
/// <c>(int address)</c> and, when the type holds borrowed handles of imported resources, take the export's
/// <c>WitBorrowScope</c> (<see cref="TakesBorrowScope"/>); lower codecs write <c>(value, int address, WitCleanup)</c>.
/// </summary>
/// <param name="Home">The class that declares it (an interface's or the world's <c>Abi</c> class).</param>
/// <param name="Plan">The type's own memory plan (base = the value's first byte), with nested shared types left to their codecs.</param>
public sealed record CodecBinding(CsName Home, string Method, PlanDirection Direction, BindingSide Context, AbiType Type, CsType CsType,
    TypePlan Plan, bool TakesBorrowScope);

/// <summary>
/// An exported interface (or the world's exported functions): the C# interface the user implements, the partial
/// factory method of the world class returning the implementation, and every exported function with its shim.
/// </summary>
/// <param name="ExportName">The component-model name ("wittools:factorization/factorize@0.1.0"), or the world's
/// qualified name for the world's own functions.</param>
/// <param name="InstanceProperty">The world class's property caching the factory's result.</param>
/// <param name="Members">The contract's members: freestanding functions, and for each exported resource its
/// constructor (<c>CreateR</c>) and statics (<c>RStatic</c>).</param>
/// <param name="Functions">Every function exported under this name, in WIT order, each with its shim (resource methods too).</param>
public sealed record ExportContract(string ExportName, CsName Contract, string? Docs, string Factory, string InstanceProperty, Span Span,
    ValueArray<FunctionBinding> Members, ValueArray<FunctionBinding> Functions, bool IsWorldFunctions);

/// <summary>
/// One interface of the world: a <c>public static partial class</c> holding its types (nested), imported functions
/// (static methods), export contract and codecs. Named interfaces are printed as up to three files (types, imports,
/// exports) whose text depends only on the interface, the direction and the options, so worlds sharing an interface
/// share the files; inline interfaces are nested classes of the world class.
/// </summary>
/// <param name="ModuleName">The component-model name ("wasi:io/streams@0.2.12", or the world key of an inline interface): the core import module.</param>
/// <param name="Types">The primary projection of the interface's named types (imported side when the world imports the interface).</param>
/// <param name="ExportClass">When the world imports and exports the interface and some types differ between the two (they
/// hold its resources): the nested class holding their exported projections (<see cref="ExportTypes"/>).</param>
public sealed record InterfaceBinding(
    InterfaceId Id,
    string ModuleName,
    CsName Class,
    string? Docs,
    bool IsInline,
    bool Imported,
    bool Exported,
    string? TypesFile,
    string? ImportsFile,
    string? ExportsFile,
    ValueArray<TypeDeclaration> Types,
    CsName? ExportClass,
    ValueArray<TypeDeclaration> ExportTypes,
    ValueArray<FunctionBinding> Imports,
    ExportContract? Contract,
    CsName AbiClass,
    ValueArray<CodecBinding> Codecs,
    ValueArray<CodecBinding> ExportCodecs)
{
    /// <summary>When the world imports the interface and it has freestanding functions, constructors or statics: the
    /// contract that provides them (<c>Iface.IHost</c>).</summary>
    public ImportContract? Host { get; init; }

    /// <summary>The message of the <c>[Obsolete]</c> the interface class carries when the WIT interface is <c>@deprecated</c>.</summary>
    public string? Obsolete { get; init; }
}

/// <summary>One class of the skeleton implementation (<c>--stubs</c>): a contract implementation or an exported resource subclass.</summary>
public sealed record StubClass(string Name, CsName Implements, bool IsResource, ValueArray<FunctionBinding> Members, string? Factory);

/// <summary>The skeleton implementation of a world's exports.</summary>
public sealed record StubsBinding(string File, ValueArray<StubClass> Classes);

/// <summary>
/// Everything decided about one world's bindings: every C# name and shape, every function's plan, ownership and core
/// function, the codecs, the canonical built-ins and the runtime parts used. Emitters print it and decide nothing.
/// Immutable; compares by value (plans and ABI types by identity, which a build shares).
/// </summary>
public sealed record WorldBinding(
    WorldId Id,
    string WitName,
    string QualifiedName,
    BindingOptions Options,
    CsName Class,
    string? Docs,
    string File,
    ValueArray<TypeDeclaration> Types,
    ValueArray<InterfaceBinding> Interfaces,
    ValueArray<FunctionBinding> Imports,
    ValueArray<ExportContract> Exports,
    CsName AbiClass,
    ValueArray<CodecBinding> Codecs,
    ValueArray<CanonicalBuiltin> Builtins,
    RuntimeFeatures Runtime,
    StubsBinding Stubs)
{
    /// <summary>When the world imports functions of its own: the contract that provides them (<c>WWorld.IHost</c>).</summary>
    public ImportContract? Host { get; init; }

    /// <summary>Stream and future vtables and the error-context built-ins, when the world uses them (FunctionBinding.Async.cs).</summary>
    public AsyncWorldBinding? Async { get; init; }

    /// <summary>The core functions the bindings export (<c>iface#name</c>, <c>cabi_post_…</c>, <c>…#[dtor]r</c>); a
    /// component exports each name once. <c>cabi_realloc</c> is not listed.</summary>
    public IEnumerable<string> EntryPoints
    {
        get
        {
            foreach (var builtin in Builtins)
                if (builtin.IsExport && builtin.Kind != BuiltinKind.Realloc) yield return builtin.Name;
        }
    }
}

/// <summary>
/// The C# projection of ABI type nodes, for printing plans: the C# type of a node, the declaration of a named node and
/// the codec of a shared node, each as seen from one side (<see cref="BindingSide"/>). Filled by the builder for every
/// node the world's plans and declarations reach.
/// </summary>
public sealed class TypeProjection
{
    private readonly Dictionary<(AbiType, BindingSide), CsType> _types;
    private readonly Dictionary<(TypeId, BindingSide), TypeDeclaration> _declarations;
    private readonly Dictionary<(AbiType, PlanDirection, BindingSide, CsName?), CodecBinding> _codecs;

    internal TypeProjection(Dictionary<(AbiType, BindingSide), CsType> types, Dictionary<(TypeId, BindingSide), TypeDeclaration> declarations,
        Dictionary<(AbiType, PlanDirection, BindingSide, CsName?), CodecBinding> codecs)
    {
        _types = types;
        _declarations = declarations;
        _codecs = codecs;
    }

    /// <summary>The C# type of a value of <paramref name="type"/> seen from <paramref name="side"/>.</summary>
    public CsType Of(AbiType type, BindingSide side) =>
        _types.TryGetValue((type, side), out var cs) ? cs : throw new InvalidOperationException("internal: no C# type for " + type + " (" + side + ")");

    /// <summary>The declaration a record, variant, enum, flags or handle node refers to, seen from <paramref name="side"/>.</summary>
    public TypeDeclaration Declaration(AbiType type, BindingSide side)
    {
        var id = type.Kind is AbiTypeKind.Own or AbiTypeKind.Borrow ? type.Resource : type.Origin;
        return id is { } known && _declarations.TryGetValue((known, side), out var declaration)
            ? declaration
            : throw new InvalidOperationException("internal: no declaration for " + type + " (" + side + ")");
    }

    /// <summary>The codec moving a <see cref="SharedTypePlan"/> of <paramref name="type"/> in <paramref name="direction"/>
    /// from code in <paramref name="user"/> (the class printing the call: anonymous list elements have a codec per class).</summary>
    public CodecBinding Codec(AbiType type, PlanDirection direction, BindingSide side, CsName user) =>
        _codecs.TryGetValue((type, direction, side, null), out var shared) ? shared
        : _codecs.TryGetValue((type, direction, side, user), out var local) ? local
        : throw new InvalidOperationException("internal: no codec for " + type + " (" + direction + ", " + side + ") in " + user);
}

/// <summary>The result of <see cref="BindingBuilder.Build"/>: the model, or the errors that prevented it.</summary>
public sealed class BindingResult
{
    public BindingResult(WorldBinding? world, TypeProjection? projection, IReadOnlyList<WitDiagnostic> diagnostics)
    {
        World = world;
        Projection = projection;
        Diagnostics = diagnostics;
    }

    public WorldBinding? World { get; }
    public TypeProjection? Projection { get; }

    /// <summary>Errors (then <see cref="World"/> is null), located at the WIT construct they are about.</summary>
    public IReadOnlyList<WitDiagnostic> Diagnostics { get; }

    public bool Success => World is not null;
}

using System.Collections.Generic;

namespace WitTools.BindGen.Abi;

/// <summary>Which way a plan moves a value: lifting reads core values/memory into a source-language value,
/// lowering writes a source-language value into core values/memory.</summary>
public enum PlanDirection
{
    Lift,
    Lower,
}

/// <summary>
/// Whether memory plans expand every nested value (<see cref="None"/>, the default) or leave the values whose
/// type is planned on its own as <see cref="SharedTypePlan"/> leaves (<see cref="NamedTypes"/>): named compound
/// types (records, variants, tuples, options, results, lists, maps with a WIT name) and the elements of lists whose
/// elements are not plain numbers. Binding generators use sharing to emit one method per such type and direction
/// instead of a copy at every use; flat plans never share.
/// </summary>
public enum PlanSharing
{
    None,
    NamedTypes,
}

/// <summary>Whether a plan's top-level locations are flat core values or memory.</summary>
public enum PlanStorage
{
    Flat,
    Memory,
}

/// <summary>
/// One node of a lift/lower plan: what to read or write for a value of <see cref="Type"/>. The same tree
/// shapes serve both directions; every offset, slot, width and bitcast is already decided here, so an
/// emitter only prints.
/// </summary>
public abstract class ValuePlan
{
    private protected ValuePlan(AbiType type) => Type = type;

    public AbiType Type { get; }
}

/// <summary>A value held in one core value: bool, integers, floats, char, flags, a handle
/// (own/borrow), future, stream or error-context. The conversion follows from <see cref="ValuePlan.Type"/>'s kind.</summary>
public sealed class ScalarPlan : ValuePlan
{
    public ScalarPlan(AbiType type, ValueLocation location) : base(type) => Location = location;

    public ValueLocation Location { get; }
}

/// <summary>
/// A string behind a pointer. <see cref="Encoding"/> (the canonical option <c>string-encoding</c>) says what the
/// length counts (UTF-8 bytes, UTF-16 code units, or for <c>latin1+utf16</c> Latin-1 bytes or, with the
/// <see cref="StringEncodings.Utf16Tag"/> bit set, UTF-16 code units) and <see cref="Alignment"/> the alignment the
/// pointer must have; the two locations are the same for every encoding.
/// </summary>
public sealed class StringPlan : ValuePlan
{
    public StringPlan(AbiType type, ValueLocation pointer, ValueLocation length, StringEncoding encoding = StringEncoding.Utf8) : base(type)
    {
        Pointer = pointer;
        Length = length;
        Encoding = encoding;
    }

    public ValueLocation Pointer { get; }
    public ValueLocation Length { get; }
    public StringEncoding Encoding { get; }

    /// <summary>Alignment of the string's bytes (lifting traps on a misaligned pointer, lowering allocates so).</summary>
    public int Alignment => StringEncodings.Alignment(Encoding);
}

/// <summary>
/// A list (or a map, whose elements are <c>tuple&lt;K, V&gt;</c>): <see cref="Length"/> elements of
/// <see cref="ElementSize"/> bytes each, aligned to <see cref="ElementAlign"/>, behind <see cref="Pointer"/>.
/// <see cref="Element"/> is a memory plan relative to each element's start. <see cref="IsCanonical"/> says the
/// element's memory form equals its source form (plain numbers), so the bytes may be copied in bulk.
/// </summary>
public sealed class ListPlan : ValuePlan
{
    public ListPlan(AbiType type, ValueLocation pointer, ValueLocation length, ValuePlan element, long elementSize, int elementAlign, bool isCanonical)
        : base(type)
    {
        Pointer = pointer;
        Length = length;
        Element = element;
        ElementSize = elementSize;
        ElementAlign = elementAlign;
        IsCanonical = isCanonical;
    }

    public ValueLocation Pointer { get; }
    public ValueLocation Length { get; }
    public ValuePlan Element { get; }
    public long ElementSize { get; }
    public int ElementAlign { get; }
    public bool IsCanonical { get; }
}

/// <summary>
/// A fixed-size list <c>list&lt;T, N&gt;</c>. In flat storage <see cref="Elements"/> holds one plan per element
/// (flat forms are short). In memory, <see cref="Element"/> is a plan relative to element <c>i</c>'s start,
/// which is <see cref="Offset"/> + i * <see cref="ElementSize"/> from the current base.
/// </summary>
public sealed class FixedListPlan : ValuePlan
{
    public FixedListPlan(AbiType type, IReadOnlyList<ValuePlan> elements) : base(type)
    {
        Elements = elements;
        Length = elements.Count;
    }

    public FixedListPlan(AbiType type, long offset, long length, long elementSize, ValuePlan element) : base(type)
    {
        Offset = offset;
        Length = length;
        ElementSize = elementSize;
        Element = element;
    }

    public long Length { get; }
    public IReadOnlyList<ValuePlan>? Elements { get; }
    public ValuePlan? Element { get; }
    public long Offset { get; }
    public long ElementSize { get; }
}

/// <summary>
/// A value at <see cref="Offset"/> from the current base whose type has a memory plan of its own (built with
/// <see cref="AbiPlanner.TryLift(AbiType, PlanStorage, StringEncoding, PlanSharing, out LiftPlan?, out string?)"/> and
/// its lowering twin, base at the value's first byte). Only plans built with <see cref="PlanSharing.NamedTypes"/>
/// contain it, and only in memory.
/// </summary>
public sealed class SharedTypePlan : ValuePlan
{
    public SharedTypePlan(AbiType type, long offset) : base(type) => Offset = offset;

    public long Offset { get; }

    /// <summary>Whether a plan built with <see cref="PlanSharing.NamedTypes"/> leaves a value of
    /// <paramref name="type"/> at a nested memory position to the type's own plan.</summary>
    public static bool IsShared(AbiType type) => type.Name is not null && IsCompound(type);

    /// <summary>Whether the elements of a list of <paramref name="element"/> are planned on their own.</summary>
    public static bool IsSharedElement(AbiType element) => IsCompound(element);

    private static bool IsCompound(AbiType type) => type.Kind is AbiTypeKind.Record or AbiTypeKind.Tuple or AbiTypeKind.Variant
        or AbiTypeKind.Option or AbiTypeKind.Result or AbiTypeKind.List or AbiTypeKind.FixedList or AbiTypeKind.Map;
}

/// <summary>A named field (or tuple element "0", "1", ...) and its plan.</summary>
public sealed class FieldPlan
{
    public FieldPlan(string name, ValuePlan plan)
    {
        Name = name;
        Plan = plan;
    }

    public string Name { get; }
    public ValuePlan Plan { get; }
}

/// <summary>A record or tuple: its fields, in order.</summary>
public sealed class RecordPlan : ValuePlan
{
    public RecordPlan(AbiType type, IReadOnlyList<FieldPlan> fields) : base(type) => Fields = fields;

    public IReadOnlyList<FieldPlan> Fields { get; }
}

/// <summary>
/// One case of a <see cref="VariantPlan"/>: its discriminant value, payload plan (null when it has none)
/// and, for flat lowering, the payload slots this case leaves unused, which must be written as zero of
/// their slot type.
/// </summary>
public sealed class CasePlan
{
    public CasePlan(string name, int discriminant, ValuePlan? payload, IReadOnlyList<FlatLocation> unusedSlots)
    {
        Name = name;
        Discriminant = discriminant;
        Payload = payload;
        UnusedSlots = unusedSlots;
    }

    public string Name { get; }
    public int Discriminant { get; }
    public ValuePlan? Payload { get; }
    public IReadOnlyList<FlatLocation> UnusedSlots { get; }
}

/// <summary>A variant, enum, option or result: dispatch on the discriminant, then the case's payload.</summary>
public sealed class VariantPlan : ValuePlan
{
    public VariantPlan(AbiType type, ValueLocation discriminant, IReadOnlyList<CasePlan> cases) : base(type)
    {
        Discriminant = discriminant;
        Cases = cases;
    }

    public ValueLocation Discriminant { get; }
    public IReadOnlyList<CasePlan> Cases { get; }
}

using System;

namespace WitTools.BindGen.Abi;

/// <summary>How a scalar is read from or written to linear memory.</summary>
public enum MemoryAccess
{
    U8,
    S8,
    U16,
    S16,
    I32,
    I64,
    F32,
    F64,
}

/// <summary>Reinterpretation between the core type of a flat slot and the core type a value wants,
/// needed where variant cases share joined slots (the spec's coercions in lift/lower_flat_variant).</summary>
public enum Bitcast
{
    None,
    I32ToF32,
    F32ToI32,
    I64ToF64,
    F64ToI64,
    /// <summary>Wrap an i64 slot to the i32 value.</summary>
    I64ToI32,
    /// <summary>Zero-extend an i32 value into an i64 slot.</summary>
    I32ToI64,
    /// <summary>Wrap to i32, then reinterpret as f32.</summary>
    I64ToF32,
    /// <summary>Reinterpret as i32, then zero-extend to i64.</summary>
    F32ToI64,
}

/// <summary>Where one scalar of a plan lives.</summary>
public abstract class ValueLocation
{
    private protected ValueLocation() { }
}

/// <summary>
/// A flat core value: index <see cref="Index"/> of the plan's frame (the core params, the core results or
/// the <c>task.return</c> params, as the owning plan says). <see cref="SlotType"/> is the frame's type there,
/// <see cref="ValueType"/> the type this value flattens to; <see cref="Bitcast"/> converts between them in
/// the plan's direction (slot to value when lifting, value to slot when lowering).
/// </summary>
public sealed class FlatLocation : ValueLocation
{
    public FlatLocation(int index, CoreType slotType, CoreType valueType, Bitcast bitcast)
    {
        Index = index;
        SlotType = slotType;
        ValueType = valueType;
        Bitcast = bitcast;
    }

    public int Index { get; }
    public CoreType SlotType { get; }
    public CoreType ValueType { get; }
    public Bitcast Bitcast { get; }

    public override string ToString() =>
        "flat[" + Index + "]:" + SlotType.Name() + (Bitcast == Bitcast.None ? "" : " (" + Bitcast + ")");
}

/// <summary>
/// Bytes at <see cref="Offset"/> from the current base pointer: the params/results area for top-level
/// values, or the element being visited inside a list / fixed-size list element plan.
/// </summary>
public sealed class MemoryLocation : ValueLocation
{
    public MemoryLocation(long offset, MemoryAccess access)
    {
        Offset = offset;
        Access = access;
    }

    public long Offset { get; }
    public MemoryAccess Access { get; }

    /// <summary>The wasm load instruction reading this location ("i32.load8_u", "f64.load", ...).</summary>
    public string LoadInstruction => Access switch
    {
        MemoryAccess.U8 => "i32.load8_u",
        MemoryAccess.S8 => "i32.load8_s",
        MemoryAccess.U16 => "i32.load16_u",
        MemoryAccess.S16 => "i32.load16_s",
        MemoryAccess.I32 => "i32.load",
        MemoryAccess.I64 => "i64.load",
        MemoryAccess.F32 => "f32.load",
        MemoryAccess.F64 => "f64.load",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The wasm store instruction writing this location ("i32.store8", "f64.store", ...).</summary>
    public string StoreInstruction => Access switch
    {
        MemoryAccess.U8 or MemoryAccess.S8 => "i32.store8",
        MemoryAccess.U16 or MemoryAccess.S16 => "i32.store16",
        MemoryAccess.I32 => "i32.store",
        MemoryAccess.I64 => "i64.store",
        MemoryAccess.F32 => "f32.store",
        MemoryAccess.F64 => "f64.store",
        _ => throw new InvalidOperationException(),
    };

    public override string ToString() => "mem[+" + Offset + "]:" + Access.ToString().ToLowerInvariant();
}

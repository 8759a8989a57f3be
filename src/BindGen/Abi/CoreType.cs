using System;

namespace WitTools.BindGen.Abi;

/// <summary>The core WebAssembly value types the canonical ABI flattens component values into.</summary>
public enum CoreType
{
    I32,
    I64,
    F32,
    F64,
}

/// <summary>Names and the variant "join" rule for <see cref="CoreType"/>.</summary>
public static class CoreTypes
{
    /// <summary>The wasm text name: "i32", "i64", "f32", "f64".</summary>
    public static string Name(this CoreType type) => type switch
    {
        CoreType.I32 => "i32",
        CoreType.I64 => "i64",
        CoreType.F32 => "f32",
        CoreType.F64 => "f64",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// The spec's <c>join</c>: the core type one flat slot of a variant uses when two cases put
    /// <paramref name="a"/> and <paramref name="b"/> there. Equal types stay, i32/f32 share an i32,
    /// everything else widens to i64.
    /// </summary>
    public static CoreType Join(CoreType a, CoreType b)
    {
        if (a == b) return a;
        if ((a == CoreType.I32 && b == CoreType.F32) || (a == CoreType.F32 && b == CoreType.I32)) return CoreType.I32;
        return CoreType.I64;
    }
}

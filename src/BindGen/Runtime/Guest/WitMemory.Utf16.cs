// Emitted when strings use the `utf16` or `latin1+utf16` encoding.
namespace WitTools.Runtime;

/// <summary>Strings in the canonical ABI's <c>utf16</c> encoding: little-endian UTF-16 (what a .NET string holds,
/// so both directions are one vectorized copy that also notices surrogates), length in code units, alignment 2.</summary>
internal static unsafe partial class WitMemory
{
    /// <summary>Reads a UTF-16 string the other side allocated with cabi_realloc, then frees it. Traps on a length
    /// above the limit, a misaligned pointer (even for an empty string, as the spec) and an unpaired surrogate
    /// (the spec decodes strictly).</summary>
    public static string LiftStringUtf16(int pointer, int length)
    {
        if ((uint)length > MaxStringByteLength / 2) throw new WitTrapException("string length " + (uint)length + " exceeds the canonical ABI limit");
        CheckAlign(pointer, 2);
        if (length == 0) return "";
        // wasm32 and the hosts we run tests on are little-endian, so the bytes are the string's own code units:
        // one pass copies them into the new string and notices surrogates; only then are pairs checked
        Span(pointer, length * 2); // bounds (emulated memory) before allocating the string
        string text = string.Create(length, pointer, static (chars, p) =>
        {
            var source = global::System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(Span(p, chars.Length * 2));
            if (!CopyFindingSurrogates(source, global::System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(chars))) return;
            int bad = FindUnpairedSurrogate(chars);
            if (bad >= 0) throw new WitTrapException("invalid UTF-16 in string at " + p + ": unpaired surrogate at code unit " + bad);
        });
        Free(pointer);
        return text;
    }

    /// <summary>Copies <paramref name="text"/>'s code units into memory allocated through <paramref name="cleanup"/>
    /// (alignment 2). A lone surrogate throws <see cref="global::System.ArgumentException"/>.</summary>
    public static int LowerStringUtf16(string text, WitCleanup cleanup, out int length)
    {
        if (text is null) throw NullString();
        var chars = global::System.MemoryExtensions.AsSpan(text);
        if (chars.Length > MaxStringByteLength / 2) throw TooLong(text);
        length = chars.Length;
        int pointer = cleanup.Alloc(length * 2, 2);
        if (length > 0 && CopyFindingSurrogates(
                global::System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(chars),
                global::System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(Span(pointer, length * 2))))
        {
            int bad = FindUnpairedSurrogate(chars);
            if (bad >= 0) throw UnpairedSurrogate(text, bad); // the cleanup frees the block
        }
        return pointer;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> and says whether any code unit
    /// was a surrogate (U+D800–U+DFFF): one pass over the data, vectorized where the hardware allows, so a string
    /// without surrogates costs a memcpy.</summary>
    public static bool CopyFindingSurrogates(global::System.ReadOnlySpan<ushort> source, global::System.Span<ushort> destination)
    {
        int n = source.Length, i = 0;
        destination = destination.Slice(0, n);
        ref ushort s = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
        ref ushort d = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(destination);
        bool any = false;
        if (global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated && n >= 32)
        {
            var acc = global::System.Runtime.Intrinsics.Vector256<ushort>.Zero;
            var mask = global::System.Runtime.Intrinsics.Vector256.Create((ushort)0xF800);
            var surrogate = global::System.Runtime.Intrinsics.Vector256.Create((ushort)0xD800);
            for (; i <= n - 32; i += 32)
            {
                var v0 = global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref s, (nuint)i);
                var v1 = global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref s, (nuint)(i + 16));
                global::System.Runtime.Intrinsics.Vector256.StoreUnsafe(v0, ref d, (nuint)i);
                global::System.Runtime.Intrinsics.Vector256.StoreUnsafe(v1, ref d, (nuint)(i + 16));
                acc |= global::System.Runtime.Intrinsics.Vector256.Equals(v0 & mask, surrogate) | global::System.Runtime.Intrinsics.Vector256.Equals(v1 & mask, surrogate);
            }
            any = acc != global::System.Runtime.Intrinsics.Vector256<ushort>.Zero;
        }
        else if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated && n >= 16)
        {
            var acc = global::System.Runtime.Intrinsics.Vector128<ushort>.Zero;
            var mask = global::System.Runtime.Intrinsics.Vector128.Create((ushort)0xF800);
            var surrogate = global::System.Runtime.Intrinsics.Vector128.Create((ushort)0xD800);
            for (; i <= n - 16; i += 16)
            {
                var v0 = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref s, (nuint)i);
                var v1 = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref s, (nuint)(i + 8));
                global::System.Runtime.Intrinsics.Vector128.StoreUnsafe(v0, ref d, (nuint)i);
                global::System.Runtime.Intrinsics.Vector128.StoreUnsafe(v1, ref d, (nuint)(i + 8));
                acc |= global::System.Runtime.Intrinsics.Vector128.Equals(v0 & mask, surrogate) | global::System.Runtime.Intrinsics.Vector128.Equals(v1 & mask, surrogate);
            }
            any = acc != global::System.Runtime.Intrinsics.Vector128<ushort>.Zero;
        }
        for (; i < n; i++)
        {
            ushort c = global::System.Runtime.CompilerServices.Unsafe.Add(ref s, i);
            global::System.Runtime.CompilerServices.Unsafe.Add(ref d, i) = c;
            any |= (c & 0xF800) == 0xD800;
        }
        return any;
    }

    /// <summary>Index of the first surrogate that is not part of a high-low pair, or -1. Strings without surrogates
    /// (the common case) cost one vectorized scan.</summary>
    public static int FindUnpairedSurrogate(global::System.ReadOnlySpan<char> chars)
    {
        int i = 0;
        while (true)
        {
            int next = global::System.MemoryExtensions.IndexOfAnyInRange(chars.Slice(i), '\uD800', '\uDFFF');
            if (next < 0) return -1;
            i += next;
            if (chars[i] > '\uDBFF' || i + 1 == chars.Length || !char.IsLowSurrogate(chars[i + 1])) return i;
            i += 2;
        }
    }
}

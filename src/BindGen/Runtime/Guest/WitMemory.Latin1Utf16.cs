// Emitted when strings use the `latin1+utf16` encoding (with WitMemory.Utf16.cs).
namespace WitTools.Runtime;

/// <summary>Strings in the canonical ABI's <c>latin1+utf16</c> encoding (wit-component's "compact-utf16"):
/// alignment 2; a length with the top bit (UTF16_TAG, 1 &lt;&lt; 31) set counts UTF-16 code units, otherwise Latin-1 bytes.</summary>
internal static unsafe partial class WitMemory
{
    /// <summary>Reads a Latin-1 or (tagged) UTF-16 string the other side allocated with cabi_realloc, then frees it.</summary>
    public static string LiftStringLatin1Utf16(int pointer, int taggedLength)
    {
        if (taggedLength < 0) return LiftStringUtf16(pointer, taggedLength & int.MaxValue);
        if (taggedLength > MaxStringByteLength) throw new WitTrapException("string length " + taggedLength + " exceeds the canonical ABI limit");
        CheckAlign(pointer, 2);
        if (taggedLength == 0) return "";
        string text = global::System.Text.Encoding.Latin1.GetString(Span(pointer, taggedLength));
        Free(pointer);
        return text;
    }

    /// <summary>Writes <paramref name="text"/> as Latin-1 (one byte per code unit) when every code unit is at most
    /// U+00FF, else as UTF-16 with the tag bit set in the length. Alignment 2 either way. A lone surrogate throws
    /// <see cref="global::System.ArgumentException"/>.</summary>
    public static int LowerStringLatin1Utf16(string text, WitCleanup cleanup, out int length)
    {
        if (text is null) throw NullString();
        var chars = global::System.MemoryExtensions.AsSpan(text);
        if (!IsLatin1(chars))
        {
            int utf16 = LowerStringUtf16(text, cleanup, out int units);
            length = units | int.MinValue;
            return utf16;
        }
        if (chars.Length > MaxStringByteLength) throw TooLong(text);
        length = chars.Length;
        int pointer = cleanup.Alloc(length, 2);
        if (length > 0) NarrowLatin1(chars, Span(pointer, length));
        return pointer;
    }

    /// <summary>Whether every code unit is at most U+00FF. (MemoryExtensions.IndexOfAnyExceptInRange was measured
    /// allocating 96 bytes per call here on .NET 10; this loop allocates nothing.)</summary>
    private static bool IsLatin1(global::System.ReadOnlySpan<char> chars)
    {
        var units = global::System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(chars);
        int i = 0;
        if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
        {
            var limit = global::System.Runtime.Intrinsics.Vector128.Create((ushort)0xFF);
            for (; i <= units.Length - 8; i += 8)
            {
                if (global::System.Runtime.Intrinsics.Vector128.GreaterThanAny(global::System.Runtime.Intrinsics.Vector128.Create(units.Slice(i, 8)), limit)) return false;
            }
        }
        for (; i < units.Length; i++)
        {
            if (units[i] > 0xFF) return false;
        }
        return true;
    }

    /// <summary>Narrows code units already known to be at most U+00FF to bytes. (Encoding.Latin1.GetBytes would
    /// check them again and allocates a fallback buffer on every call.)</summary>
    private static void NarrowLatin1(global::System.ReadOnlySpan<char> chars, global::System.Span<byte> bytes)
    {
        int i = 0;
        if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
        {
            var units = global::System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(chars);
            for (; i <= units.Length - 16; i += 16)
            {
                var low = global::System.Runtime.Intrinsics.Vector128.Create(units.Slice(i, 8));
                var high = global::System.Runtime.Intrinsics.Vector128.Create(units.Slice(i + 8, 8));
                global::System.Runtime.Intrinsics.Vector128.CopyTo(global::System.Runtime.Intrinsics.Vector128.Narrow(low, high), bytes.Slice(i, 16));
            }
        }
        for (; i < chars.Length; i++) bytes[i] = (byte)chars[i];
    }
}

// Always emitted into guest bindings: the linear-memory facade (raw pointers in wasm32, a checked byte
// array with WIT_EMULATED_MEMORY), scalars, UTF-8 strings and lists of numbers. The export of cabi_realloc
// is a part of its own (CabiRealloc.cs): a component exports it once, whatever the number of namespaces.
namespace WitTools.Runtime;

/// <summary>
/// Every access to linear memory goes through here. In wasm32 addresses are real pointers (inlined unaligned
/// loads and stores); with <c>WIT_EMULATED_MEMORY</c> they are offsets into <c>Bytes</c>, bounds and
/// alignment are checked, and a failed check throws <see cref="WitTrapException"/>.
/// </summary>
internal static unsafe partial class WitMemory
{
    /// <summary>Allocations owned by the last export's lowered result; freed by its post-return.</summary>
    public static readonly WitCleanup PostReturn = new() { TakesOwnership = true, DefersDisposal = true };

    private static readonly global::System.Text.UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The canonical ABI's MAX_STRING_BYTE_LENGTH: lifting a longer string traps, lowering one throws.</summary>
    public const int MaxStringByteLength = (1 << 28) - 1;

#if WIT_EMULATED_MEMORY
    /// <summary>The emulated linear memory (grows on demand).</summary>
    public static byte[] Bytes = new byte[1 << 16];

    private static int s_next = 16;
    private static readonly global::System.Collections.Generic.Dictionary<int, int> s_live = new();

    /// <summary>Live allocations (address → size): what a leak test checks.</summary>
    public static global::System.Collections.Generic.IReadOnlyDictionary<int, int> Live => s_live;

    public static int Alloc(int size, int align)
    {
        if (size == 0) return align;
        int pointer = (s_next + align - 1) & -align;
        s_next = pointer + size;
        while (s_next > Bytes.Length) global::System.Array.Resize(ref Bytes, Bytes.Length * 2);
        s_live.Add(pointer, size);
        return pointer;
    }

    public static void Free(int pointer)
    {
        if (pointer < 16) return;
        if (!s_live.Remove(pointer)) throw new WitTrapException("free of unknown pointer " + pointer);
    }

    public static int Realloc(int old, int oldSize, int align, int newSize)
    {
        int pointer = Alloc(newSize, align);
        if (old >= 16)
        {
            global::System.Array.Copy(Bytes, old, Bytes, pointer, global::System.Math.Min(oldSize, newSize));
            Free(old);
        }
        return pointer;
    }

    private static int Check(int address, int width, int align)
    {
        if (address < 0 || (long)address + width > Bytes.Length) throw new WitTrapException("out-of-bounds memory access at " + address);
        if (align > 1 && (address & (align - 1)) != 0) throw new WitTrapException("misaligned pointer " + address);
        return address;
    }

    public static global::System.Span<byte> Span(int address, int length) => global::System.MemoryExtensions.AsSpan(Bytes, Check(address, length, 1), length);

    /// <summary>A return area for one import call: in emulated memory it is allocated through the call's cleanup
    /// list (the caller's <paramref name="stack"/> block is not in emulated memory).</summary>
    public static int ReturnArea(global::System.Span<byte> stack, int size, int align, WitCleanup cleanup) => cleanup.Alloc(size, align);

    public static byte LoadU8(int a) => Bytes[Check(a, 1, 1)];
    public static sbyte LoadS8(int a) => (sbyte)Bytes[Check(a, 1, 1)];
    public static ushort LoadU16(int a) => global::System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(global::System.MemoryExtensions.AsSpan(Bytes, Check(a, 2, 2)));
    public static short LoadS16(int a) => global::System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(global::System.MemoryExtensions.AsSpan(Bytes, Check(a, 2, 2)));
    public static int LoadI32(int a) => global::System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(global::System.MemoryExtensions.AsSpan(Bytes, Check(a, 4, 4)));
    public static long LoadI64(int a) => global::System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(global::System.MemoryExtensions.AsSpan(Bytes, Check(a, 8, 8)));
    public static float LoadF32(int a) => global::System.BitConverter.Int32BitsToSingle(LoadI32(a));
    public static double LoadF64(int a) => global::System.BitConverter.Int64BitsToDouble(LoadI64(a));
    public static void StoreU8(int a, byte v) => Bytes[Check(a, 1, 1)] = v;
    public static void StoreU16(int a, ushort v) => global::System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(global::System.MemoryExtensions.AsSpan(Bytes, Check(a, 2, 2)), v);
    public static void StoreI32(int a, int v) => global::System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(global::System.MemoryExtensions.AsSpan(Bytes, Check(a, 4, 4)), v);
    public static void StoreI64(int a, long v) => global::System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(global::System.MemoryExtensions.AsSpan(Bytes, Check(a, 8, 8)), v);
    public static void StoreF32(int a, float v) => StoreI32(a, global::System.BitConverter.SingleToInt32Bits(v));
    public static void StoreF64(int a, double v) => StoreI64(a, global::System.BitConverter.DoubleToInt64Bits(v));
#else
    public static int Alloc(int size, int align) =>
        size == 0 ? align : (int)(nint)global::System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)size, (nuint)align);

    public static void Free(int pointer)
    {
        if (pointer >= 16) global::System.Runtime.InteropServices.NativeMemory.AlignedFree((void*)(nint)pointer);
    }

    public static int Realloc(int old, int oldSize, int align, int newSize)
    {
        if (old < 16) return Alloc(newSize, align);
        return (int)(nint)global::System.Runtime.InteropServices.NativeMemory.AlignedRealloc((void*)(nint)old, (nuint)newSize, (nuint)align);
    }

    public static global::System.Span<byte> Span(int address, int length) => new((void*)(nint)address, length);

    /// <summary>A return area for one import call in the caller's <paramref name="stack"/> block (a <c>stackalloc</c> of
    /// <paramref name="size"/> + <paramref name="align"/> - 1 bytes, in linear memory): its first aligned address. It
    /// lives until the caller returns; nothing is allocated or freed.</summary>
    public static int ReturnArea(global::System.Span<byte> stack, int size, int align, WitCleanup cleanup)
    {
        nint start = (nint)global::System.Runtime.CompilerServices.Unsafe.AsPointer(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(stack));
        return (int)((start + align - 1) & ~(nint)(align - 1));
    }

    public static byte LoadU8(int a) => *(byte*)(nint)a;
    public static sbyte LoadS8(int a) => *(sbyte*)(nint)a;
    public static ushort LoadU16(int a) => global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ushort>((void*)(nint)a);
    public static short LoadS16(int a) => global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<short>((void*)(nint)a);
    public static int LoadI32(int a) => global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<int>((void*)(nint)a);
    public static long LoadI64(int a) => global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<long>((void*)(nint)a);
    public static float LoadF32(int a) => global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<float>((void*)(nint)a);
    public static double LoadF64(int a) => global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<double>((void*)(nint)a);
    public static void StoreU8(int a, byte v) => *(byte*)(nint)a = v;
    public static void StoreU16(int a, ushort v) => global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned((void*)(nint)a, v);
    public static void StoreI32(int a, int v) => global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned((void*)(nint)a, v);
    public static void StoreI64(int a, long v) => global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned((void*)(nint)a, v);
    public static void StoreF32(int a, float v) => global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned((void*)(nint)a, v);
    public static void StoreF64(int a, double v) => global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned((void*)(nint)a, v);
#endif

    // The canonical ABI lifts any nonzero value as true (convert_int_to_bool); it is not a trap.
    public static bool LiftBool(int value) => value != 0;

    public static global::System.Text.Rune LiftChar(int value) =>
        global::System.Text.Rune.IsValid(value) ? new global::System.Text.Rune(value) : throw new WitTrapException("invalid char " + value);

    public static WitTrapException BadDiscriminant(int value, string type) => new("invalid discriminant " + value + " for " + type);

    /// <summary>Checks that a list/string pointer is aligned for its elements.</summary>
    public static void CheckAlign(int pointer, int align)
    {
        if ((pointer & (align - 1)) != 0) throw new WitTrapException("misaligned pointer " + pointer + " (alignment " + align + ")");
    }

    /// <summary>Reads a UTF-8 string the other side allocated with cabi_realloc, then frees it.</summary>
    public static string LiftString(int pointer, int length)
    {
        if ((uint)length > MaxStringByteLength) throw new WitTrapException("string length " + (uint)length + " exceeds the canonical ABI limit");
        if (length == 0) return "";
        string text;
        try
        {
            text = StrictUtf8.GetString(Span(pointer, length));
        }
        catch (global::System.Text.DecoderFallbackException)
        {
            throw new WitTrapException("invalid UTF-8 in string at " + pointer);
        }
        Free(pointer);
        return text;
    }

    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 into memory allocated through <paramref name="cleanup"/>, in one pass
    /// (as the canonical ABI's store_string_to_utf8): one byte per UTF-16 code unit is allocated, which is exact for
    /// ASCII; at the first non-ASCII character the block grows to the worst case of the rest (3 bytes per code
    /// unit), encoding continues where it stopped, and the block shrinks to the bytes written. The block may move;
    /// <paramref name="cleanup"/> tracks where. A lone surrogate throws <see cref="global::System.ArgumentException"/>
    /// (see <see cref="UnpairedSurrogate"/>).
    /// </summary>
    public static int LowerString(string text, WitCleanup cleanup, out int length)
    {
        if (text is null) throw NullString();
        var chars = global::System.MemoryExtensions.AsSpan(text);
        int size = chars.Length;
        if (size > MaxStringByteLength) throw TooLong(text);
        int pointer = cleanup.Alloc(size, 1);
        length = 0;
        if (size == 0) return pointer;
        var status = global::System.Text.Unicode.Utf8.FromUtf16(chars, Span(pointer, size), out int read, out int written, false, true);
        if (status == global::System.Buffers.OperationStatus.DestinationTooSmall)
        {
            long worst = written + 3L * (chars.Length - read);
            int grown = (int)global::System.Math.Min(worst, MaxStringByteLength);
            pointer = cleanup.Realloc(pointer, size, 1, grown);
            size = grown;
            status = global::System.Text.Unicode.Utf8.FromUtf16(chars.Slice(read), Span(pointer + written, size - written), out int more, out int extra, false, true);
            read += more;
            written += extra;
        }
        if (status == global::System.Buffers.OperationStatus.InvalidData) throw UnpairedSurrogate(text, read);
        if (status != global::System.Buffers.OperationStatus.Done) throw TooLong(text);
        if (written < size) pointer = cleanup.Realloc(pointer, size, 1, written);
        length = written;
        return pointer;
    }

    /// <summary>
    /// What lowering a string holding a lone (unpaired) surrogate throws, in every encoding: WIT strings are
    /// sequences of Unicode scalar values, so such a string has no canonical-ABI form (the other side would trap
    /// on it). The exception is thrown before the call, so the caller can catch it; nothing is replaced silently.
    /// </summary>
    public static global::System.ArgumentException UnpairedSurrogate(string text, int index) =>
        new("the string holds an unpaired surrogate (U+" + ((int)text[index]).ToString("X4") + " at index " + index +
            "); WIT strings hold Unicode scalar values only");

    /// <summary>A null where a WIT string is expected (a string-typed field or argument left null).</summary>
    public static global::System.ArgumentNullException NullString() => new("text", "a WIT string cannot be null");

    private static global::System.ArgumentException TooLong(string text) =>
        new("the string (" + text.Length + " UTF-16 code units) is longer than the canonical ABI allows (" + MaxStringByteLength + " bytes)");

    /// <summary>Copies a list of plain numbers out of memory in one block, then frees it.</summary>
    public static T[] LiftArray<T>(int pointer, int length, int align) where T : unmanaged
    {
        if (length == 0) return global::System.Array.Empty<T>();
        CheckAlign(pointer, align);
        var array = new T[length];
        Span(pointer, length * sizeof(T)).CopyTo(global::System.Runtime.InteropServices.MemoryMarshal.AsBytes(global::System.MemoryExtensions.AsSpan(array)));
        Free(pointer);
        return array;
    }

    /// <summary>Copies a list of plain numbers into memory allocated through <paramref name="cleanup"/>.</summary>
    public static int LowerArray<T>(global::System.ReadOnlySpan<T> items, int align, WitCleanup cleanup) where T : unmanaged
    {
        int bytes = items.Length * sizeof(T);
        int pointer = cleanup.Alloc(bytes, align);
        if (bytes > 0) global::System.Runtime.InteropServices.MemoryMarshal.AsBytes(items).CopyTo(Span(pointer, bytes));
        return pointer;
    }
}

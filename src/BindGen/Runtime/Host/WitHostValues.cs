// Always emitted into host bindings: what the generated host codecs call to build and read Wasmtime's component
// values (strings, names, lists of numbers, kind checks), and the scratch memory arguments are built in.
namespace WitTools.Runtime;

/// <summary>
/// Scratch native memory for the values of one call (arguments, and the results of a host function before Wasmtime
/// copies them): a bump allocator over one block, reset when the call returns. A call needing more than the block
/// gets extra blocks, and the next reset grows the block to what that call used, so steady state allocates nothing.
/// Resources lowered during the call are registered here and released at the reset.
/// </summary>
internal sealed unsafe class WitArena : global::System.IDisposable
{
    private byte* _block;
    private nuint _size;
    private nuint _used;
    private nuint _extraUsed;
    private global::System.Collections.Generic.List<global::System.IntPtr>? _extra;
    private global::System.Collections.Generic.List<global::System.IntPtr>? _resources;

    public WitArena(nuint size = 4096)
    {
        _size = size;
        _block = (byte*)global::System.Runtime.InteropServices.NativeMemory.Alloc(size);
    }

    /// <summary><paramref name="bytes"/> of memory aligned to 8, valid until <see cref="Reset"/>.</summary>
    public void* Alloc(nuint bytes)
    {
        bytes = (bytes + 7) & ~(nuint)7;
        if (_size - _used >= bytes)
        {
            void* p = _block + _used;
            _used += bytes;
            return p;
        }
        void* extra = global::System.Runtime.InteropServices.NativeMemory.Alloc(bytes == 0 ? 8 : bytes);
        (_extra ??= new()).Add((global::System.IntPtr)extra);
        _extraUsed += bytes;
        return extra;
    }

    /// <summary><paramref name="count"/> values (uninitialized).</summary>
    public WitVal* Values(int count) => (WitVal*)Alloc((nuint)count * (nuint)sizeof(WitVal));

    /// <summary>A resource (<c>wasmtime_component_resource_any_t</c>) to delete at the reset.</summary>
    public void Release(global::System.IntPtr resource) => (_resources ??= new()).Add(resource);

    public void Reset()
    {
        if (_resources is { Count: > 0 })
        {
            foreach (var resource in _resources) WitNative.wasmtime_component_resource_any_delete(resource);
            _resources.Clear();
        }
        if (_extra is { Count: > 0 })
        {
            foreach (var block in _extra) global::System.Runtime.InteropServices.NativeMemory.Free((void*)block);
            _extra.Clear();
            nuint wanted = _used + _extraUsed;
            global::System.Runtime.InteropServices.NativeMemory.Free(_block);
            _size = wanted + wanted / 2;
            _block = (byte*)global::System.Runtime.InteropServices.NativeMemory.Alloc(_size);
        }
        _used = 0;
        _extraUsed = 0;
    }

    public void Dispose()
    {
        Reset();
        if (_block == null) return;
        global::System.Runtime.InteropServices.NativeMemory.Free(_block);
        _block = null;
        _size = 0;
    }
}

/// <summary>UTF-8 for Wasmtime: strings as component values, and fixed names (fields, cases, flags) in native memory.</summary>
internal static unsafe class WitHostStrings
{
    /// <summary>The UTF-8 bytes of <paramref name="text"/> followed by a NUL (for C strings).</summary>
    public static byte[] NulTerminated(string text)
    {
        var bytes = new byte[global::System.Text.Encoding.UTF8.GetByteCount(text) + 1];
        global::System.Text.Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
        return bytes;
    }

    /// <summary>A fixed name in native memory for the life of the process (the generated codecs keep them in static fields).</summary>
    public static WitNativeVec Name(string name)
    {
        int length = global::System.Text.Encoding.UTF8.GetByteCount(name);
        byte* data = (byte*)global::System.Runtime.InteropServices.NativeMemory.Alloc((nuint)global::System.Math.Max(length, 1));
        global::System.Text.Encoding.UTF8.GetBytes(name, new global::System.Span<byte>(data, length));
        return new WitNativeVec { Size = (nuint)length, Data = data };
    }

    /// <summary>Writes a string value. A C# string holding an unpaired surrogate has no WIT form (WIT strings hold Unicode
    /// scalar values): <see cref="global::System.ArgumentException"/>, before anything is called.</summary>
    public static void Lower(string value, WitVal* destination, WitArena arena)
    {
        if (value is null) throw new global::System.ArgumentNullException(nameof(value), "a WIT string cannot be null");
        destination->Kind = WitVal.String;
        int capacity = checked(value.Length * 3);
        byte* data = (byte*)arena.Alloc((nuint)capacity);
        var status = global::System.Text.Unicode.Utf8.FromUtf16(value, new global::System.Span<byte>(data, capacity), out int read, out int written, replaceInvalidSequences: false);
        if (status != global::System.Buffers.OperationStatus.Done)
            throw new global::System.ArgumentException("the string holds an unpaired surrogate (U+" + ((int)value[read]).ToString("X4") + " at index " + read + "); WIT strings hold Unicode scalar values only");
        destination->Vec.Size = (nuint)written;
        destination->Vec.Data = data;
    }

    /// <summary>Reads a string value (Wasmtime's strings are valid UTF-8).</summary>
    public static string Lift(WitVal* value)
    {
        if (value->Kind != WitVal.String) throw WitHostValues.Mismatch(value, "string");
        return global::System.Text.Encoding.UTF8.GetString((byte*)value->Vec.Data, checked((int)value->Vec.Size));
    }

    /// <summary>The index of the name <paramref name="name"/> holds among <paramref name="names"/>, or -1.</summary>
    public static int IndexOf(WitNativeVec name, WitNativeVec[] names)
    {
        var text = new global::System.ReadOnlySpan<byte>(name.Data, checked((int)name.Size));
        for (int i = 0; i < names.Length; i++)
            if (names[i].Size == name.Size && global::System.MemoryExtensions.SequenceEqual(text, new global::System.ReadOnlySpan<byte>(names[i].Data, (int)names[i].Size))) return i;
        return -1;
    }

    public static string Text(WitNativeVec name) => global::System.Text.Encoding.UTF8.GetString((byte*)name.Data, checked((int)name.Size));
}

/// <summary>Helpers of the generated host codecs.</summary>
internal static unsafe class WitHostValues
{
    /// <summary>Frees a value Wasmtime produced (a call's result).</summary>
    public static void Free(WitVal* value) => WitNative.wasmtime_component_val_delete(value);

    /// <summary>Copies a value built in scratch memory into Wasmtime-owned memory (the result of a host function,
    /// which Wasmtime frees after reading it).</summary>
    public static void CopyOut(WitVal* source, WitVal* destination) => WitNative.wasmtime_component_val_clone(source, destination);

    /// <summary>The component's value does not have the type the bindings expect: the component does not match the WIT.</summary>
    public static WitHostException Mismatch(WitVal* value, string expected) =>
        new("the component's value does not match the WIT type `" + expected + "` (Wasmtime value kind " + value->Kind + "): was the component built from another version of the WIT?");

    public static WitHostException UnknownCase(WitNativeVec name, string type) =>
        new("the component returned case `" + WitHostStrings.Text(name) + "`, which the WIT type `" + type + "` does not have");

    // scalars: one value each; lifting checks the kind (a component built from other WIT is reported, not misread)

    public static bool LiftBool(WitVal* value) => value->Kind == WitVal.Bool ? value->Byte != 0 : throw Mismatch(value, "bool");

    public static void LowerBool(bool value, WitVal* destination)
    {
        destination->Kind = WitVal.Bool;
        destination->Byte = (byte)(value ? 1 : 0);
    }

    public static sbyte LiftS8(WitVal* value) => value->Kind == WitVal.S8 ? value->SByte : throw Mismatch(value, "s8");

    public static void LowerS8(sbyte value, WitVal* destination)
    {
        destination->Kind = WitVal.S8;
        destination->SByte = value;
    }

    public static byte LiftU8(WitVal* value) => value->Kind == WitVal.U8 ? value->Byte : throw Mismatch(value, "u8");

    public static void LowerU8(byte value, WitVal* destination)
    {
        destination->Kind = WitVal.U8;
        destination->Byte = value;
    }

    public static short LiftS16(WitVal* value) => value->Kind == WitVal.S16 ? value->Short : throw Mismatch(value, "s16");

    public static void LowerS16(short value, WitVal* destination)
    {
        destination->Kind = WitVal.S16;
        destination->Short = value;
    }

    public static ushort LiftU16(WitVal* value) => value->Kind == WitVal.U16 ? value->UShort : throw Mismatch(value, "u16");

    public static void LowerU16(ushort value, WitVal* destination)
    {
        destination->Kind = WitVal.U16;
        destination->UShort = value;
    }

    public static int LiftS32(WitVal* value) => value->Kind == WitVal.S32 ? value->Int : throw Mismatch(value, "s32");

    public static void LowerS32(int value, WitVal* destination)
    {
        destination->Kind = WitVal.S32;
        destination->Int = value;
    }

    public static uint LiftU32(WitVal* value) => value->Kind == WitVal.U32 ? value->UInt : throw Mismatch(value, "u32");

    public static void LowerU32(uint value, WitVal* destination)
    {
        destination->Kind = WitVal.U32;
        destination->UInt = value;
    }

    public static long LiftS64(WitVal* value) => value->Kind == WitVal.S64 ? value->Long : throw Mismatch(value, "s64");

    public static void LowerS64(long value, WitVal* destination)
    {
        destination->Kind = WitVal.S64;
        destination->Long = value;
    }

    public static ulong LiftU64(WitVal* value) => value->Kind == WitVal.U64 ? value->ULong : throw Mismatch(value, "u64");

    public static void LowerU64(ulong value, WitVal* destination)
    {
        destination->Kind = WitVal.U64;
        destination->ULong = value;
    }

    public static float LiftF32(WitVal* value) => value->Kind == WitVal.F32 ? value->Float : throw Mismatch(value, "f32");

    public static void LowerF32(float value, WitVal* destination)
    {
        destination->Kind = WitVal.F32;
        destination->Float = value;
    }

    public static double LiftF64(WitVal* value) => value->Kind == WitVal.F64 ? value->Double : throw Mismatch(value, "f64");

    public static void LowerF64(double value, WitVal* destination)
    {
        destination->Kind = WitVal.F64;
        destination->Double = value;
    }

    public static void LowerChar(global::System.Text.Rune value, WitVal* destination)
    {
        destination->Kind = WitVal.Char;
        destination->UInt = (uint)value.Value;
    }

    /// <summary>A list of numbers (also bool and char) as one value: each element is a value of kind <paramref name="kind"/>.</summary>
    public static void LowerList<T>(global::System.ReadOnlySpan<T> items, byte kind, WitVal* destination, WitArena arena) where T : unmanaged
    {
        WitVal* elements = arena.Values(items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            elements[i].Kind = kind;
            *(T*)&elements[i].Long = items[i];
        }
        destination->Kind = WitVal.List;
        destination->Vec.Size = (nuint)items.Length;
        destination->Vec.Data = elements;
    }

    public static T[] LiftList<T>(WitVal* value, byte kind, string type) where T : unmanaged
    {
        if (value->Kind != WitVal.List) throw Mismatch(value, type);
        WitVal* elements = (WitVal*)value->Vec.Data;
        var items = new T[checked((int)value->Vec.Size)];
        for (int i = 0; i < items.Length; i++)
        {
            if (elements[i].Kind != kind) throw Mismatch(&elements[i], type);
            items[i] = *(T*)&elements[i].Long;
        }
        return items;
    }

    /// <summary>A <c>char</c>: Wasmtime's values are Unicode scalar values already.</summary>
    public static global::System.Text.Rune LiftChar(WitVal* value) =>
        value->Kind == WitVal.Char ? new global::System.Text.Rune(value->UInt) : throw Mismatch(value, "char");

    /// <summary>Flags as the names of the set bits.</summary>
    public static void LowerFlags(ulong bits, WitNativeVec[] names, WitVal* destination, WitArena arena)
    {
        int count = 0;
        for (int i = 0; i < names.Length; i++)
            if ((bits & (1UL << i)) != 0) count++;
        var set = (WitNativeVec*)arena.Alloc((nuint)(count * sizeof(WitNativeVec)));
        int n = 0;
        for (int i = 0; i < names.Length; i++)
            if ((bits & (1UL << i)) != 0) set[n++] = names[i];
        destination->Kind = WitVal.Flags;
        destination->Vec.Size = (nuint)count;
        destination->Vec.Data = set;
    }

    public static ulong LiftFlags(WitVal* value, WitNativeVec[] names, string type)
    {
        if (value->Kind != WitVal.Flags) throw Mismatch(value, type);
        var set = (WitNativeVec*)value->Vec.Data;
        ulong bits = 0;
        for (int i = 0; i < (int)value->Vec.Size; i++)
        {
            int index = WitHostStrings.IndexOf(set[i], names);
            if (index < 0) throw UnknownCase(set[i], type);
            bits |= 1UL << index;
        }
        return bits;
    }

    /// <summary>The case index of an enum value.</summary>
    public static int LiftEnum(WitVal* value, WitNativeVec[] names, string type)
    {
        if (value->Kind != WitVal.Enum) throw Mismatch(value, type);
        int index = WitHostStrings.IndexOf(value->Vec, names);
        return index >= 0 ? index : throw UnknownCase(value->Vec, type);
    }

    /// <summary>The case index of a variant value (its payload is <c>value->VariantPayload</c>).</summary>
    public static int LiftVariant(WitVal* value, WitNativeVec[] names, string type)
    {
        if (value->Kind != WitVal.Variant) throw Mismatch(value, type);
        int index = WitHostStrings.IndexOf(value->Vec, names);
        return index >= 0 ? index : throw UnknownCase(value->Vec, type);
    }

    /// <summary>The fields of a record value, checked against the expected count.</summary>
    public static WitValField* Fields(WitVal* value, int count, string type)
    {
        if (value->Kind != WitVal.Record || (int)value->Vec.Size != count) throw Mismatch(value, type);
        return (WitValField*)value->Vec.Data;
    }

    /// <summary>The items of a tuple value, checked against the expected count.</summary>
    public static WitVal* Items(WitVal* value, int count, string type)
    {
        if (value->Kind != WitVal.Tuple || (int)value->Vec.Size != count) throw Mismatch(value, type);
        return (WitVal*)value->Vec.Data;
    }

    /// <summary>The elements of a list value, optionally checked against a fixed length.</summary>
    public static WitVal* Elements(WitVal* value, string type, out int count)
    {
        if (value->Kind != WitVal.List) throw Mismatch(value, type);
        count = checked((int)value->Vec.Size);
        return (WitVal*)value->Vec.Data;
    }

    /// <summary>The entries of a map value.</summary>
    public static WitValEntry* Entries(WitVal* value, string type, out int count)
    {
        if (value->Kind != WitVal.Map) throw Mismatch(value, type);
        count = checked((int)value->Vec.Size);
        return (WitValEntry*)value->Vec.Data;
    }

    /// <summary>A fixed-size list must have its length (<c>list&lt;T, N&gt;</c>).</summary>
    public static void CheckLength(int actual, int expected, string type)
    {
        if (actual != expected) throw new global::System.ArgumentException("a `" + type + "` holds exactly " + expected + " elements, not " + actual);
    }
}

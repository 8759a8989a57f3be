using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.BindGen.Abi;

namespace WitTools.AsyncHost.Canon;

/// <summary>A component-level string: the text, the encoding and tagged code units it was lifted with (the spec's <c>String</c>).</summary>
public sealed record StringValue(string Text, StringEncoding Encoding, long TaggedCodeUnits)
{
    public static StringValue Of(string text) => new(text, StringEncoding.Utf8, Encoding_.UTF8.GetByteCount(text));

    private static class Encoding_
    {
        public static readonly UTF8Encoding UTF8 = new(false, true);
    }

    public override string ToString() => Text;
}

/// <summary>A variant, enum, option or result value: the case index and its payload.</summary>
public sealed record VariantValue(int Case, object? Payload);

/// <summary>
/// Core values as the spec has them: i32 and i64 as unsigned (<see cref="uint"/>, <see cref="ulong"/>), f32 and f64 as
/// <see cref="float"/> and <see cref="double"/>. Conversions from and to the signed C# values generated code uses.
/// </summary>
public static class CoreValue
{
    public static object FromGuest(object value) => value switch
    {
        int i => unchecked((uint)i),
        long l => unchecked((ulong)l),
        float or double => value,
        uint or ulong => value,
        _ => throw new ArgumentException("not a core value: " + value?.GetType()),
    };

    public static object ToGuest(object value) => value switch
    {
        uint u => unchecked((int)u),
        ulong u => unchecked((long)u),
        int or long or float or double => value,
        _ => throw new ArgumentException("not a core value: " + value?.GetType()),
    };

    public static uint I32(object value) => value is uint u ? u : throw new InvalidOperationException("internal: expected i32, got " + value);
    public static ulong I64(object value) => value is ulong u ? u : throw new InvalidOperationException("internal: expected i64, got " + value);

    public static string Describe(object value) => value switch
    {
        uint u => u.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ulong u => u.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
        float f => BitConverter.SingleToInt32Bits(f).ToString("x8") + "f",
        double d => BitConverter.DoubleToInt64Bits(d).ToString("x16") + "d",
        _ => value.ToString() ?? "",
    };
}

/// <summary>The spec's <c>LiftLowerContext</c>: options, instance and borrow scope of one lift or lower.</summary>
public sealed class Cx
{
    public Cx(CanonicalOptions opts, ComponentInstance inst, object? borrowScope = null)
    {
        Opts = opts;
        Inst = inst;
        BorrowScope = borrowScope;
    }

    public CanonicalOptions Opts { get; }
    public ComponentInstance Inst { get; }
    public object? BorrowScope { get; }

    /// <summary>The memory of the options (re-read: the instance's memory grows).</summary>
    public byte[] Memory => (Opts.MemoryOf ?? throw new InvalidOperationException("internal: options without memory")).Core.Memory;

    public long Reallocate(long old, long oldSize, long alignment, long newSize)
    {
        // The spec lifts realloc (canon_lift of a sync function: a task and a thread that run to completion at once);
        // calling it directly is observably the same (it cannot block) and spares a thread switch per allocation.
        var memoryOf = Opts.MemoryOf!;
        var trace = Inst.Store.Trace;
        var args = new object[] { (uint)old, (uint)oldSize, (uint)alignment, (uint)newSize };
        trace.CallIn(memoryOf.Name, "cabi_realloc", args);
        Inst.MayLeave = false;
        int ptr;
        try
        {
            ptr = memoryOf.Core.Realloc((int)old, (int)oldSize, (int)alignment, (int)newSize);
        }
        catch
        {
            trace.Trapped();
            throw;
        }
        Inst.MayLeave = true;
        trace.Returned(new object[] { (uint)ptr });
        return (uint)ptr;
    }

    public long Allocate(long alignment, long byteLength) => Reallocate(0, 0, alignment, byteLength);
}

/// <summary>Loading, storing, lifting and lowering component values (CanonicalABI.md "Loading" … "Lifting and Lowering Values").</summary>
public static class ValueAbi
{
    public const long MaxStringByteLength = (1 << 28) - 1;
    public const long MaxListByteLength = (1 << 28) - 1;
    public const long Utf16Tag = 1L << 31;

    public static long AlignTo(long ptr, long alignment) => (ptr + alignment - 1) / alignment * alignment;

    // ---------------------------------------------------------------- loading

    public static ulong LoadInt(Cx cx, long ptr, int nbytes)
    {
        var memory = cx.Memory;
        ulong v = 0;
        for (int i = nbytes - 1; i >= 0; i--) v = (v << 8) | memory[ptr + i];
        return v;
    }

    private static long Signed(ulong v, int nbytes)
    {
        int bits = nbytes * 8;
        if (bits == 64) return unchecked((long)v);
        ulong sign = 1UL << (bits - 1);
        return (v & sign) != 0 ? (long)v - (1L << bits) : (long)v;
    }

    public static object? Load(Cx cx, long ptr, AbiType t)
    {
        switch (t.Kind)
        {
            case AbiTypeKind.Bool: return LoadInt(cx, ptr, 1) != 0;
            case AbiTypeKind.U8: return LoadInt(cx, ptr, 1);
            case AbiTypeKind.U16: return LoadInt(cx, ptr, 2);
            case AbiTypeKind.U32: return LoadInt(cx, ptr, 4);
            case AbiTypeKind.U64: return LoadInt(cx, ptr, 8);
            case AbiTypeKind.S8: return Signed(LoadInt(cx, ptr, 1), 1);
            case AbiTypeKind.S16: return Signed(LoadInt(cx, ptr, 2), 2);
            case AbiTypeKind.S32: return Signed(LoadInt(cx, ptr, 4), 4);
            case AbiTypeKind.S64: return Signed(LoadInt(cx, ptr, 8), 8);
            case AbiTypeKind.F32: return BitConverter.Int32BitsToSingle((int)LoadInt(cx, ptr, 4));
            case AbiTypeKind.F64: return BitConverter.Int64BitsToDouble((long)LoadInt(cx, ptr, 8));
            case AbiTypeKind.Char: return ConvertI32ToChar((long)LoadInt(cx, ptr, 4));
            case AbiTypeKind.String: return LoadString(cx, ptr);
            case AbiTypeKind.ErrorContext: return LiftErrorContext(cx, (long)LoadInt(cx, ptr, 4));
            case AbiTypeKind.List:
            case AbiTypeKind.Map:
            {
                long begin = (long)LoadInt(cx, ptr, 4);
                long length = (long)LoadInt(cx, ptr + 4, 4);
                return LoadListFromRange(cx, begin, length, t.Element!);
            }
            case AbiTypeKind.FixedList: return LoadListFromValidRange(cx, ptr, t.Length, t.Element!);
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var values = new object?[t.Fields.Count];
                for (int i = 0; i < values.Length; i++) values[i] = Load(cx, ptr + t.Layout.FieldOffsets[i], t.Fields[i].Type);
                return values;
            }
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
            {
                int disc = t.Layout.DiscriminantSize;
                long index = (long)LoadInt(cx, ptr, disc);
                Trap.If(index >= t.Cases.Count, "invalid variant discriminant " + index);
                var c = t.Cases[(int)index];
                return new VariantValue((int)index, c.Type is null ? null : Load(cx, ptr + t.Layout.PayloadOffset, c.Type));
            }
            case AbiTypeKind.Flags: return UnpackFlags(LoadInt(cx, ptr, (int)t.Layout.Size), t.FlagNames.Count);
            case AbiTypeKind.Own: return LiftOwn(cx, (long)LoadInt(cx, ptr, 4), t);
            case AbiTypeKind.Borrow: return LiftBorrow(cx, (long)LoadInt(cx, ptr, 4), t);
            case AbiTypeKind.Stream: return LiftAsyncValue<ReadableStreamEnd>(cx, (long)LoadInt(cx, ptr, 4), t);
            case AbiTypeKind.Future: return LiftAsyncValue<ReadableFutureEnd>(cx, (long)LoadInt(cx, ptr, 4), t);
            default: throw new InvalidOperationException("internal: cannot load " + t);
        }
    }

    public static int ConvertI32ToChar(long i)
    {
        Trap.If(i >= 0x110000, "char out of range " + i);
        Trap.If(i >= 0xD800 && i <= 0xDFFF, "char is a surrogate " + i);
        return (int)i;
    }

    public static StringValue LoadString(Cx cx, long ptr) =>
        LoadStringFromRange(cx, (long)LoadInt(cx, ptr, 4), (long)LoadInt(cx, ptr + 4, 4));

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);
    private static readonly Encoding StrictUtf16 = new UnicodeEncoding(false, false, true);

    public static StringValue LoadStringFromRange(Cx cx, long ptr, long taggedCodeUnits)
    {
        int alignment;
        long byteLength;
        Encoding encoding;
        switch (cx.Opts.Encoding)
        {
            case StringEncoding.Utf8:
                alignment = 1;
                byteLength = taggedCodeUnits;
                encoding = StrictUtf8;
                break;
            case StringEncoding.Utf16:
                alignment = 2;
                byteLength = 2 * taggedCodeUnits;
                encoding = StrictUtf16;
                break;
            default:
                alignment = 2;
                if ((taggedCodeUnits & Utf16Tag) != 0)
                {
                    byteLength = 2 * (taggedCodeUnits ^ Utf16Tag);
                    encoding = StrictUtf16;
                }
                else
                {
                    byteLength = taggedCodeUnits;
                    encoding = Encoding.Latin1;
                }
                break;
        }
        Trap.If(byteLength > MaxStringByteLength, "string too long");
        Trap.If(ptr != AlignTo(ptr, alignment), "misaligned string");
        var memory = cx.Memory;
        Trap.If(ptr + byteLength > memory.Length, "string out of bounds");
        string text;
        try
        {
            text = encoding.GetString(memory, (int)ptr, (int)byteLength);
        }
        catch (DecoderFallbackException)
        {
            throw new Trap("invalid string encoding");
        }
        return new StringValue(text, cx.Opts.Encoding, taggedCodeUnits);
    }

    public static ErrorContext LiftErrorContext(Cx cx, long i)
    {
        var e = cx.Inst.Handles.Get(i);
        Trap.If(e is not ErrorContext, "handle " + i + " is not an error-context");
        return (ErrorContext)e;
    }

    public static object?[] LoadListFromRange(Cx cx, long ptr, long length, AbiType element)
    {
        long size = element.Layout.Size;
        Trap.If(length * size > MaxListByteLength, "list too long");
        Trap.If(ptr != AlignTo(ptr, element.Layout.Align), "misaligned list");
        Trap.If(ptr + length * size > cx.Memory.Length, "list out of bounds");
        return LoadListFromValidRange(cx, ptr, length, element);
    }

    public static object?[] LoadListFromValidRange(Cx cx, long ptr, long length, AbiType element)
    {
        var a = new object?[length];
        for (long i = 0; i < length; i++) a[i] = Load(cx, ptr + i * element.Layout.Size, element);
        return a;
    }

    private static bool[] UnpackFlags(ulong i, int count)
    {
        var flags = new bool[count];
        for (int k = 0; k < count; k++)
        {
            flags[k] = (i & 1) != 0;
            i >>= 1;
        }
        return flags;
    }

    public static long LiftOwn(Cx cx, long i, AbiType t)
    {
        var e = cx.Inst.Handles.Remove(i);
        Trap.If(e is not ResourceHandle, "handle " + i + " is not a resource");
        var h = (ResourceHandle)e;
        Trap.If(h.Rt != cx.Inst.Store.ResourceTypeOf(t), "handle " + i + " is a " + h.Rt + ", not a " + t.ResourceName);
        Trap.If(h.NumLends != 0, "own handle " + i + " is lent");
        Trap.If(!h.Own, "handle " + i + " is borrowed, not owned");
        return h.Rep;
    }

    public static long LiftBorrow(Cx cx, long i, AbiType t)
    {
        var e = cx.Inst.Handles.Get(i);
        Trap.If(e is not ResourceHandle, "handle " + i + " is not a resource");
        var h = (ResourceHandle)e;
        Trap.If(h.Rt != cx.Inst.Store.ResourceTypeOf(t), "handle " + i + " is a " + h.Rt + ", not a " + t.ResourceName);
        ((Subtask)cx.BorrowScope!).AddLender(h);
        return h.Rep;
    }

    public static object LiftAsyncValue<TEnd>(Cx cx, long i, AbiType t) where TEnd : CopyEnd
    {
        var e = cx.Inst.Handles.Remove(i);
        Trap.If(e is not TEnd, "handle " + i + " is not a readable " + (t.Kind == AbiTypeKind.Stream ? "stream" : "future") + " end");
        var end = (TEnd)e;
        Trap.If(!PayloadEquals(end.PayloadType, t.Element), "the " + t + " end " + i + " carries another payload type");
        Trap.If(end.State != CopyState.Idle, "a " + t + " end in the middle of a copy cannot be passed on");
        Trap.If(end.InWaitableSet, "a " + t + " end in a waitable set cannot be passed on");
        return end.SharedObject;
    }

    /// <summary>Type equality of payloads (structural, as the spec's dataclass equality; resources by identity).</summary>
    public static bool PayloadEquals(AbiType? a, AbiType? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (ReferenceEquals(a, b)) return true;
        if (a.Kind != b.Kind || a.Length != b.Length) return false;
        if (a.Kind is AbiTypeKind.Own or AbiTypeKind.Borrow) return Equals(a.Resource, b.Resource);
        if (a.Fields.Count != b.Fields.Count || a.Cases.Count != b.Cases.Count || a.FlagNames.Count != b.FlagNames.Count) return false;
        for (int i = 0; i < a.Fields.Count; i++)
            if (a.Fields[i].Name != b.Fields[i].Name || !PayloadEquals(a.Fields[i].Type, b.Fields[i].Type)) return false;
        for (int i = 0; i < a.Cases.Count; i++)
            if (a.Cases[i].Name != b.Cases[i].Name || !PayloadEquals(a.Cases[i].Type, b.Cases[i].Type)) return false;
        if (!a.FlagNames.SequenceEqual(b.FlagNames)) return false;
        return a.Kind is AbiTypeKind.Map ? PayloadEquals(a.Key, b.Key) && PayloadEquals(a.Value, b.Value) : PayloadEquals(a.Element, b.Element);
    }

    // ---------------------------------------------------------------- storing

    public static void StoreInt(Cx cx, ulong v, long ptr, int nbytes)
    {
        var memory = cx.Memory;
        for (int i = 0; i < nbytes; i++)
        {
            memory[ptr + i] = (byte)v;
            v >>= 8;
        }
    }

    public static void Store(Cx cx, object? v, AbiType t, long ptr)
    {
        switch (t.Kind)
        {
            case AbiTypeKind.Bool: StoreInt(cx, (bool)v! ? 1UL : 0UL, ptr, 1); break;
            case AbiTypeKind.U8: StoreInt(cx, (ulong)v!, ptr, 1); break;
            case AbiTypeKind.U16: StoreInt(cx, (ulong)v!, ptr, 2); break;
            case AbiTypeKind.U32: StoreInt(cx, (ulong)v!, ptr, 4); break;
            case AbiTypeKind.U64: StoreInt(cx, (ulong)v!, ptr, 8); break;
            case AbiTypeKind.S8: StoreInt(cx, unchecked((ulong)(long)v!), ptr, 1); break;
            case AbiTypeKind.S16: StoreInt(cx, unchecked((ulong)(long)v!), ptr, 2); break;
            case AbiTypeKind.S32: StoreInt(cx, unchecked((ulong)(long)v!), ptr, 4); break;
            case AbiTypeKind.S64: StoreInt(cx, unchecked((ulong)(long)v!), ptr, 8); break;
            case AbiTypeKind.F32: StoreInt(cx, (uint)BitConverter.SingleToInt32Bits((float)v!), ptr, 4); break;
            case AbiTypeKind.F64: StoreInt(cx, (ulong)BitConverter.DoubleToInt64Bits((double)v!), ptr, 8); break;
            case AbiTypeKind.Char: StoreInt(cx, (ulong)(int)v!, ptr, 4); break;
            case AbiTypeKind.String:
            {
                var (begin, units) = StoreStringIntoRange(cx, (StringValue)v!);
                StoreInt(cx, (ulong)begin, ptr, 4);
                StoreInt(cx, (ulong)units, ptr + 4, 4);
                break;
            }
            case AbiTypeKind.ErrorContext: StoreInt(cx, (ulong)LowerErrorContext(cx, (ErrorContext)v!), ptr, 4); break;
            case AbiTypeKind.List:
            case AbiTypeKind.Map:
            {
                var (begin, length) = StoreListIntoRange(cx, (object?[])v!, t.Element!);
                StoreInt(cx, (ulong)begin, ptr, 4);
                StoreInt(cx, (ulong)length, ptr + 4, 4);
                break;
            }
            case AbiTypeKind.FixedList: StoreListIntoValidRange(cx, (object?[])v!, ptr, t.Element!); break;
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var values = (object?[])v!;
                for (int i = 0; i < values.Length; i++) Store(cx, values[i], t.Fields[i].Type, ptr + t.Layout.FieldOffsets[i]);
                break;
            }
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
            {
                var variant = (VariantValue)v!;
                StoreInt(cx, (ulong)variant.Case, ptr, t.Layout.DiscriminantSize);
                var c = t.Cases[variant.Case];
                if (c.Type is not null) Store(cx, variant.Payload, c.Type, ptr + t.Layout.PayloadOffset);
                break;
            }
            case AbiTypeKind.Flags: StoreInt(cx, PackFlags((bool[])v!), ptr, (int)t.Layout.Size); break;
            case AbiTypeKind.Own: StoreInt(cx, (ulong)LowerOwn(cx, (long)v!, t), ptr, 4); break;
            case AbiTypeKind.Borrow: StoreInt(cx, (ulong)LowerBorrow(cx, (long)v!, t), ptr, 4); break;
            case AbiTypeKind.Stream: StoreInt(cx, (ulong)LowerStream(cx, (SharedStream)v!), ptr, 4); break;
            case AbiTypeKind.Future: StoreInt(cx, (ulong)LowerFuture(cx, (SharedFuture)v!), ptr, 4); break;
            default: throw new InvalidOperationException("internal: cannot store " + t);
        }
    }

    private static ulong PackFlags(bool[] flags)
    {
        ulong i = 0;
        for (int k = 0; k < flags.Length; k++) if (flags[k]) i |= 1UL << k;
        return i;
    }

    public static long LowerErrorContext(Cx cx, ErrorContext v) => cx.Inst.Handles.Add(v);

    public static long LowerOwn(Cx cx, long rep, AbiType t) => cx.Inst.Handles.Add(new ResourceHandle(cx.Inst.Store.ResourceTypeOf(t), rep, own: true));

    public static long LowerBorrow(Cx cx, long rep, AbiType t)
    {
        var rt = cx.Inst.Store.ResourceTypeOf(t);
        if (cx.Inst == rt.Impl) return rep;
        var scope = (Task)cx.BorrowScope!;
        var h = new ResourceHandle(rt, rep, own: false, scope);
        scope.NumBorrows++;
        return cx.Inst.Handles.Add(h);
    }

    public static long LowerStream(Cx cx, SharedStream v) => cx.Inst.Handles.Add(new ReadableStreamEnd(v));

    public static long LowerFuture(Cx cx, SharedFuture v) => cx.Inst.Handles.Add(new ReadableFutureEnd(v));

    public static (long Ptr, long TaggedCodeUnits) StoreStringIntoRange(Cx cx, StringValue v)
    {
        var srcEncoding = v.Encoding;
        long srcTagged = v.TaggedCodeUnits;
        string simple;
        long srcCodeUnits;
        if (srcEncoding == StringEncoding.Latin1Utf16)
        {
            if ((srcTagged & Utf16Tag) != 0)
            {
                simple = "utf16";
                srcCodeUnits = srcTagged ^ Utf16Tag;
            }
            else
            {
                simple = "latin1";
                srcCodeUnits = srcTagged;
            }
        }
        else
        {
            simple = srcEncoding == StringEncoding.Utf8 ? "utf8" : "utf16";
            srcCodeUnits = srcTagged;
        }
        string src = v.Text;
        switch (cx.Opts.Encoding)
        {
            case StringEncoding.Utf8:
                return simple switch
                {
                    "utf8" => StoreStringCopy(cx, src, srcCodeUnits, 1, 1, StrictUtf8),
                    "utf16" => StoreStringToUtf8(cx, src, srcCodeUnits, srcCodeUnits * 3),
                    _ => StoreStringToUtf8(cx, src, srcCodeUnits, srcCodeUnits * 2),
                };
            case StringEncoding.Utf16:
                return simple switch
                {
                    "utf8" => StoreUtf8ToUtf16(cx, src, srcCodeUnits),
                    _ => StoreStringCopy(cx, src, srcCodeUnits, 2, 2, StrictUtf16),
                };
            default:
                if (srcEncoding != StringEncoding.Latin1Utf16) return StoreStringToLatin1OrUtf16(cx, src, srcCodeUnits);
                return simple == "latin1"
                    ? StoreStringCopy(cx, src, srcCodeUnits, 1, 2, Encoding.Latin1)
                    : StoreProbablyUtf16ToLatin1OrUtf16(cx, src, srcCodeUnits);
        }
    }

    private static (long, long) StoreStringCopy(Cx cx, string src, long srcCodeUnits, int dstCodeUnitSize, int dstAlignment, Encoding dstEncoding)
    {
        long dstByteLength = dstCodeUnitSize * srcCodeUnits;
        long ptr = cx.Allocate(dstAlignment, dstByteLength);
        Trap.If(ptr != AlignTo(ptr, dstAlignment), "realloc returned a misaligned pointer");
        Trap.If(ptr + dstByteLength > cx.Memory.Length, "realloc returned a block out of bounds");
        var encoded = dstEncoding.GetBytes(src);
        encoded.CopyTo(cx.Memory, ptr);
        return (ptr, srcCodeUnits);
    }

    /// <summary>Code points of a .NET string (Python iterates a str by code point).</summary>
    private static IEnumerable<int> CodePoints(string s)
    {
        foreach (var rune in s.EnumerateRunes()) yield return rune.Value;
    }

    private static (long, long) StoreStringToUtf8(Cx cx, string src, long srcCodeUnits, long worstCaseSize)
    {
        long ptr = cx.Allocate(1, srcCodeUnits);
        Trap.If(ptr + srcCodeUnits > cx.Memory.Length, "realloc returned a block out of bounds");
        int i = 0;
        foreach (int codePoint in CodePoints(src))
        {
            if (codePoint < 0x80)
            {
                cx.Memory[ptr + i] = (byte)codePoint;
            }
            else
            {
                ptr = cx.Reallocate(ptr, srcCodeUnits, 1, worstCaseSize);
                Trap.If(ptr + worstCaseSize > cx.Memory.Length, "realloc returned a block out of bounds");
                var encoded = StrictUtf8.GetBytes(src);
                Array.Copy(encoded, i, cx.Memory, ptr + i, encoded.Length - i);
                if (worstCaseSize > encoded.Length)
                {
                    ptr = cx.Reallocate(ptr, worstCaseSize, 1, encoded.Length);
                    Trap.If(ptr + encoded.Length > cx.Memory.Length, "realloc returned a block out of bounds");
                }
                return (ptr, encoded.Length);
            }
            i++;
        }
        return (ptr, srcCodeUnits);
    }

    private static (long, long) StoreUtf8ToUtf16(Cx cx, string src, long srcCodeUnits)
    {
        long worstCaseSize = 2 * srcCodeUnits;
        long ptr = cx.Allocate(2, worstCaseSize);
        Trap.If(ptr != AlignTo(ptr, 2), "realloc returned a misaligned pointer");
        Trap.If(ptr + worstCaseSize > cx.Memory.Length, "realloc returned a block out of bounds");
        var encoded = StrictUtf16.GetBytes(src);
        encoded.CopyTo(cx.Memory, ptr);
        if (encoded.Length < worstCaseSize)
        {
            ptr = cx.Reallocate(ptr, worstCaseSize, 2, encoded.Length);
            Trap.If(ptr != AlignTo(ptr, 2), "realloc returned a misaligned pointer");
            Trap.If(ptr + encoded.Length > cx.Memory.Length, "realloc returned a block out of bounds");
        }
        return (ptr, encoded.Length / 2);
    }

    private static (long, long) StoreStringToLatin1OrUtf16(Cx cx, string src, long srcCodeUnits)
    {
        long ptr = cx.Allocate(2, srcCodeUnits);
        Trap.If(ptr != AlignTo(ptr, 2), "realloc returned a misaligned pointer");
        Trap.If(ptr + srcCodeUnits > cx.Memory.Length, "realloc returned a block out of bounds");
        long dstByteLength = 0;
        foreach (int usv in CodePoints(src))
        {
            if (usv < 0x100)
            {
                cx.Memory[ptr + dstByteLength] = (byte)usv;
                dstByteLength++;
                continue;
            }
            long worstCaseSize = 2 * srcCodeUnits;
            ptr = cx.Reallocate(ptr, srcCodeUnits, 2, worstCaseSize);
            Trap.If(ptr != AlignTo(ptr, 2), "realloc returned a misaligned pointer");
            Trap.If(ptr + worstCaseSize > cx.Memory.Length, "realloc returned a block out of bounds");
            var memory = cx.Memory;
            for (long j = dstByteLength - 1; j >= 0; j--)
            {
                memory[ptr + 2 * j] = memory[ptr + j];
                memory[ptr + 2 * j + 1] = 0;
            }
            var encoded = StrictUtf16.GetBytes(src);
            Array.Copy(encoded, 2 * dstByteLength, memory, ptr + 2 * dstByteLength, encoded.Length - 2 * dstByteLength);
            if (worstCaseSize > encoded.Length)
            {
                ptr = cx.Reallocate(ptr, worstCaseSize, 2, encoded.Length);
                Trap.If(ptr != AlignTo(ptr, 2), "realloc returned a misaligned pointer");
                Trap.If(ptr + encoded.Length > cx.Memory.Length, "realloc returned a block out of bounds");
            }
            return (ptr, (encoded.Length / 2) | Utf16Tag);
        }
        if (dstByteLength < srcCodeUnits)
        {
            ptr = cx.Reallocate(ptr, srcCodeUnits, 2, dstByteLength);
            Trap.If(ptr != AlignTo(ptr, 2), "realloc returned a misaligned pointer");
            Trap.If(ptr + dstByteLength > cx.Memory.Length, "realloc returned a block out of bounds");
        }
        return (ptr, dstByteLength);
    }

    private static (long, long) StoreProbablyUtf16ToLatin1OrUtf16(Cx cx, string src, long srcCodeUnits)
    {
        long srcByteLength = 2 * srcCodeUnits;
        long ptr = cx.Allocate(2, srcByteLength);
        Trap.If(ptr != AlignTo(ptr, 2), "realloc returned a misaligned pointer");
        Trap.If(ptr + srcByteLength > cx.Memory.Length, "realloc returned a block out of bounds");
        var encoded = StrictUtf16.GetBytes(src);
        encoded.CopyTo(cx.Memory, ptr);
        if (CodePoints(src).Any(c => c >= 0x100)) return (ptr, (encoded.Length / 2) | Utf16Tag);
        int latin1Size = encoded.Length / 2;
        var memory = cx.Memory;
        for (int i = 0; i < latin1Size; i++) memory[ptr + i] = memory[ptr + 2 * i];
        ptr = cx.Reallocate(ptr, srcByteLength, 1, latin1Size);
        Trap.If(ptr + latin1Size > cx.Memory.Length, "realloc returned a block out of bounds");
        return (ptr, latin1Size);
    }

    public static (long Ptr, long Length) StoreListIntoRange(Cx cx, object?[] v, AbiType element)
    {
        long byteLength = v.Length * element.Layout.Size;
        long ptr = cx.Allocate(element.Layout.Align, byteLength);
        Trap.If(ptr != AlignTo(ptr, element.Layout.Align), "realloc returned a misaligned pointer");
        Trap.If(ptr + byteLength > cx.Memory.Length, "realloc returned a block out of bounds");
        StoreListIntoValidRange(cx, v, ptr, element);
        return (ptr, v.Length);
    }

    public static void StoreListIntoValidRange(Cx cx, object?[] v, long ptr, AbiType element)
    {
        for (int i = 0; i < v.Length; i++) Store(cx, v[i], element, ptr + i * element.Layout.Size);
    }

    // ---------------------------------------------------------------- flat lifting and lowering

    /// <summary>The spec's <c>CoreValueIter</c>.</summary>
    public sealed class CoreValues
    {
        private readonly IReadOnlyList<object> _values;
        private int _i;

        public CoreValues(IReadOnlyList<object> values) => _values = values;

        public object Next(CoreType t)
        {
            var v = _values[_i++];
            bool ok = t switch
            {
                CoreType.I32 => v is uint,
                CoreType.I64 => v is ulong,
                CoreType.F32 => v is float,
                _ => v is double,
            };
            if (!ok) throw new InvalidOperationException("internal: core value " + v + " is not " + t.Name());
            return v;
        }

        public bool Done => _i == _values.Count;
    }

    /// <summary>The full flat types of a type (not capped: only called for types known to fit).</summary>
    public static List<CoreType> FlattenType(AbiType t)
    {
        var flat = t.Flat;
        if (!flat.IsComplete) throw new InvalidOperationException("internal: flat form of " + t + " is too long");
        return flat.Types.ToList();
    }

    public static List<CoreType> FlattenTypes(IEnumerable<AbiType> ts)
    {
        var all = new List<CoreType>();
        foreach (var t in ts)
        {
            if (!t.Flat.IsComplete) return Enumerable.Repeat(CoreType.I32, Flattening.MaxFlatParams + 1).ToList();
            all.AddRange(t.Flat.Types);
        }
        return all;
    }

    public static object? LiftFlat(Cx cx, Func<CoreType, object> next, AbiType t)
    {
        switch (t.Kind)
        {
            case AbiTypeKind.Bool: return CoreValue.I32(next(CoreType.I32)) != 0;
            case AbiTypeKind.U8: return (ulong)(CoreValue.I32(next(CoreType.I32)) & 0xff);
            case AbiTypeKind.U16: return (ulong)(CoreValue.I32(next(CoreType.I32)) & 0xffff);
            case AbiTypeKind.U32: return (ulong)CoreValue.I32(next(CoreType.I32));
            case AbiTypeKind.U64: return CoreValue.I64(next(CoreType.I64));
            case AbiTypeKind.S8: return (long)(sbyte)(byte)CoreValue.I32(next(CoreType.I32));
            case AbiTypeKind.S16: return (long)(short)(ushort)CoreValue.I32(next(CoreType.I32));
            case AbiTypeKind.S32: return (long)(int)CoreValue.I32(next(CoreType.I32));
            case AbiTypeKind.S64: return unchecked((long)CoreValue.I64(next(CoreType.I64)));
            case AbiTypeKind.F32: return (float)next(CoreType.F32);
            case AbiTypeKind.F64: return (double)next(CoreType.F64);
            case AbiTypeKind.Char: return ConvertI32ToChar(CoreValue.I32(next(CoreType.I32)));
            case AbiTypeKind.String:
            {
                long ptr = CoreValue.I32(next(CoreType.I32));
                long units = CoreValue.I32(next(CoreType.I32));
                return LoadStringFromRange(cx, ptr, units);
            }
            case AbiTypeKind.ErrorContext: return LiftErrorContext(cx, CoreValue.I32(next(CoreType.I32)));
            case AbiTypeKind.List:
            case AbiTypeKind.Map:
            {
                long ptr = CoreValue.I32(next(CoreType.I32));
                long length = CoreValue.I32(next(CoreType.I32));
                return LoadListFromRange(cx, ptr, length, t.Element!);
            }
            case AbiTypeKind.FixedList:
            {
                var a = new object?[t.Length];
                for (long i = 0; i < t.Length; i++) a[i] = LiftFlat(cx, next, t.Element!);
                return a;
            }
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var values = new object?[t.Fields.Count];
                for (int i = 0; i < values.Length; i++) values[i] = LiftFlat(cx, next, t.Fields[i].Type);
                return values;
            }
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
            {
                var flatTypes = FlattenType(t);
                flatTypes.RemoveAt(0);
                long caseIndex = CoreValue.I32(next(CoreType.I32));
                Trap.If(caseIndex >= t.Cases.Count, "invalid variant discriminant " + caseIndex);
                int position = 0;
                object Coerce(CoreType want)
                {
                    var have = flatTypes[position++];
                    var x = next(have);
                    return (have, want) switch
                    {
                        (CoreType.I32, CoreType.F32) => BitConverter.Int32BitsToSingle((int)CoreValue.I32(x)),
                        (CoreType.I64, CoreType.I32) => (uint)CoreValue.I64(x),
                        (CoreType.I64, CoreType.F32) => BitConverter.Int32BitsToSingle((int)(uint)CoreValue.I64(x)),
                        (CoreType.I64, CoreType.F64) => BitConverter.Int64BitsToDouble((long)CoreValue.I64(x)),
                        _ => x,
                    };
                }
                var c = t.Cases[(int)caseIndex];
                object? v = c.Type is null ? null : LiftFlat(cx, Coerce, c.Type);
                for (; position < flatTypes.Count; position++) next(flatTypes[position]);
                return new VariantValue((int)caseIndex, v);
            }
            case AbiTypeKind.Flags: return UnpackFlags(CoreValue.I32(next(CoreType.I32)), t.FlagNames.Count);
            case AbiTypeKind.Own: return LiftOwn(cx, CoreValue.I32(next(CoreType.I32)), t);
            case AbiTypeKind.Borrow: return LiftBorrow(cx, CoreValue.I32(next(CoreType.I32)), t);
            case AbiTypeKind.Stream: return LiftAsyncValue<ReadableStreamEnd>(cx, CoreValue.I32(next(CoreType.I32)), t);
            case AbiTypeKind.Future: return LiftAsyncValue<ReadableFutureEnd>(cx, CoreValue.I32(next(CoreType.I32)), t);
            default: throw new InvalidOperationException("internal: cannot lift " + t);
        }
    }

    public static List<object> LowerFlat(Cx cx, object? v, AbiType t)
    {
        switch (t.Kind)
        {
            case AbiTypeKind.Bool: return new List<object> { (bool)v! ? 1u : 0u };
            case AbiTypeKind.U8:
            case AbiTypeKind.U16:
            case AbiTypeKind.U32: return new List<object> { (uint)(ulong)v! };
            case AbiTypeKind.U64: return new List<object> { (ulong)v! };
            case AbiTypeKind.S8:
            case AbiTypeKind.S16:
            case AbiTypeKind.S32: return new List<object> { unchecked((uint)(int)(long)v!) };
            case AbiTypeKind.S64: return new List<object> { unchecked((ulong)(long)v!) };
            case AbiTypeKind.F32: return new List<object> { (float)v! };
            case AbiTypeKind.F64: return new List<object> { (double)v! };
            case AbiTypeKind.Char: return new List<object> { (uint)(int)v! };
            case AbiTypeKind.String:
            {
                var (ptr, units) = StoreStringIntoRange(cx, (StringValue)v!);
                return new List<object> { (uint)ptr, (uint)units };
            }
            case AbiTypeKind.ErrorContext: return new List<object> { (uint)LowerErrorContext(cx, (ErrorContext)v!) };
            case AbiTypeKind.List:
            case AbiTypeKind.Map:
            {
                var (ptr, length) = StoreListIntoRange(cx, (object?[])v!, t.Element!);
                return new List<object> { (uint)ptr, (uint)length };
            }
            case AbiTypeKind.FixedList:
            {
                var flat = new List<object>();
                foreach (var e in (object?[])v!) flat.AddRange(LowerFlat(cx, e, t.Element!));
                return flat;
            }
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var flat = new List<object>();
                var values = (object?[])v!;
                for (int i = 0; i < values.Length; i++) flat.AddRange(LowerFlat(cx, values[i], t.Fields[i].Type));
                return flat;
            }
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
            {
                var variant = (VariantValue)v!;
                var flatTypes = FlattenType(t);
                flatTypes.RemoveAt(0);
                var c = t.Cases[variant.Case];
                var payload = new List<object>();
                if (c.Type is not null)
                {
                    payload = LowerFlat(cx, variant.Payload, c.Type);
                    var haves = FlattenType(c.Type);
                    for (int i = 0; i < payload.Count; i++)
                    {
                        var want = flatTypes[0];
                        flatTypes.RemoveAt(0);
                        var fv = payload[i];
                        payload[i] = (haves[i], want) switch
                        {
                            (CoreType.F32, CoreType.I32) => (uint)BitConverter.SingleToInt32Bits((float)fv),
                            (CoreType.I32, CoreType.I64) => (ulong)(uint)fv,
                            (CoreType.F32, CoreType.I64) => (ulong)(uint)BitConverter.SingleToInt32Bits((float)fv),
                            (CoreType.F64, CoreType.I64) => (ulong)BitConverter.DoubleToInt64Bits((double)fv),
                            _ => fv,
                        };
                    }
                }
                foreach (var rest in flatTypes)
                    payload.Add(rest switch { CoreType.I32 => 0u, CoreType.I64 => 0UL, CoreType.F32 => 0f, _ => (object)0d });
                payload.Insert(0, (uint)variant.Case);
                return payload;
            }
            case AbiTypeKind.Flags: return new List<object> { (uint)PackFlags((bool[])v!) };
            case AbiTypeKind.Own: return new List<object> { (uint)LowerOwn(cx, (long)v!, t) };
            case AbiTypeKind.Borrow: return new List<object> { (uint)LowerBorrow(cx, (long)v!, t) };
            case AbiTypeKind.Stream: return new List<object> { (uint)LowerStream(cx, (SharedStream)v!) };
            case AbiTypeKind.Future: return new List<object> { (uint)LowerFuture(cx, (SharedFuture)v!) };
            default: throw new InvalidOperationException("internal: cannot lower " + t);
        }
    }

    public static object?[] LiftFlatValues(Cx cx, int maxFlat, Func<CoreType, object> next, IReadOnlyList<AbiType> ts)
    {
        var flatTypes = FlattenTypes(ts);
        if (flatTypes.Count > maxFlat)
        {
            long ptr = CoreValue.I32(next(CoreType.I32));
            var tuple = AbiType.Tuple(ts.ToArray());
            Trap.If(ptr != AlignTo(ptr, tuple.Layout.Align), "misaligned params or results area");
            Trap.If(ptr + tuple.Layout.Size > cx.Memory.Length, "params or results area out of bounds");
            return (object?[])Load(cx, ptr, tuple)!;
        }
        var values = new object?[ts.Count];
        for (int i = 0; i < ts.Count; i++) values[i] = LiftFlat(cx, next, ts[i]);
        return values;
    }

    public static List<object> LowerFlatValues(Cx cx, int maxFlat, object?[] vs, IReadOnlyList<AbiType> ts, Func<CoreType, object>? outParam = null)
    {
        var flatTypes = FlattenTypes(ts);
        if (flatTypes.Count > maxFlat)
        {
            var tuple = AbiType.Tuple(ts.ToArray());
            long ptr;
            var flat = new List<object>();
            if (outParam is null)
            {
                ptr = cx.Allocate(tuple.Layout.Align, tuple.Layout.Size);
                flat.Add((uint)ptr);
            }
            else
            {
                ptr = CoreValue.I32(outParam(CoreType.I32));
            }
            Trap.If(ptr != AlignTo(ptr, tuple.Layout.Align), "misaligned params or results area");
            Trap.If(ptr + tuple.Layout.Size > cx.Memory.Length, "params or results area out of bounds");
            Store(cx, vs, tuple, ptr);
            return flat;
        }
        var all = new List<object>();
        for (int i = 0; i < vs.Length; i++) all.AddRange(LowerFlat(cx, vs[i], ts[i]));
        return all;
    }
}

using System;
using WitTools.Runtime;

namespace WitTools.BindGen.Tests.Runtime;

/// <summary>The emulated linear memory (src/BindGen/Runtime/Guest/WitMemory.cs and WitCleanup.cs): little-endian
/// loads and stores, the traps of out-of-bounds and misaligned accesses and unknown frees, scalar lifting, lists of
/// numbers, and who frees what.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class WitMemoryTests : IDisposable
{
    private readonly int _liveBefore = WitMemory.Live.Count;

    public void Dispose() => Assert.Equal(_liveBefore, WitMemory.Live.Count);

    [Fact]
    public void Stores_and_loads_are_little_endian_and_sign_or_zero_extend()
    {
        int p = WitMemory.Alloc(16, 8);
        WitMemory.StoreI32(p, 0x01020304);
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, WitMemory.Span(p, 4).ToArray());
        WitMemory.StoreU8(p, 0xFF);
        Assert.Equal(255, WitMemory.LoadU8(p));
        Assert.Equal(-1, WitMemory.LoadS8(p));
        WitMemory.StoreU16(p, 0x8001);
        Assert.Equal(0x8001, WitMemory.LoadU16(p));
        Assert.Equal(unchecked((short)0x8001), WitMemory.LoadS16(p));
        WitMemory.StoreI64(p + 8, long.MinValue + 5);
        Assert.Equal(long.MinValue + 5, WitMemory.LoadI64(p + 8));
        WitMemory.StoreF32(p, -1.5f);
        Assert.Equal(-1.5f, WitMemory.LoadF32(p));
        WitMemory.StoreF64(p + 8, Math.PI);
        Assert.Equal(Math.PI, WitMemory.LoadF64(p + 8));
        WitMemory.Free(p);
    }

    [Fact]
    public void Misaligned_and_out_of_bounds_accesses_trap()
    {
        int p = WitMemory.Alloc(16, 8);
        Assert.Equal("misaligned pointer " + (p + 1), Assert.Throws<WitTrapException>(() => WitMemory.LoadI32(p + 1)).Message);
        Assert.Equal("misaligned pointer " + (p + 4), Assert.Throws<WitTrapException>(() => WitMemory.StoreI64(p + 4, 0)).Message);
        int end = WitMemory.Bytes.Length;
        Assert.Equal("out-of-bounds memory access at " + end, Assert.Throws<WitTrapException>(() => WitMemory.LoadU8(end)).Message);
        Assert.Equal("out-of-bounds memory access at " + (end - 2), Assert.Throws<WitTrapException>(() => WitMemory.Span(end - 2, 3)).Message);
        Assert.Equal("out-of-bounds memory access at -4", Assert.Throws<WitTrapException>(() => WitMemory.LoadI32(-4)).Message);
        Assert.Equal("misaligned pointer 6 (alignment 4)", Assert.Throws<WitTrapException>(() => WitMemory.CheckAlign(6, 4)).Message);
        WitMemory.Free(p);
    }

    [Fact]
    public void Allocation_tracks_live_blocks_and_an_unknown_free_traps()
    {
        Assert.Equal(4, WitMemory.Alloc(0, 4)); // an empty block is its alignment, never tracked
        int p = WitMemory.Alloc(12, 4);
        Assert.Equal(0, p % 4);
        Assert.Equal(12, WitMemory.Live[p]);
        WitMemory.Free(p);
        Assert.False(WitMemory.Live.ContainsKey(p));
        Assert.Equal("free of unknown pointer " + p, Assert.Throws<WitTrapException>(() => WitMemory.Free(p)).Message);
        WitMemory.Free(8); // below 16: the address of an empty block, nothing to free
    }

    [Fact]
    public void Realloc_keeps_the_common_prefix_and_frees_the_old_block()
    {
        int p = WitMemory.Alloc(4, 4);
        WitMemory.StoreI32(p, 0x0A0B0C0D);
        int q = WitMemory.Realloc(p, 4, 4, 8);
        Assert.False(WitMemory.Live.ContainsKey(p));
        Assert.Equal(0x0A0B0C0D, WitMemory.LoadI32(q));
        int r = WitMemory.Realloc(q, 8, 1, 2);
        Assert.Equal(new byte[] { 0x0D, 0x0C }, WitMemory.Span(r, 2).ToArray());
        WitMemory.Free(r);
    }

    [Fact]
    public void Scalars_lift_as_the_canonical_abi_says()
    {
        Assert.True(WitMemory.LiftBool(2)); // any nonzero value is true, not a trap
        Assert.False(WitMemory.LiftBool(0));
        Assert.Equal(0x10FFFF, WitMemory.LiftChar(0x10FFFF).Value);
        Assert.Equal("invalid char 55296", Assert.Throws<WitTrapException>(() => WitMemory.LiftChar(0xD800)).Message);
        Assert.Equal("invalid char 1114112", Assert.Throws<WitTrapException>(() => WitMemory.LiftChar(0x110000)).Message);
        Assert.Equal("invalid discriminant 3 for color", WitMemory.BadDiscriminant(3, "color").Message);
    }

    [Fact]
    public void Lists_of_numbers_are_one_block_copy_each_way()
    {
        var cleanup = new WitCleanup();
        uint[] values = { 1, 0xDEADBEEF, 7 };
        int p = WitMemory.LowerArray<uint>(values, 4, cleanup);
        Assert.Equal(0xDEADBEEF, (uint)WitMemory.LoadI32(p + 4));
        // the other side's copy, as a host would hand it over: lifting frees it
        int copy = WitMemory.Alloc(12, 4);
        WitMemory.Span(p, 12).CopyTo(WitMemory.Span(copy, 12));
        cleanup.FreeAll();
        Assert.Equal(values, WitMemory.LiftArray<uint>(copy, 3, 4));
        Assert.False(WitMemory.Live.ContainsKey(copy));
        Assert.Same(Array.Empty<ulong>(), WitMemory.LiftArray<ulong>(8, 0, 8));
        int misaligned = WitMemory.Alloc(9, 8) + 1;
        Assert.Throws<WitTrapException>(() => WitMemory.LiftArray<uint>(misaligned, 2, 4));
        WitMemory.Free(misaligned - 1);
    }

    [Fact]
    public void A_cleanup_list_frees_what_it_allocated_and_follows_reallocated_blocks()
    {
        var cleanup = new WitCleanup();
        int a = cleanup.Alloc(8, 4);
        Assert.Equal(1, cleanup.Alloc(0, 1)); // nothing to free
        int b = cleanup.Alloc(4, 4);
        int moved = cleanup.Realloc(b, 4, 4, 32);
        int gone = cleanup.Realloc(a, 8, 4, 0); // shrunk to nothing: no longer tracked
        Assert.Equal(4, gone);
        Assert.Equal(32, WitMemory.Live[moved]);
        // a block allocated elsewhere and grown here is tracked from then on
        int other = WitMemory.Alloc(2, 2);
        int adopted = cleanup.Realloc(other, 2, 2, 6);
        cleanup.FreeAll();
        Assert.False(WitMemory.Live.ContainsKey(moved));
        Assert.False(WitMemory.Live.ContainsKey(adopted));
        cleanup.FreeAll(); // nothing left: freeing again is a no-op
    }

    [Fact]
    public void Import_calls_rent_released_cleanup_lists_and_nested_calls_get_their_own()
    {
        var outer = WitCleanup.Rent();
        var inner = WitCleanup.Rent();
        Assert.NotSame(outer, inner);
        int block = inner.Alloc(16, 8);
        inner.Release();
        Assert.False(WitMemory.Live.ContainsKey(block));
        outer.Release();
        Assert.Same(outer, WitCleanup.Rent()); // last released, first rented
        Assert.Same(inner, WitCleanup.Rent());
        inner.Release();
        outer.Release();
    }

    [Fact]
    public void Post_return_frees_an_exports_result_and_an_abort_frees_it_too()
    {
        int result = WitMemory.PostReturn.Alloc(24, 8);
        var error = new InvalidOperationException("line one\r\nline two");
        var trap = WitTrapException.Abort("demo:app/api#run", error);
        Assert.False(WitMemory.Live.ContainsKey(result));
        Assert.Same(error, trap.InnerException);
        Assert.Equal("WIT export `demo:app/api#run` failed: System.InvalidOperationException: line one  line two", trap.Message);
    }

    [Fact]
    public void An_abort_names_generic_exception_types_and_keeps_trap_messages()
    {
        Assert.Equal("WIT export `f` failed: WitTools.BindGen.Tests.Runtime.Failure<System.Int32, System.String>: boom",
            WitTrapException.Abort("f", new Failure<int, string>("boom")).Message);
        Assert.Equal("WIT export `f` failed: invalid char 55296",
            WitTrapException.Abort("f", Assert.Throws<WitTrapException>(() => WitMemory.LiftChar(0xD800))).Message);
    }
}

public sealed class Failure<T, U> : Exception
{
    public Failure(string message) : base(message) { }
}

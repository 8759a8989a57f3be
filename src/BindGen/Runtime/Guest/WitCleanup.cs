// Always emitted into guest bindings: who frees what the bindings allocate in linear memory.
namespace WitTools.Runtime;

/// <summary>Allocations to free together: the arguments of one import call, or (<see cref="WitMemory.PostReturn"/>)
/// the lowered result of an export until its <c>cabi_post_*</c>.</summary>
internal sealed class WitCleanup : global::System.IDisposable
{
    private readonly global::System.Collections.Generic.List<int> _pointers = new();

    // Import calls rent their cleanup list rather than allocate one per call, so lowering arguments puts
    // nothing on the managed heap. Free lists are per thread; a call made while another's arguments are
    // still live (from a host callback) rents a list of its own.
    [global::System.ThreadStatic] private static WitCleanup? s_free;
    private WitCleanup? _nextFree;

    /// <summary>An empty list for one import call; give it back with <see cref="Release"/> (or <c>using</c>, which does).</summary>
    public static WitCleanup Rent()
    {
        var cleanup = s_free;
        if (cleanup is null) return new WitCleanup();
        s_free = cleanup._nextFree;
        cleanup._nextFree = null;
        return cleanup;
    }

    /// <summary>Frees every allocation (<see cref="FreeAll"/>) and returns the list for the next call.</summary>
    public void Release()
    {
        try
        {
            FreeAll();
        }
        finally
        {
            _nextFree = s_free;
            s_free = this;
        }
    }

    /// <summary><see cref="Release"/>, for <c>using var cleanup = WitCleanup.Rent();</c>.</summary>
    public void Dispose() => Release();

    public int Alloc(int size, int align)
    {
        int pointer = WitMemory.Alloc(size, align);
        if (size > 0) _pointers.Add(pointer);
        return pointer;
    }

    /// <summary>Reallocates <paramref name="pointer"/> (allocated here) and tracks the block where it moved to.</summary>
    public int Realloc(int pointer, int oldSize, int align, int newSize)
    {
        int moved = WitMemory.Realloc(pointer, oldSize, align, newSize);
        int index = _pointers.LastIndexOf(pointer);
        if (index >= 0)
        {
            if (newSize > 0) _pointers[index] = moved;
            else _pointers.RemoveAt(index);
        }
        else if (newSize > 0)
        {
            _pointers.Add(moved);
        }
        return moved;
    }

    public void FreeAll()
    {
        try
        {
            foreach (int pointer in _pointers) WitMemory.Free(pointer);
        }
        finally
        {
            _pointers.Clear();
        }
    }
}

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
        DisposeLeftovers();
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
            TakesOwnership = false;
            _nextFree = s_free;
            s_free = this;
        }
    }

    /// <summary>
    /// Whether what is lowered through this list is given away (an export's result, an element written to a stream or
    /// future): handles that stay ours when the other side takes a value (error-context) are then dropped with the
    /// allocations, once the other side has taken it. Lowered arguments of an import are lent and stay with the caller.
    /// </summary>
    public bool TakesOwnership { get; set; }

    private global::System.Collections.Generic.List<global::System.IDisposable>? _owned;

    /// <summary>A list for an export's result (<see cref="TakesOwnership"/>), freed once the host took the result.</summary>
    public static WitCleanup RentForResult()
    {
        var cleanup = Rent();
        cleanup.TakesOwnership = true;
        return cleanup;
    }

    /// <summary>Lowers a handle the component keeps after the other side took the value (an error-context): given away,
    /// it is disposed with this list; lent, it stays with its owner.</summary>
    public int Keep(global::System.IDisposable owner, int handle)
    {
        if (TakesOwnership) (_owned ??= new()).Add(owner);
        return handle;
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

    /// <summary>
    /// For <see cref="WitMemory.PostReturn"/>: a post-return may not call built-ins (the canonical ABI forbids leaving the
    /// instance there), so the handles kept for a sync export's result are dropped at the next call instead.
    /// </summary>
    public bool DefersDisposal { get; set; }

    private static global::System.Collections.Generic.List<global::System.IDisposable>? s_leftovers;

    private static void DisposeLeftovers()
    {
        var leftovers = s_leftovers;
        if (leftovers is null || leftovers.Count == 0) return;
        s_leftovers = null;
        foreach (var owner in leftovers) owner.Dispose();
    }

    public void FreeAll()
    {
        try
        {
            foreach (int pointer in _pointers) WitMemory.Free(pointer);
            if (_owned is not null)
            {
                if (DefersDisposal) (s_leftovers ??= new()).AddRange(_owned);
                else foreach (var owner in _owned) owner.Dispose();
            }
        }
        finally
        {
            _pointers.Clear();
            _owned?.Clear();
        }
    }
}

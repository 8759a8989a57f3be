// Emitted when the bindings use resources: handles of imported resources, borrows to drop after an export
// call, the rep table of exported resources, and (outside a component) the implementations of imported resources.
namespace WitTools.Runtime;

/// <summary>Marks the constructor that adopts an existing handle (never a WIT constructor).</summary>
public readonly struct WitHandle
{
    public WitHandle(int value, bool owned)
    {
        Value = value;
        Owned = owned;
    }

    public int Value { get; }

    public bool Owned { get; }
}

/// <summary>The borrowed handles of imported resources one export call received: the canonical ABI requires
/// them to be dropped before the call returns, so the export shim drops them after the implementation ran.</summary>
internal sealed class WitBorrowScope
{
    private readonly global::System.Collections.Generic.List<global::System.IDisposable> _borrows = new();

    public T Add<T>(T borrow) where T : global::System.IDisposable
    {
        _borrows.Add(borrow);
        return borrow;
    }

    public void DropAll()
    {
        foreach (var borrow in _borrows) borrow.Dispose();
        _borrows.Clear();
    }
}

/// <summary>The rep table of an exported resource: rep i + 1 is the object at index i.</summary>
internal sealed class WitResourceTable<T> where T : class
{
    private readonly global::System.Collections.Generic.List<T?> _items = new();
    private readonly global::System.Collections.Generic.Stack<int> _free = new();

    public int Add(T item)
    {
        if (_free.Count > 0)
        {
            int index = _free.Pop();
            _items[index] = item;
            return index + 1;
        }
        _items.Add(item);
        return _items.Count;
    }

    public T Get(int rep) =>
        rep >= 1 && rep <= _items.Count && _items[rep - 1] is { } item ? item : throw new WitTrapException("unknown resource rep " + rep);

    public T Remove(int rep)
    {
        var item = Get(rep);
        _items[rep - 1] = null;
        _free.Push(rep - 1);
        return item;
    }
}

/// <summary>Outside a WebAssembly component (see <see cref="WitImports"/>) an imported resource has no host: its
/// objects wrap implementations of its contract <typeparamref name="T"/> (<c>R.IHost</c>), and their handles index
/// this table. Thread-safe: tests running in parallel create and drop resources at the same time.</summary>
internal static class WitResourceImplementations<T> where T : class
{
    private static readonly object s_lock = new();
    private static WitResourceTable<T>? s_table;

    /// <summary>An own handle to a new entry for <paramref name="implementation"/>.</summary>
    public static WitHandle Add(T implementation)
    {
        if (implementation is null) throw new global::System.ArgumentNullException(nameof(implementation));
        lock (s_lock) return new WitHandle((s_table ??= new WitResourceTable<T>()).Add(implementation), true);
    }

    /// <summary>The implementation behind <paramref name="handle"/>; a handle that is not one of this table's (an object
    /// adopting a host's handle, outside a component) throws the error of <see cref="WitImports.NotProvided"/>.</summary>
    public static T Get(int handle, string import)
    {
        lock (s_lock)
        {
            if (s_table is not null)
            {
                try
                {
                    return s_table.Get(handle);
                }
                catch (WitTrapException)
                {
                    // not an implementation's handle: reported below
                }
            }
        }
        throw WitImports.NotProvided(import, typeof(T), resource: true);
    }

    /// <summary>Drops the entry; an own handle's implementation is disposed when it is <see cref="global::System.IDisposable"/>.</summary>
    public static void Release(int handle, bool owned)
    {
        T implementation;
        lock (s_lock)
        {
            if (s_table is null) return;
            try
            {
                implementation = s_table.Remove(handle);
            }
            catch (WitTrapException)
            {
                return; // not an implementation's handle: nothing to release
            }
        }
        if (owned && implementation is global::System.IDisposable disposable) disposable.Dispose();
    }
}

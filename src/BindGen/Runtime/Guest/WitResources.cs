// Emitted when the bindings use resources: handles of imported resources, borrows to drop after an export
// call, and the rep table of exported resources.
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

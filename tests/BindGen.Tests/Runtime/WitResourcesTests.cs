using System;
using WitTools.Runtime;

namespace WitTools.BindGen.Tests.Runtime;

/// <summary>src/BindGen/Runtime/Guest/WitResources.cs and WitTestHost.cs: the rep table of exported resources, the
/// borrows an export drops before it returns, and the test host imports call over emulated memory.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class WitResourcesTests
{
    [Fact]
    public void Reps_start_at_one_and_freed_reps_are_reused()
    {
        var table = new WitResourceTable<string>();
        Assert.Equal(1, table.Add("a"));
        Assert.Equal(2, table.Add("b"));
        Assert.Equal("b", table.Get(2));
        Assert.Equal("a", table.Remove(1));
        Assert.Equal("unknown resource rep 1", Assert.Throws<WitTrapException>(() => table.Get(1)).Message);
        Assert.Equal(1, table.Add("c"));
        Assert.Equal("c", table.Get(1));
        Assert.Equal("unknown resource rep 0", Assert.Throws<WitTrapException>(() => table.Get(0)).Message);
        Assert.Equal("unknown resource rep 3", Assert.Throws<WitTrapException>(() => table.Remove(3)).Message);
    }

    [Fact]
    public void A_borrow_scope_drops_each_borrow_once()
    {
        var scope = new WitBorrowScope();
        var first = new Borrow();
        var second = new Borrow();
        Assert.Same(first, scope.Add(first));
        scope.Add(second);
        scope.DropAll();
        scope.DropAll();
        Assert.Equal(1, first.Drops);
        Assert.Equal(1, second.Drops);
        var handle = new WitHandle(7, owned: false);
        Assert.Equal(7, handle.Value);
        Assert.False(handle.Owned);
    }

    [Fact]
    public void Imports_call_the_test_host_and_say_when_there_is_none()
    {
        var saved = WitTestHost.Handler;
        try
        {
            WitTestHost.Handler = null;
            Assert.Equal("no WitTestHost.Handler for demo:app/log write",
                Assert.Throws<InvalidOperationException>(() => WitTestHost.Call("demo:app/log", "write", Array.Empty<object>())).Message);
            WitTestHost.Handler = (module, name, args) => module + "#" + name + "/" + args.Length;
            Assert.Equal("m#f/2", WitTestHost.Call("m", "f", new object[] { 1, 2L }));
        }
        finally
        {
            WitTestHost.Handler = saved;
        }
    }

    private sealed class Borrow : IDisposable
    {
        public int Drops;

        public void Dispose() => Drops++;
    }
}

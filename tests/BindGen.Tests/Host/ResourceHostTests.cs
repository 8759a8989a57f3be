using System;
using System.Collections.Generic;
using System.IO;
using WitTools.BindGen.Tests.Host.Resources;
using Gen = WitTools.BindGen.Tests.Host.Resources.Test.Resources;

namespace WitTools.BindGen.Tests.Host;

/// <summary>
/// A resource the host implements (Host/wit/resources: the component imports `counter` and exports `user`), driven
/// through Host/wat/resources.wat: the component creates, borrows, keeps, drops and returns host objects, and the host
/// sees each object's <c>Dispose</c> exactly when the component drops its last handle.
/// </summary>
public sealed class ResourceHostTests : IDisposable
{
    private readonly WitEngine _engine = new();
    private readonly WitComponent _component;
    private readonly HostCounters _counters = new();

    public ResourceHostTests() =>
        _component = WitComponent.FromFile(_engine, Path.Combine(AppContext.BaseDirectory, "Host", "wat", "resources.wat"));

    public void Dispose()
    {
        _component.Dispose();
        _engine.Dispose();
    }

    private sealed class HostCounter : Gen.Counters.Counter
    {
        private readonly List<string> _log;

        public HostCounter(uint start, List<string> log)
        {
            Current = start;
            _log = log;
        }

        public uint Current { get; private set; }

        public bool Disposed { get; private set; }

        public override uint Add(uint n) => Current += n;

        public override uint Value() => Current;

        public override void Dispose()
        {
            Assert.False(Disposed, "disposed twice");
            Disposed = true;
            _log.Add("dispose " + Current);
        }
    }

    private sealed class HostCounters : Gen.Counters.IHost
    {
        public List<HostCounter> Created { get; } = new();
        public List<string> Log { get; } = new();

        public Gen.Counters.Counter CreateCounter(uint start)
        {
            var counter = new HostCounter(start, Log);
            Created.Add(counter);
            Log.Add("create " + start);
            return counter;
        }
    }

    private Gen.ResourcesHost Instantiate() => Gen.ResourcesHost.Instantiate(_component, _counters);

    [Fact]
    public void TheComponentCreatesUsesAndDropsHostObjects()
    {
        using var host = Instantiate();
        Assert.Equal(8u, host.User.Count(5, 3));
        var counter = Assert.Single(_counters.Created);
        Assert.True(counter.Disposed);
        Assert.Equal(new[] { "create 5", "dispose 8" }, _counters.Log);
    }

    [Fact]
    public void TheHostLendsItsObjects()
    {
        using var host = Instantiate();
        var mine = new HostCounter(41, _counters.Log);
        Assert.Equal(41u, host.User.Peek(mine));
        Assert.Equal(41u, host.User.Peek(mine)); // lent again: the same object
        Assert.False(mine.Disposed);
        Assert.Empty(_counters.Log);
    }

    [Fact]
    public void OwnershipMovesToTheComponentAndBack()
    {
        using var host = Instantiate();
        var given = new HostCounter(1, _counters.Log);
        Assert.Equal(2u, host.User.Keep(given)); // the component adds one and keeps it
        Assert.False(given.Disposed);
        host.User.Release(); // the component drops its handle: the destructor runs now
        Assert.True(given.Disposed);

        var made = host.User.Make(7); // created by the component through the host, handed to the host
        Assert.Same(Assert.Single(_counters.Created), made);
        Assert.Equal(7u, made.Value());
        Assert.False(((HostCounter)made).Disposed);
        Assert.Equal(new[] { "dispose 2", "create 7" }, _counters.Log);
    }

    [Fact]
    public void NullResourcesAreRefusedBeforeTheCall()
    {
        using var host = Instantiate();
        Assert.Throws<ArgumentNullException>(() => host.User.Peek(null!));
        Assert.Equal(3u, host.User.Count(0, 3));
    }
}

using System;
using System.Collections.Concurrent;
using System.Threading;
using FactorizationService.Bindings;
using FactorizationService.Bindings.Wittools.Factorization;

namespace FactorizationService;

/// <summary>What answers a request: a lease of one factorizer (one Wasmtime instance, or the plain implementation).</summary>
public interface IFactorizerSource
{
    Lease Rent();
}

/// <summary>One request's factorizer; disposing it gives it back.</summary>
public readonly struct Lease : IDisposable
{
    private readonly Action<Lease>? _return;

    public Lease(Factorize.IFactorize factorizer, FactorizerHost? host, Action<Lease>? @return)
    {
        Factorizer = factorizer;
        Host = host;
        _return = @return;
    }

    public Factorize.IFactorize Factorizer { get; }

    public FactorizerHost? Host { get; }

    public void Dispose() => _return?.Invoke(this);
}

/// <summary>
/// Instances of the factorization component, one per concurrent request: a Wasmtime store is single-threaded, so each
/// request rents an instance and gives it back. Idle instances are kept up to a bound; an instance that trapped is
/// dropped (Wasmtime will not enter it again) and a new one made on the next request. The component is compiled once
/// (Wasmtime's compiled form cached on disk) and every instance shares the engine and its linker.
/// </summary>
public sealed class ComponentFactorizerPool : IFactorizerSource, IDisposable
{
    private readonly WitEngine _engine;
    private readonly WitComponent _component;
    private readonly Progress.IHost _progress;
    private readonly ConcurrentBag<FactorizerHost> _idle = new();
    private readonly int _maxIdle;
    private int _created;
    private bool _disposed;

    public ComponentFactorizerPool(string componentPath, string cacheDirectory, Progress.IHost progress, int maxIdle)
    {
        _engine = new WitEngine();
        _component = WitComponent.FromFileCached(_engine, componentPath, cacheDirectory);
        _progress = progress;
        _maxIdle = maxIdle;
    }

    /// <summary>Instances made so far (for the logs).</summary>
    public int Created => Volatile.Read(ref _created);

    public Lease Rent()
    {
        if (!_idle.TryTake(out var host))
        {
            host = FactorizerHost.Instantiate(_component, _progress);
            Interlocked.Increment(ref _created);
        }
        return new Lease(host.Factorize, host, Return);
    }

    private void Return(Lease lease)
    {
        var host = lease.Host!;
        if (_disposed || host.Store.TrappedIn is not null || _idle.Count >= _maxIdle) host.Dispose();
        else _idle.Add(host);
    }

    /// <summary>Makes <paramref name="count"/> instances ahead of the first requests.</summary>
    public void Warm(int count)
    {
        var leases = new Lease[count];
        for (int i = 0; i < count; i++) leases[i] = Rent();
        foreach (var lease in leases) lease.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var host)) host.Dispose();
        _component.Dispose();
        _engine.Dispose();
    }
}

/// <summary>The baseline: the same contract implemented in plain C#, in process, no sandbox.</summary>
public sealed class PlainFactorizerSource : IFactorizerSource
{
    private readonly Factorize.IFactorize _factorizer;

    public PlainFactorizerSource(Progress.IHost progress) => _factorizer = new PlainFactorizer(progress);

    public Lease Rent() => new(_factorizer, null, null);
}

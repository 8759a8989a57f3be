using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace WitTools.AsyncHost.Canon;

/// <summary>A trap of the canonical ABI (the spec's <c>Trap</c>): the instance is dead; the message says which rule.</summary>
public sealed class Trap : Exception
{
    public Trap(string message) : base(message)
    {
    }

    public static void If(bool condition, string rule)
    {
        if (condition) throw new Trap(rule);
    }
}

/// <summary>The spec's <c>Table</c>: slot 0 unused, freed indices reused last-freed first, at most 2^28 - 1 entries.</summary>
public sealed class Table<T> where T : class
{
    public const int MaxLength = (1 << 28) - 1;
    private readonly List<T?> _array = new() { null };
    private readonly List<int> _free = new();

    public IEnumerable<T> Items
    {
        get
        {
            foreach (var e in _array)
                if (e is not null) yield return e;
        }
    }

    public int Count { get; private set; }

    public T Get(long i)
    {
        Trap.If(i < 0 || i >= _array.Count, "table index " + i + " out of bounds");
        var e = _array[(int)i];
        Trap.If(e is null, "table index " + i + " is empty");
        return e!;
    }

    public int Add(T e)
    {
        int i;
        if (_free.Count > 0)
        {
            i = _free[^1];
            _free.RemoveAt(_free.Count - 1);
            _array[i] = e;
        }
        else
        {
            i = _array.Count;
            Trap.If(i > MaxLength, "table is full");
            _array.Add(e);
        }
        Count++;
        return i;
    }

    public T Remove(long i)
    {
        var e = Get(i);
        _array[(int)i] = null;
        _free.Add((int)i);
        Count--;
        return e;
    }
}

/// <summary>
/// The choices the spec leaves to the implementation (which ready thread runs, the order a waitable set reports events
/// in, whether a ready wait returns at once), made with splitmix64 from a seed. The reference bridge drives definitions.py
/// with the same generator, asked the same questions in the same order, so both make the same choices.
/// </summary>
public sealed class Scheduler
{
    private ulong _state;

    public Scheduler(ulong seed) => _state = seed;

    /// <summary>How many choices were made (the traces compare it).</summary>
    public int Draws { get; private set; }

    private ulong Next()
    {
        Draws++;
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, n).</summary>
    public int Below(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        return (int)(Next() % (ulong)n);
    }

    /// <summary>Python's <c>random.randint(a, b)</c>: a number in [a, b].</summary>
    public int RandInt(int a, int b) => a + Below(b - a + 1);

    /// <summary>Python's <c>random.choice</c> over candidates in a canonical order (creation order).</summary>
    public T Choice<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    /// <summary>Python's <c>random.shuffle</c> (Fisher-Yates from the end).</summary>
    public void Shuffle<T>(List<T> items)
    {
        for (int i = items.Count - 1; i >= 1; i--)
        {
            int j = Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

/// <summary>Whether a blocked thread was resumed to be cancelled (the spec's <c>Cancelled</c>).</summary>
public enum Cancelled
{
    False = 0,
    True = 1,
}

/// <summary>
/// The spec's stack switching (<c>cont_new</c>, <c>resume</c>, <c>block</c>) with OS threads handing control to each other:
/// exactly one runs at a time. Threads are reused once their function returned; an exception in a continuation
/// (a trap) travels to whoever resumed it.
/// </summary>
public sealed class Continuations : IDisposable
{
    internal sealed class Handler
    {
        public readonly SemaphoreSlim Lock = new(0);
        public Thread CurrentThread = null!;
        public Continuation? Cont;
        public Thread? BlockArg;
        public ExceptionDispatchInfo? Error;
    }

    public sealed class Continuation
    {
        internal readonly SemaphoreSlim Lock = new(0);
        internal Handler Handler = null!;
        internal Cancelled BlockResult;
        internal Func<Cancelled, Thread?>? Start;
    }

    private sealed class Worker
    {
        public readonly SemaphoreSlim Ready = new(0);
        public Continuation? Work;
    }

    private sealed class Aborted : Exception
    {
    }

    [ThreadStatic] private static Handler? t_handler;
    [ThreadStatic] private static Continuations? t_owner;

    private readonly Stack<Worker> _idle = new();
    private readonly List<(System.Threading.Thread Os, Worker Worker)> _all = new();
    private readonly HashSet<Continuation> _blocked = new();
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>The emulated thread running on this OS thread.</summary>
    public static Thread Current => (t_handler ?? throw new InvalidOperationException("no emulated thread is running")).CurrentThread;

    /// <summary>Whether code runs inside an emulated thread.</summary>
    public static bool InThread => t_handler is not null;

    public Continuation New(Func<Cancelled, Thread?> f)
    {
        var cont = new Continuation { Start = f };
        Worker? worker;
        lock (_gate)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(Continuations));
            _idle.TryPop(out worker);
            if (worker is null)
            {
                worker = new Worker();
                var w = worker;
                var os = new System.Threading.Thread(() => Run(w), 16 << 20) { IsBackground = true, Name = "emulated thread" };
                _all.Add((os, worker));
                os.Start();
            }
            worker.Work = cont;
        }
        worker.Ready.Release();
        return cont;
    }

    private void Run(Worker worker)
    {
        t_owner = this;
        while (true)
        {
            worker.Ready.Wait();
            if (_disposed) return;
            var cont = worker.Work!;
            worker.Work = null;
            cont.Lock.Wait();
            if (_disposed) return;
            t_handler = cont.Handler;
            Thread? arg = null;
            ExceptionDispatchInfo? error = null;
            try
            {
                arg = cont.Start!(cont.BlockResult);
            }
            catch (Aborted)
            {
                return;
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            var handler = t_handler!;
            t_handler = null;
            handler.Cont = null;
            handler.BlockArg = arg;
            handler.Error = error;
            lock (_gate)
            {
                if (_disposed) return;
                _idle.Push(worker);
            }
            handler.Lock.Release();
        }
    }

    /// <summary>Runs <paramref name="cont"/> as <paramref name="current"/> until it blocks or returns; its trap is rethrown here.</summary>
    public (Continuation? Cont, Thread? SwitchTo) Resume(Continuation cont, Cancelled blockResult, Thread current)
    {
        var handler = new Handler { CurrentThread = current };
        cont.Handler = handler;
        cont.BlockResult = blockResult;
        lock (_gate) _blocked.Remove(cont);
        cont.Lock.Release();
        handler.Lock.Wait();
        if (_disposed) throw new ObjectDisposedException(nameof(Continuations));
        handler.Error?.Throw();
        return (handler.Cont, handler.BlockArg);
    }

    /// <summary>Suspends the running emulated thread, handing control back to its resumer (or switching to <paramref name="switchTo"/>).</summary>
    public Cancelled Block(Thread? switchTo)
    {
        var cont = new Continuation();
        var handler = t_handler!;
        handler.Cont = cont;
        handler.BlockArg = switchTo;
        lock (_gate) _blocked.Add(cont);
        handler.Lock.Release();
        cont.Lock.Wait();
        if (_disposed) throw new Aborted();
        t_handler = cont.Handler;
        return cont.BlockResult;
    }

    /// <summary>Ends every OS thread (blocked ones unwind; idle ones exit).</summary>
    public void Dispose()
    {
        List<(System.Threading.Thread Os, Worker Worker)> all;
        List<Continuation> blocked;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            all = new(_all);
            blocked = new(_blocked);
        }
        foreach (var c in blocked) c.Lock.Release();
        foreach (var (_, worker) in all) worker.Ready.Release();
        foreach (var (os, _) in all) os.Join(TimeSpan.FromSeconds(5));
    }
}

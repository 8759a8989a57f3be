using System;
using WitTools.BindGen.Abi;

namespace WitTools.AsyncHost.Canon;

/// <summary>The spec's <c>Buffer</c>: a range of elements in a guest's memory, read or written element by element.</summary>
public abstract class Buffer
{
    public const long MaxLength = (1 << 28) - 1;

    protected Buffer(AbiType? t, Cx cx, long ptr, long length)
    {
        Trap.If(length > MaxLength, "buffer too long");
        if (t is not null && length > 0)
        {
            Trap.If(ptr != ValueAbi.AlignTo(ptr, t.Layout.Align), "misaligned buffer");
            Trap.If(ptr + length * t.Layout.Size > cx.Memory.Length, "buffer out of bounds");
        }
        T = t;
        Cx = cx;
        Ptr = ptr;
        Length = length;
    }

    public AbiType? T { get; }
    public Cx Cx { get; }
    public long Ptr { get; protected set; }
    public long Progress { get; protected set; }
    public long Length { get; }

    public long Remain => Length - Progress;

    public bool IsZeroLength => Length == 0;
}

/// <summary>A buffer the other side reads from (a write's source).</summary>
public sealed class ReadableBuffer : Buffer
{
    public ReadableBuffer(AbiType? t, Cx cx, long ptr, long length) : base(t, cx, ptr, length)
    {
    }

    /// <summary>Moves <paramref name="n"/> elements into <paramref name="dst"/>: as bytes for numbers (the same values the
    /// spec's element-by-element load and store give), else element by element.</summary>
    public void MoveTo(WritableBuffer dst, long n)
    {
        if (T is not null && SharedStream.NoneOrNumber(T))
        {
            long bytes = n * T.Layout.Size;
            System.Array.Copy(Cx.Memory, Ptr, dst.Cx.Memory, dst.Ptr, bytes);
            Ptr += bytes;
            Progress += n;
            dst.Advance(n);
            return;
        }
        dst.Write(Read(n));
    }

    public object?[] Read(long n)
    {
        object?[] vs;
        if (T is not null)
        {
            vs = ValueAbi.LoadListFromValidRange(Cx, Ptr, n, T);
            Ptr += n * T.Layout.Size;
        }
        else
        {
            vs = new object?[n];
        }
        Progress += n;
        return vs;
    }
}

/// <summary>A buffer the other side writes into (a read's destination).</summary>
public sealed class WritableBuffer : Buffer
{
    public WritableBuffer(AbiType? t, Cx cx, long ptr, long length) : base(t, cx, ptr, length)
    {
    }

    internal void Advance(long n)
    {
        if (T is not null) Ptr += n * T.Layout.Size;
        Progress += n;
    }

    public void Write(object?[] vs)
    {
        if (T is not null)
        {
            ValueAbi.StoreListIntoValidRange(Cx, vs, Ptr, T);
            Ptr += vs.Length * T.Layout.Size;
        }
        Progress += vs.Length;
    }
}

public delegate void ReclaimBuffer();

public delegate void OnCopy(ReclaimBuffer reclaim);

public delegate void OnCopyDone(CopyResult result);

/// <summary>The spec's <c>SharedStreamImpl</c>: one pending reader or writer buffer at a time, copies when both meet.</summary>
public sealed class SharedStream
{
    private ComponentInstance? _pendingInst;
    private Buffer? _pendingBuffer;
    private OnCopy? _pendingOnCopy;
    private OnCopyDone? _pendingOnCopyDone;

    public SharedStream(AbiType? t) => Type = t;

    public AbiType? Type { get; }
    public bool Dropped { get; private set; }

    private void ResetPending() => SetPending(null, null, null, null);

    private void SetPending(ComponentInstance? inst, Buffer? buffer, OnCopy? onCopy, OnCopyDone? onCopyDone)
    {
        _pendingInst = inst;
        _pendingBuffer = buffer;
        _pendingOnCopy = onCopy;
        _pendingOnCopyDone = onCopyDone;
    }

    private void ResetAndNotifyPending(CopyResult result)
    {
        var done = _pendingOnCopyDone!;
        ResetPending();
        done(result);
    }

    public void Cancel() => ResetAndNotifyPending(CopyResult.Cancelled);

    public void Drop()
    {
        if (Dropped) return;
        Dropped = true;
        if (_pendingBuffer is not null) ResetAndNotifyPending(CopyResult.Dropped);
    }

    public void Read(ComponentInstance inst, WritableBuffer dst, OnCopy onCopy, OnCopyDone onCopyDone)
    {
        if (Dropped)
        {
            onCopyDone(CopyResult.Dropped);
        }
        else if (_pendingBuffer is null)
        {
            SetPending(inst, dst, onCopy, onCopyDone);
        }
        else
        {
            Trap.If(inst == _pendingInst && !NoneOrNumber(Type), "copying a non-numeric stream within one instance");
            var src = (ReadableBuffer)_pendingBuffer;
            if (src.Remain > 0)
            {
                if (dst.Remain > 0)
                {
                    long n = Math.Min(dst.Remain, src.Remain);
                    src.MoveTo(dst, n);
                    _pendingOnCopy!(ResetPending);
                }
                onCopyDone(CopyResult.Completed);
            }
            else
            {
                ResetAndNotifyPending(CopyResult.Completed);
                SetPending(inst, dst, onCopy, onCopyDone);
            }
        }
    }

    public void Write(ComponentInstance inst, ReadableBuffer src, OnCopy onCopy, OnCopyDone onCopyDone)
    {
        if (Dropped)
        {
            onCopyDone(CopyResult.Dropped);
        }
        else if (_pendingBuffer is null)
        {
            SetPending(inst, src, onCopy, onCopyDone);
        }
        else
        {
            Trap.If(inst == _pendingInst && !NoneOrNumber(Type), "copying a non-numeric stream within one instance");
            var dst = (WritableBuffer)_pendingBuffer;
            if (dst.Remain > 0)
            {
                if (src.Remain > 0)
                {
                    long n = Math.Min(src.Remain, dst.Remain);
                    src.MoveTo(dst, n);
                    _pendingOnCopy!(ResetPending);
                }
                onCopyDone(CopyResult.Completed);
            }
            else if (src.IsZeroLength && dst.IsZeroLength)
            {
                onCopyDone(CopyResult.Completed);
            }
            else
            {
                ResetAndNotifyPending(CopyResult.Completed);
                SetPending(inst, src, onCopy, onCopyDone);
            }
        }
    }

    public static bool NoneOrNumber(AbiType? t) => t is null || t.Kind is AbiTypeKind.U8 or AbiTypeKind.U16 or AbiTypeKind.U32 or AbiTypeKind.U64
        or AbiTypeKind.S8 or AbiTypeKind.S16 or AbiTypeKind.S32 or AbiTypeKind.S64 or AbiTypeKind.F32 or AbiTypeKind.F64;
}

/// <summary>The spec's <c>SharedFutureImpl</c>.</summary>
public sealed class SharedFuture
{
    private ComponentInstance? _pendingInst;
    private Buffer? _pendingBuffer;
    private OnCopyDone? _pendingOnCopyDone;

    public SharedFuture(AbiType? t) => Type = t;

    public AbiType? Type { get; }
    public bool Dropped { get; private set; }

    private void ResetPending() => SetPending(null, null, null);

    private void SetPending(ComponentInstance? inst, Buffer? buffer, OnCopyDone? onCopyDone)
    {
        _pendingInst = inst;
        _pendingBuffer = buffer;
        _pendingOnCopyDone = onCopyDone;
    }

    private void ResetAndNotifyPending(CopyResult result)
    {
        var done = _pendingOnCopyDone!;
        ResetPending();
        done(result);
    }

    public void Cancel() => ResetAndNotifyPending(CopyResult.Cancelled);

    public void Drop()
    {
        if (Dropped) return;
        Dropped = true;
        if (_pendingBuffer is not null)
        {
            if (_pendingBuffer is not WritableBuffer) throw new InvalidOperationException("internal: a future's writer dropped during its write");
            ResetAndNotifyPending(CopyResult.Dropped);
        }
    }

    public void Read(ComponentInstance inst, WritableBuffer dst, OnCopyDone onCopyDone)
    {
        if (Dropped || dst.Remain != 1) throw new InvalidOperationException("internal: reading a dropped future");
        if (_pendingBuffer is null)
        {
            SetPending(inst, dst, onCopyDone);
        }
        else
        {
            Trap.If(inst == _pendingInst && !SharedStream.NoneOrNumber(Type), "copying a non-numeric future within one instance");
            dst.Write(((ReadableBuffer)_pendingBuffer).Read(1));
            ResetAndNotifyPending(CopyResult.Completed);
            onCopyDone(CopyResult.Completed);
        }
    }

    public void Write(ComponentInstance inst, ReadableBuffer src, OnCopyDone onCopyDone)
    {
        if (Dropped)
        {
            onCopyDone(CopyResult.Dropped);
        }
        else if (_pendingBuffer is null)
        {
            SetPending(inst, src, onCopyDone);
        }
        else
        {
            Trap.If(inst == _pendingInst && !SharedStream.NoneOrNumber(Type), "copying a non-numeric future within one instance");
            ((WritableBuffer)_pendingBuffer).Write(src.Read(1));
            ResetAndNotifyPending(CopyResult.Completed);
            onCopyDone(CopyResult.Completed);
        }
    }
}

/// <summary>The spec's <c>CopyState</c>.</summary>
public enum CopyState
{
    Idle,
    Copying,
    CancellingCopy,
    Done,
}

/// <summary>The spec's <c>CopyEnd</c>: one end of a stream or future in a handle table.</summary>
public abstract class CopyEnd : Waitable
{
    protected CopyEnd(object shared) => SharedObject = shared;

    public CopyState State { get; set; } = CopyState.Idle;

    public object SharedObject { get; }

    public bool Copying => State is CopyState.Copying or CopyState.CancellingCopy;

    /// <summary>The shared stream or future's payload type.</summary>
    public AbiType? PayloadType => SharedObject is SharedStream s ? s.Type : ((SharedFuture)SharedObject).Type;

    public void CancelShared()
    {
        if (SharedObject is SharedStream s) s.Cancel();
        else ((SharedFuture)SharedObject).Cancel();
    }

    public override void Drop()
    {
        Trap.If(Copying, "dropping a stream or future end in the middle of a copy");
        if (SharedObject is SharedStream s) s.Drop();
        else ((SharedFuture)SharedObject).Drop();
        base.Drop();
    }
}

public sealed class ReadableStreamEnd : CopyEnd
{
    public ReadableStreamEnd(SharedStream shared) : base(shared)
    {
    }

    public SharedStream Stream => (SharedStream)SharedObject;
}

public sealed class WritableStreamEnd : CopyEnd
{
    public WritableStreamEnd(SharedStream shared) : base(shared)
    {
    }

    public SharedStream Stream => (SharedStream)SharedObject;
}

public sealed class ReadableFutureEnd : CopyEnd
{
    public ReadableFutureEnd(SharedFuture shared) : base(shared)
    {
    }

    public SharedFuture Future => (SharedFuture)SharedObject;
}

public sealed class WritableFutureEnd : CopyEnd
{
    public WritableFutureEnd(SharedFuture shared) : base(shared)
    {
    }

    public SharedFuture Future => (SharedFuture)SharedObject;

    public override void Drop()
    {
        Trap.If(State != CopyState.Done, "dropping a future's writable end before its value was written");
        base.Drop();
    }
}

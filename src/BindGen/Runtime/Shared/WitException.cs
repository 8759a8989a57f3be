// Emitted when a WIT `result` maps to exceptions (WitException<E> carries the `err` case) or to Result<T, E>
// (whose Value throws it). Shared by guest and host bindings.
namespace WitTools.Runtime;

/// <summary>Base of the exceptions that carry the <c>err</c> case of a WIT <c>result</c>.</summary>
public abstract class WitException : global::System.Exception
{
    protected WitException(string message) : base(message) { }

    /// <summary>The error payload, boxed.</summary>
    public abstract object? ErrorValue { get; }
}

/// <summary>A WIT function returned <c>err(value)</c> (imports), or an export wants to return it (throw it).</summary>
public sealed class WitException<TError> : WitException
{
    public WitException(TError value) : base("WIT function returned an error: " + value) => Value = value;

    public TError Value { get; }

    public override object? ErrorValue => Value;
}

// Emitted when the bindings use Result<T, E> (result mapping `result`, or a result nested in another type).
// Needs WitException and WitEquality. Shared by guest and host bindings.
namespace WitTools.Runtime;

/// <summary>The value of a WIT <c>result&lt;T, E&gt;</c>: either ok with a <see cref="Value"/> or an
/// <see cref="Error"/>. Absent payloads are <see cref="global::System.ValueTuple"/>.</summary>
public sealed class Result<TOk, TError> : global::System.IEquatable<Result<TOk, TError>>
{
    private readonly TOk _value;
    private readonly TError _error;

    private Result(bool isOk, TOk value, TError error)
    {
        IsOk = isOk;
        _value = value;
        _error = error;
    }

    public static Result<TOk, TError> Ok(TOk value) => new(true, value, default!);

    public static Result<TOk, TError> Err(TError error) => new(false, default!, error);

    public bool IsOk { get; }

    public bool IsErr => !IsOk;

    /// <summary>The ok payload; throws <see cref="WitException{TError}"/> when this is an error.</summary>
    public TOk Value => IsOk ? _value : throw new WitException<TError>(_error);

    public TError Error => !IsOk ? _error : throw new global::System.InvalidOperationException("the result is ok");

    public TResult Match<TResult>(global::System.Func<TOk, TResult> ok, global::System.Func<TError, TResult> error) =>
        IsOk ? ok(_value) : error(_error);

    public bool Equals(Result<TOk, TError>? other) =>
        other is not null && IsOk == other.IsOk &&
        (IsOk ? WitEquality.DeepEquals(_value, other._value) : WitEquality.DeepEquals(_error, other._error));

    public override bool Equals(object? obj) => Equals(obj as Result<TOk, TError>);

    public override int GetHashCode() => IsOk ? WitEquality.DeepHash(_value) : ~WitEquality.DeepHash(_error);

    public override string ToString() => IsOk ? "Ok(" + _value + ")" : "Err(" + _error + ")";
}

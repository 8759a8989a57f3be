// Emitted when the bindings use option<option<T>> (a nullable cannot hold "some(none)"). Needs WitEquality.
// Shared by guest and host bindings.
namespace WitTools.Runtime;

/// <summary>An optional value that can itself be empty (<c>option&lt;option&lt;T&gt;&gt;</c>): "none" and
/// "some(none)" stay distinct.</summary>
public readonly struct Option<T> : global::System.IEquatable<Option<T>>
{
    private readonly T _value;

    private Option(T value)
    {
        _value = value;
        HasValue = true;
    }

    public static Option<T> None => default;

    public static Option<T> Some(T value) => new(value);

    public bool HasValue { get; }

    public T Value => HasValue ? _value : throw new global::System.InvalidOperationException("the option is none");

    public bool Equals(Option<T> other) =>
        HasValue == other.HasValue && (!HasValue || WitEquality.DeepEquals(_value, other._value));

    public override bool Equals(object? obj) => obj is Option<T> other && Equals(other);

    public override int GetHashCode() => HasValue ? WitEquality.DeepHash(_value) + 1 : 0;

    public override string ToString() => HasValue ? "Some(" + _value + ")" : "None";
}

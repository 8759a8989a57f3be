namespace WitTools.BindGen.Binding;

/// <summary>What an <c>async func</c> returns in C#: <c>ValueTask</c>, or <c>ValueTask&lt;T&gt;</c> of the awaited
/// <see cref="Result"/> (docs/type-mapping.md, "Async functions").</summary>
public sealed record CsTaskType(CsType? Result) : CsType;

/// <summary><c>System.Threading.CancellationToken</c> (the last parameter of async imports and contract members).</summary>
public sealed record CsCancellationTokenType : CsType
{
    public static readonly CsCancellationTokenType Instance = new();
}

/// <summary><c>WitStreamReader&lt;T&gt;</c> of the runtime: the readable end of a <c>stream&lt;T&gt;</c> (a stream crosses the
/// boundary as its readable end; <see cref="CsTupleType.Unit"/> for a stream without payload).</summary>
public sealed record CsStreamType(CsType Element) : CsType;

/// <summary><c>WitFutureReader&lt;T&gt;</c> of the runtime: the readable end of a <c>future&lt;T&gt;</c>.</summary>
public sealed record CsFutureType(CsType Element) : CsType;

/// <summary><c>WitErrorContext</c> of the runtime.</summary>
public sealed record CsErrorContextType : CsType
{
    public static readonly CsErrorContextType Instance = new();
}

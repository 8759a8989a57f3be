using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace WitTools.LanguageServer.Rpc;

/// <summary>JSON-RPC 2.0's error codes and LSP's additions.</summary>
public static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>LSP: the client cancelled the request.</summary>
    public const int RequestCancelled = -32800;

    /// <summary>LSP: a request that was valid but could not be carried out.</summary>
    public const int RequestFailed = -32803;
}

/// <summary>A request handler's way to answer with a JSON-RPC error instead of a result.</summary>
public sealed class RpcException : Exception
{
    public RpcException(int code, string message) : base(message) => Code = code;

    public int Code { get; }
}

/// <summary>
/// The methods a connection serves, by name. Parameters and results are (de)serialized through the
/// <see cref="JsonTypeInfo{T}"/> given at registration (source-generated metadata: no reflection, so the
/// server runs under NativeAOT and trimming).
/// </summary>
public sealed class RpcMethods
{
    private readonly Dictionary<string, RpcMethod> _methods = new(StringComparer.Ordinal);

    /// <summary>A request whose parameters are the object <typeparamref name="TParams"/>.</summary>
    public RpcMethods Request<TParams, TResult>(string name, JsonTypeInfo<TParams> parameters, JsonTypeInfo<TResult> result,
        Func<TParams, CancellationToken, Task<TResult>> handler, bool parametersRequired = true)
    {
        _methods.Add(name, new RpcMethod(parametersRequired, async (element, cancellation) =>
        {
            var value = Deserialize(element, parameters);
            var answer = await handler(value!, cancellation).ConfigureAwait(false);
            return RpcResult.Of(answer, result);
        }, null));
        return this;
    }

    /// <summary>A request without parameters.</summary>
    public RpcMethods Request<TResult>(string name, JsonTypeInfo<TResult> result, Func<TResult> handler)
    {
        _methods.Add(name, new RpcMethod(false, (_, _) => Task.FromResult(RpcResult.Of(handler(), result)), null));
        return this;
    }

    /// <summary>A request without parameters whose result is always null (such as LSP's <c>shutdown</c>).</summary>
    public RpcMethods Request(string name, Action handler)
    {
        _methods.Add(name, new RpcMethod(false, (_, _) =>
        {
            handler();
            return Task.FromResult(RpcResult.Null);
        }, null));
        return this;
    }

    /// <summary>A notification whose parameters are the object <typeparamref name="TParams"/>.</summary>
    public RpcMethods Notification<TParams>(string name, JsonTypeInfo<TParams> parameters, Action<TParams> handler, bool parametersRequired = true)
    {
        _methods.Add(name, new RpcMethod(parametersRequired, null, element => handler(Deserialize(element, parameters)!)));
        return this;
    }

    /// <summary>A notification without parameters (any it carries are ignored).</summary>
    public RpcMethods Notification(string name, Action handler)
    {
        _methods.Add(name, new RpcMethod(false, null, _ => handler()));
        return this;
    }

    internal RpcMethod? Find(string name) => _methods.TryGetValue(name, out var method) ? method : null;

    private static T? Deserialize<T>(JsonElement? element, JsonTypeInfo<T> info)
    {
        if (element is not { } value || value.ValueKind == JsonValueKind.Null) return default;
        if (value.ValueKind != JsonValueKind.Object) throw new InvalidParametersException("the parameters must be an object");
        try
        {
            return value.Deserialize(info);
        }
        catch (JsonException e)
        {
            throw new InvalidParametersException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidParametersException(e.Message);
        }
    }
}

/// <summary>One served method: a request (answers) or a notification (does not).</summary>
internal sealed record RpcMethod(
    bool ParametersRequired,
    Func<JsonElement?, CancellationToken, Task<RpcResult>>? Request,
    Action<JsonElement?>? Notification);

/// <summary>A result and how to write it.</summary>
internal readonly struct RpcResult
{
    private readonly Action<Utf8JsonWriter> _write;

    private RpcResult(Action<Utf8JsonWriter> write) => _write = write;

    public static RpcResult Null { get; } = new(writer => writer.WriteNullValue());

    public static RpcResult Of<T>(T value, JsonTypeInfo<T> info) => new(writer => JsonSerializer.Serialize(writer, value, info));

    public void WriteTo(Utf8JsonWriter writer) => _write(writer);
}

/// <summary>Parameters that do not have the method's shape (answered with InvalidParams).</summary>
internal sealed class InvalidParametersException : Exception
{
    public InvalidParametersException(string message) : base(message) { }
}

using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace WitTools.LanguageServer.Rpc;

/// <summary>
/// A JSON-RPC 2.0 peer over LSP's Content-Length framing, serving <see cref="RpcMethods"/>.
/// <list type="bullet">
/// <item>Messages are handled one at a time in arrival order (document changes must apply in order): each
/// handler runs up to its first asynchronous wait before the next message is looked at; requests then finish
/// in any order, each answered when it completes.</item>
/// <item><c>$/cancelRequest</c> is handled as soon as it is read, so it reaches requests still queued or
/// running; a cancelled request is answered with RequestCancelled.</item>
/// <item>Whatever a client sends, the connection stays up: a message that is not JSON gets ParseError, one
/// that is not a request or notification InvalidRequest, an unknown request MethodNotFound, parameters of the
/// wrong shape InvalidParams, a handler's failure InternalError (and a line on the log); unknown notifications
/// and broken framing are logged and skipped. Only the end of the input (or of the output) ends it.</item>
/// </list>
/// </summary>
public sealed class JsonRpcConnection : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = false };

    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly RpcMethods _methods;
    private readonly TextWriter _log;
    private readonly Channel<Incoming> _queue = Channel.CreateUnbounded<Incoming>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unanswered;

    public JsonRpcConnection(Stream input, Stream output, RpcMethods methods, TextWriter log)
    {
        _reader = new MessageReader(input);
        _writer = new MessageWriter(output);
        _methods = methods;
        _log = log;
    }

    /// <summary>Completes when the input has ended (or the output failed) and every message read was handled.</summary>
    public Task Completion => _completion.Task;

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(DispatchLoopAsync);
    }

    /// <summary>Sends a notification to the client.</summary>
    public Task NotifyAsync<T>(string method, T parameters, JsonTypeInfo<T> info)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteString("method", method);
            writer.WritePropertyName("params");
            JsonSerializer.Serialize(writer, parameters, info);
            writer.WriteEndObject();
        }
        return SendAsync(body.WrittenMemory);
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until every request started so far is answered: a
    /// client that sends <c>exit</c> right behind its last requests still gets their answers.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Volatile.Read(ref _unanswered) > 0 && DateTime.UtcNow < deadline && !_stop.IsCancellationRequested)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _queue.Writer.TryComplete();
    }

    // ------------------------------------------------------------------ reading

    /// <summary>A request (Id set) or notification, in arrival order.</summary>
    private sealed record Incoming(string Method, JsonElement? Id, JsonElement? Parameters, CancellationTokenSource? Cancellation)
    {
        public bool IsRequest => Cancellation != null;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var message = await _reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (message.IsEnd) break;
                if (message.Problem != null) Log("skipped input: " + message.Problem);
                if (message.Body == null) continue;
                await ReceiveAsync(message.Body).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Log("reading the input failed: " + e.Message);
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }

    private async Task ReceiveAsync(byte[] body)
    {
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            root = JsonElement.ParseValue(ref reader);
            if (reader.Read()) throw new JsonException("more than one JSON value in a message");
        }
        catch (JsonException e)
        {
            await SendErrorAsync(null, RpcErrorCodes.ParseError, "the message is not JSON: " + e.Message).ConfigureAwait(false);
            return;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            string what = root.ValueKind == JsonValueKind.Array ? "a batch (LSP sends single messages)" : "not a JSON object";
            await SendErrorAsync(null, RpcErrorCodes.InvalidRequest, "the message is " + what).ConfigureAwait(false);
            return;
        }
        JsonElement? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            {
                await SendErrorAsync(null, RpcErrorCodes.InvalidRequest, "an id must be a number or a string").ConfigureAwait(false);
                return;
            }
            id = idElement;
        }
        if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            // A response to a request the server sent (it sends none) or garbage: only the latter gets an answer.
            if (id != null && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _))) return;
            await SendErrorAsync(id, RpcErrorCodes.InvalidRequest, "a request or notification needs a 'method' string").ConfigureAwait(false);
            return;
        }
        string method = methodElement.GetString()!;
        JsonElement? parameters = root.TryGetProperty("params", out var p) ? p : null;
        if (parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null) })
        {
            if (id != null) await SendErrorAsync(id, RpcErrorCodes.InvalidRequest, "'params' must be an object or an array").ConfigureAwait(false);
            else Log($"notification '{method}' skipped: 'params' must be an object or an array");
            return;
        }
        if (id == null && method == "$/cancelRequest")
        {
            if (parameters is { ValueKind: JsonValueKind.Object } cancel && cancel.TryGetProperty("id", out var target)
                && target.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && _pending.TryGetValue(target.GetRawText(), out var pending))
            {
                try { pending.Cancel(); } catch (ObjectDisposedException) { }
            }
            return;
        }
        CancellationTokenSource? cancellation = null;
        if (id != null)
        {
            cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            _pending[id.Value.GetRawText()] = cancellation;
        }
        _queue.Writer.TryWrite(new Incoming(method, id, parameters, cancellation));
    }

    // ------------------------------------------------------------------ dispatching

    private async Task DispatchLoopAsync()
    {
        try
        {
            await foreach (var incoming in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    if (incoming.IsRequest) Start(incoming);
                    else Notify(incoming);
                }
                catch (Exception e)
                {
                    Log($"'{incoming.Method}' failed: {e}");
                }
            }
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private void Notify(Incoming notification)
    {
        var method = _methods.Find(notification.Method);
        if (method?.Notification == null)
        {
            // $/ notifications are optional by LSP's rules; others are logged once each time they come.
            if (!notification.Method.StartsWith("$/", StringComparison.Ordinal)) Log($"notification '{notification.Method}' is not handled");
            return;
        }
        if (method.ParametersRequired && notification.Parameters is not { ValueKind: JsonValueKind.Object })
        {
            Log($"notification '{notification.Method}' skipped: it needs an object of parameters");
            return;
        }
        try
        {
            method.Notification(notification.Parameters);
        }
        catch (InvalidParametersException e)
        {
            Log($"notification '{notification.Method}' skipped: its parameters do not fit: {e.Message}");
        }
    }

    private void Start(Incoming request)
    {
        var method = _methods.Find(request.Method);
        Task<RpcResult> work;
        if (method?.Request == null)
        {
            work = Task.FromException<RpcResult>(new RpcException(RpcErrorCodes.MethodNotFound, $"the server does not handle '{request.Method}'"));
        }
        else if (method.ParametersRequired && request.Parameters is not { ValueKind: JsonValueKind.Object })
        {
            work = Task.FromException<RpcResult>(new RpcException(RpcErrorCodes.InvalidParams, $"'{request.Method}' needs an object of parameters"));
        }
        else if (request.Cancellation!.IsCancellationRequested)
        {
            work = Task.FromCanceled<RpcResult>(request.Cancellation.Token);
        }
        else
        {
            try
            {
                work = method.Request(request.Parameters, request.Cancellation.Token);
            }
            catch (Exception e)
            {
                work = Task.FromException<RpcResult>(e);
            }
        }
        Interlocked.Increment(ref _unanswered);
        _ = AnswerAsync(request, work);
    }

    private async Task AnswerAsync(Incoming request, Task<RpcResult> work)
    {
        ReadOnlyMemory<byte> body;
        try
        {
            var result = await work.ConfigureAwait(false);
            body = Response(request.Id, writer =>
            {
                writer.WritePropertyName("result");
                result.WriteTo(writer);
            });
        }
        catch (Exception e)
        {
            var (code, message) = e switch
            {
                RpcException rpc => (rpc.Code, rpc.Message),
                InvalidParametersException invalid => (RpcErrorCodes.InvalidParams, $"the parameters of '{request.Method}' do not fit: {invalid.Message}"),
                OperationCanceledException => (RpcErrorCodes.RequestCancelled, "the request was cancelled"),
                _ => (RpcErrorCodes.InternalError, $"internal error in the WIT language server: {e.GetType().Name}: {e.Message}"),
            };
            if (code == RpcErrorCodes.InternalError) Log($"request '{request.Method}' failed: {e}");
            body = ErrorBody(request.Id, code, message);
        }
        finally
        {
            string key = request.Id!.Value.GetRawText();
            if (_pending.TryGetValue(key, out var current) && current == request.Cancellation) _pending.TryRemove(key, out _);
            request.Cancellation!.Dispose();
        }
        try
        {
            await SendAsync(body).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _unanswered);
        }
    }

    // ------------------------------------------------------------------ writing

    private Task SendErrorAsync(JsonElement? id, int code, string message)
    {
        Log(message);
        return SendAsync(ErrorBody(id, code, message));
    }

    private static ReadOnlyMemory<byte> ErrorBody(JsonElement? id, int code, string message) =>
        Response(id, writer =>
        {
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        });

    private static ReadOnlyMemory<byte> Response(JsonElement? id, Action<Utf8JsonWriter> content)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            if (id is { } value) value.WriteTo(writer);
            else writer.WriteNullValue();
            content(writer);
            writer.WriteEndObject();
        }
        return body.WrittenMemory;
    }

    private async Task SendAsync(ReadOnlyMemory<byte> body)
    {
        if (_stop.IsCancellationRequested) return;
        try
        {
            await _writer.WriteAsync(body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The client is gone: nothing can be answered any more.
            Log("writing to the client failed: " + e.Message);
            Dispose();
        }
    }

    private void Log(string message)
    {
        try
        {
            lock (_log) _log.WriteLine("[wit-lsp] " + message);
        }
        catch (Exception)
        {
        }
    }
}

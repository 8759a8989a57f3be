using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using WitTools.LanguageServer.Rpc;

namespace WitTools.LanguageServer.Tests.Rpc;

public sealed record EchoParams(string Text, int Delay = 0);

public sealed record EchoResult(string Text, int Sequence);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(EchoParams))]
[JsonSerializable(typeof(EchoResult))]
public sealed partial class EchoJsonContext : JsonSerializerContext
{
}

/// <summary>
/// The server's JSON-RPC transport in process, over pipes: framing, dispatch in order, cancellation, and an
/// answer (or a logged skip) for every kind of bad input, after which the connection still serves.
/// </summary>
public sealed class JsonRpcConnectionTests : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly Stream _clientOut;
    private readonly MessageReader _clientIn;
    private readonly StringWriter _log = new();
    private readonly JsonRpcConnection _connection;
    private readonly List<string> _events = new();
    private int _sequence;

    public JsonRpcConnectionTests()
    {
        var json = EchoJsonContext.Default;
        var methods = new RpcMethods()
            .Request("echo", json.EchoParams, json.EchoResult, async (p, cancellation) =>
            {
                int sequence;
                lock (_events) { sequence = ++_sequence; _events.Add("echo " + p.Text); }
                if (p.Delay > 0) await Task.Delay(p.Delay, cancellation);
                return new EchoResult(p.Text, sequence);
            })
            .Request("wait", json.EchoParams, json.EchoResult, async (p, cancellation) =>
            {
                await Task.Delay(Timeout.Infinite, cancellation);
                return new EchoResult(p.Text, 0);
            })
            .Request("fail", json.EchoParams, json.EchoResult, (p, _) => throw new InvalidOperationException("boom " + p.Text))
            .Request("refuse", json.EchoParams, json.EchoResult, (p, _) => throw new RpcException(-32803, "no " + p.Text))
            .Request("nothing", () => { lock (_events) _events.Add("nothing"); })
            .Notification("note", json.EchoParams, p => { lock (_events) _events.Add("note " + p.Text); })
            .Notification("throwing", json.EchoParams, _ => throw new InvalidOperationException("notification boom"));
        _connection = new JsonRpcConnection(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(), methods, _log);
        _clientOut = _toServer.Writer.AsStream();
        _clientIn = new MessageReader(_toClient.Reader.AsStream());
        _connection.Start();
    }

    private string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    private async Task EndInputAsync()
    {
        if (_inputEnded) return;
        _inputEnded = true;
        await _toServer.Writer.CompleteAsync();
    }

    private bool _inputEnded;

    public async ValueTask DisposeAsync()
    {
        await EndInputAsync();
        await _connection.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        _connection.Dispose();
    }

    private Task SendRawAsync(string bytes) => SendRawAsync(Encoding.UTF8.GetBytes(bytes));

    private async Task SendRawAsync(byte[] bytes)
    {
        await _clientOut.WriteAsync(bytes);
        await _clientOut.FlushAsync();
    }

    private Task SendAsync(string json) => SendRawAsync($"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}");

    private async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var message = await _clientIn.ReadAsync(timeout.Token);
        Assert.Null(message.Problem);
        Assert.NotNull(message.Body);
        using var document = JsonDocument.Parse(message.Body);
        var root = document.RootElement.Clone();
        Assert.Equal("2.0", root.GetProperty("jsonrpc").GetString());
        return root;
    }

    private static int ErrorCode(JsonElement response) => response.GetProperty("error").GetProperty("code").GetInt32();

    /// <summary>The connection still answers: a fresh request gets its result.</summary>
    private async Task AssertServesAsync(string id = "\"alive\"")
    {
        await SendAsync($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"echo","params":{"text":"alive"}}""");
        var response = await ReceiveAsync();
        Assert.Equal(id, response.GetProperty("id").GetRawText());
        Assert.Equal("alive", response.GetProperty("result").GetProperty("text").GetString());
    }

    [Fact]
    public async Task ARequestIsAnsweredWithItsIdAndResult()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":7,"method":"echo","params":{"text":"hi"}}""");
        var response = await ReceiveAsync();
        Assert.Equal(7, response.GetProperty("id").GetInt32());
        Assert.Equal("hi", response.GetProperty("result").GetProperty("text").GetString());
        Assert.False(response.TryGetProperty("error", out _));
        await AssertServesAsync("\"a string id\"");
    }

    [Fact]
    public async Task ANullResultIsWrittenAsNull()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":1,"method":"nothing"}""");
        var response = await ReceiveAsync();
        Assert.Equal(JsonValueKind.Null, response.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task MessagesAreHandledInArrivalOrderAndFramingMaySplitAnywhere()
    {
        var all = new StringBuilder();
        for (int i = 0; i < 20; i++)
        {
            string body = i % 2 == 0
                ? $$$"""{"jsonrpc":"2.0","method":"note","params":{"text":"{{{i}}}"}}"""
                : $$$"""{"jsonrpc":"2.0","id":{{{i}}},"method":"echo","params":{"text":"{{{i}}}","delay":{{{(20 - i) * 5}}}}}""";
            // Headers in any case, an extra Content-Type header, as LSP allows.
            all.Append(i % 3 == 0 ? "content-length: " : "Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n");
            if (i % 4 == 1) all.Append("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n");
            all.Append("\r\n").Append(body);
        }
        // One byte at a time: headers and bodies split at every position.
        foreach (byte b in Encoding.UTF8.GetBytes(all.ToString())) await SendRawAsync(new[] { b });
        var ids = new List<int>();
        for (int i = 0; i < 10; i++) ids.Add((await ReceiveAsync()).GetProperty("id").GetInt32());
        Assert.Equal(10, ids.Count);
        lock (_events)
        {
            var expected = new List<string>();
            for (int i = 0; i < 20; i++) expected.Add((i % 2 == 0 ? "note " : "echo ") + i);
            Assert.Equal(expected, _events);
        }
    }

    [Fact]
    public async Task CancelRequestCancelsARunningRequest()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":"w","method":"wait","params":{"text":"x"}}""");
        await SendAsync("""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"w"}}""");
        var response = await ReceiveAsync();
        Assert.Equal("w", response.GetProperty("id").GetString());
        Assert.Equal(RpcErrorCodes.RequestCancelled, ErrorCode(response));
        // Cancelling what is unknown or finished does nothing.
        await SendAsync("""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":12345}}""");
        await SendAsync("""{"jsonrpc":"2.0","method":"$/cancelRequest","params":42}""");
        await AssertServesAsync();
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"no/such"}""", RpcErrorCodes.MethodNotFound, "1")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"echo","params":{"text":42}}""", RpcErrorCodes.InvalidParams, "2")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":"echo","params":[1,2]}""", RpcErrorCodes.InvalidParams, "3")]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":"echo"}""", RpcErrorCodes.InvalidParams, "4")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":"echo","params":"text"}""", RpcErrorCodes.InvalidRequest, "5")]
    [InlineData("""{"jsonrpc":"2.0","id":6,"params":{}}""", RpcErrorCodes.InvalidRequest, "6")]
    [InlineData("""{"jsonrpc":"2.0","id":{"x":1},"method":"echo"}""", RpcErrorCodes.InvalidRequest, "null")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"fail","params":{"text":"x"}}""", RpcErrorCodes.InternalError, "7")]
    [InlineData("""{"jsonrpc":"2.0","id":8,"method":"refuse","params":{"text":"x"}}""", -32803, "8")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"method":"echo","params":{"text":"x"}""", RpcErrorCodes.ParseError, "null")]
    [InlineData("""{"jsonrpc":"2.0","id":10,"method":"echo","params":{"text":"x"}} {}""", RpcErrorCodes.ParseError, "null")]
    [InlineData("""[{"jsonrpc":"2.0","id":11,"method":"echo","params":{"text":"x"}}]""", RpcErrorCodes.InvalidRequest, "null")]
    [InlineData("42", RpcErrorCodes.InvalidRequest, "null")]
    [InlineData("not json at all", RpcErrorCodes.ParseError, "null")]
    public async Task BadMessagesGetAnErrorAndTheConnectionStaysUp(string message, int code, string id)
    {
        await SendAsync(message);
        var response = await ReceiveAsync();
        Assert.Equal(code, ErrorCode(response));
        Assert.Equal(id, response.GetProperty("id").GetRawText());
        Assert.False(string.IsNullOrEmpty(response.GetProperty("error").GetProperty("message").GetString()));
        await AssertServesAsync();
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","method":"no/such","params":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"note","params":{"text":1}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"note"}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"throwing","params":{"text":"x"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":99,"result":{}}""")]
    public async Task NotificationsAndResponsesThatCannotBeHandledAreSkippedWithoutAnswer(string message)
    {
        await SendAsync(message);
        // The next message read is the answer to the next request: nothing was sent for the skipped one.
        await AssertServesAsync();
    }

    [Theory]
    [InlineData("Content-Type: text/plain\r\n\r\n")]                       // no Content-Length
    [InlineData("Content-Length: ten\r\n\r\n")]                             // not a number
    [InlineData("Content-Length: -5\r\n\r\n")]                              // negative
    [InlineData("garbage without a colon\r\n\r\n")]                         // not a header line
    [InlineData("Content-Length: 99999999999999\r\n\r\n")]                  // over the limit: the bytes are skipped
    public async Task BrokenFramingIsSkippedAndTheNextMessageIsServed(string framing)
    {
        await SendRawAsync(framing);
        if (framing.Contains("99999999999999", StringComparison.Ordinal))
        {
            // The oversized body would swallow everything: end the input, and the connection ends cleanly.
            await EndInputAsync();
            await _connection.Completion.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Contains("limit", Log);
            return;
        }
        await AssertServesAsync();
        Assert.Contains("skipped input", Log);
    }

    [Fact]
    public async Task AVeryLongHeaderLineIsCutAndSkipped()
    {
        await SendRawAsync("X-Long: " + new string('x', MessageReader.MaxHeaderLine * 3) + "\r\n\r\n");
        await AssertServesAsync();
        Assert.Contains("longer than", Log);
    }

    [Fact]
    public async Task RandomBytesNeverEndTheConnection()
    {
        var random = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            // Random bytes, possibly in a well-formed frame, never containing a header end that would
            // swallow the probe below.
            string body = Encoding.Latin1.GetString(bytes).Replace("\n", " ");
            if (round % 2 == 0) await SendRawAsync($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
            else await SendRawAsync(body + "\r\n\r\n");
        }
        // Drain whatever error answers the frames produced, until the probe's answer arrives.
        await SendAsync("""{"jsonrpc":"2.0","id":"probe","method":"echo","params":{"text":"alive"}}""");
        for (int guard = 0; guard < 400; guard++)
        {
            var response = await ReceiveAsync();
            if (response.GetProperty("id").ValueKind == JsonValueKind.String && response.GetProperty("id").GetString() == "probe")
            {
                Assert.Equal("alive", response.GetProperty("result").GetProperty("text").GetString());
                return;
            }
            Assert.True(response.TryGetProperty("error", out _));
        }
        Assert.Fail("the probe was never answered");
    }

    [Fact]
    public async Task TheEndOfTheInputCompletesTheConnection()
    {
        await SendAsync("""{"jsonrpc":"2.0","method":"note","params":{"text":"last"}}""");
        await EndInputAsync();
        await _connection.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        lock (_events) Assert.Equal(new[] { "note last" }, _events);
    }

    [Fact]
    public async Task DrainWaitsUntilStartedRequestsAreAnswered()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":1,"method":"echo","params":{"text":"slow","delay":300}}""");
        await SendAsync("""{"jsonrpc":"2.0","method":"note","params":{"text":"after"}}""");
        // Once the notification behind it is handled, the request has started; drain waits for its answer.
        for (int guard = 0; guard < 1000; guard++)
        {
            lock (_events) if (_events.Contains("note after")) break;
            await Task.Delay(5);
        }
        await _connection.DrainAsync(TimeSpan.FromSeconds(20));
        Assert.True(_toClient.Reader.TryRead(out var written));
        Assert.Contains("\"slow\"", Encoding.UTF8.GetString(written.Buffer));
    }

    [Fact]
    public async Task NotificationsFromTheServerAreFramed()
    {
        await _connection.NotifyAsync("note", new EchoParams("out"), EchoJsonContext.Default.EchoParams);
        var message = await ReceiveAsync();
        Assert.Equal("note", message.GetProperty("method").GetString());
        Assert.Equal("out", message.GetProperty("params").GetProperty("text").GetString());
        Assert.False(message.TryGetProperty("id", out _));
    }
}

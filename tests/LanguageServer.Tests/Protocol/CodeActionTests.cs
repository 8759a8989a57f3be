using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Server;
using WitTools.LanguageServer.Tests.TestSupport;
using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Tests.Protocol;

/// <summary>
/// <c>textDocument/codeAction</c>: a "did you mean" error gets one preferred quick fix that replaces exactly the
/// misspelled token; applying it leaves no error. Nothing is offered for other diagnostics, ranges without
/// diagnostics, or a request whose diagnostics are not the server's current ones (stale).
/// </summary>
public class CodeActionTests
{
    private static T Read<T>(JsonElement element) => element.Deserialize<T>(LspJson.Options)!;

    private static object Request(string path, Range range, IEnumerable<Diagnostic> diagnostics, string[]? only = null) => new
    {
        textDocument = new { uri = LspClient.Uri(path) },
        range,
        context = new { diagnostics = diagnostics.ToArray(), only },
    };

    private static async Task<List<CodeAction>> ActionsAsync(LspClient client, string path, Range range, IEnumerable<Diagnostic> diagnostics, string[]? only = null) =>
        Read<List<CodeAction>>(await client.RequestAsync("textDocument/codeAction", Request(path, range, diagnostics, only)));

    private static Range At(Position position) => new(position, position);

    /// <summary>Opens the text, finds the one error, asks for the actions at <paramref name="cursor"/>, checks the one
    /// quick fix replaces <paramref name="written"/> with <paramref name="meant"/>, applies it and waits for no errors.</summary>
    private static async Task FixAsync(string text, Position cursor, string written, string meant)
    {
        using var workspace = new TempWorkspace();
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var error = Assert.Single(await client.DiagnosticsAsync(path, d => d.Count > 0));

        var action = Assert.Single(await ActionsAsync(client, path, At(cursor), new[] { error }));
        Assert.Equal($"Change to `{meant}`", action.Title);
        Assert.Equal("quickfix", action.Kind);
        Assert.True(action.IsPreferred);
        Assert.Equal(error, Assert.Single(action.Diagnostics));
        var (uri, edits) = Assert.Single(action.Edit.Changes);
        Assert.Equal(LspClient.Uri(path), uri);
        var edit = Assert.Single(edits);
        var start = TextPositions.Of(text, written + (written == "enm" ? " " : ""));
        Assert.Equal(new Range(start, start with { Character = start.Character + written.Length }), edit.Range);
        Assert.Equal(meant, edit.NewText);

        await client.ChangeRangeAsync(path, 2, edit.Range, edit.NewText);
        Assert.Empty(await client.DiagnosticsAsync(path, d => d.Count == 0, version: 2));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task AMisspelledTypeNameIsFixed()
    {
        // non-ASCII text before the name: the range is in UTF-16 units
        string text = "package a:b;\ninterface i {\n  record prime-power { p: u64 }\n  /* é😀 */ f: func(p: prime-powr);\n}\n";
        await FixAsync(text, TextPositions.Of(text, "prime-powr", offset: 3), "prime-powr", "prime-power");
    }

    [Fact]
    public async Task AMisspelledInterfaceInAUseIsFixed()
    {
        string text = "package a:b;\ninterface types { type t = u32; }\ninterface service {\n  use typs.{t};\n  f: func() -> t;\n}\n";
        await FixAsync(text, TextPositions.Of(text, "typs"), "typs", "types");
    }

    [Fact]
    public async Task AMisspelledItemKeywordIsFixedWhereverTheCursorIsOnTheError()
    {
        // the error is reported at the name after `enm`; the fix replaces `enm`
        string text = "package a:b;\ninterface i {\n  enm algorithm { trial, rho }\n  f: func(a: algorithm);\n}\n";
        await FixAsync(text, TextPositions.Of(text, "algorithm"), "enm", "enum");
    }

    [Fact]
    public async Task QuickFixesAreAdvertised()
    {
        await using var client = await LspClient.StartAsync(null);
        var kinds = client.Capabilities.GetProperty("codeActionProvider").GetProperty("codeActionKinds");
        Assert.Equal(new[] { "quickfix" }, kinds.EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task NothingIsOfferedWithoutASuggestionOutsideTheDiagnosticsOrForAStaleRequest()
    {
        using var workspace = new TempWorkspace();
        // `hat` is as near to `cat` as to `bat`: no suggestion; `pointt` has one
        string text = "package a:b;\ninterface i {\n  type cat = u8;\n  type bat = u8;\n  record point { x: u32 }\n  f: func(a: hat);\n  g: func(p: pointt);\n}\n";
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var diagnostics = await client.DiagnosticsAsync(path, d => d.Count == 2);
        var hat = Assert.Single(diagnostics, d => d.Message.Contains("`hat`"));
        var pointt = Assert.Single(diagnostics, d => d.Message.Contains("`pointt`"));

        // a diagnostic without a suggestion
        Assert.Empty(await ActionsAsync(client, path, hat.Range, diagnostics));
        // a range without diagnostics
        var nothing = await client.RequestAsync("textDocument/codeAction", Request(path, At(new Position(0, 2)), System.Array.Empty<Diagnostic>()));
        Assert.Equal("[]", nothing.GetRawText());
        Assert.Empty(await ActionsAsync(client, path, At(TextPositions.Of(text, "cat")), diagnostics));
        // the whole document: only the fixable one
        var all = Assert.Single(await ActionsAsync(client, path, new Range(new Position(0, 0), new Position(8, 0)), diagnostics));
        Assert.Equal(pointt, all.Diagnostics[0]);
        // only other kinds asked for
        Assert.Empty(await ActionsAsync(client, path, pointt.Range, diagnostics, only: new[] { "refactor" }));
        Assert.Single(await ActionsAsync(client, path, pointt.Range, diagnostics, only: new[] { "quickfix" }));

        // stale: the client's diagnostic is not the server's any more (a line was inserted above it)
        await client.ChangeRangeAsync(path, 2, At(new Position(1, 0)), "\n");
        await client.DiagnosticsAsync(path, d => d.Count == 2, version: 2);
        var whole = new Range(new Position(0, 0), new Position(9, 0));
        Assert.Empty(await ActionsAsync(client, path, whole, new[] { pointt }));
        var current = await client.DiagnosticsAsync(path, d => d.Count == 2, version: 2);
        Assert.Single(await ActionsAsync(client, path, whole, current));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task MalformedParametersGetAnErrorOrNothingAndTheServerStaysUp()
    {
        using var workspace = new TempWorkspace();
        string text = "package a:b;\ninterface i {\n  record point { x: u32 }\n  g: func(p: pointt);\n}\n";
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var error = Assert.Single(await client.DiagnosticsAsync(path, d => d.Count > 0));
        string uri = LspClient.Uri(path);

        await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteRpcException>(() => client.RequestAsync("textDocument/codeAction", new { textDocument = 42, range = "x" }));
        await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteRpcException>(() => client.RequestAsync("textDocument/codeAction",
            new { textDocument = new { uri }, range = error.Range, context = new { diagnostics = new[] { new { range = 3, message = true } } } }));
        var odd = new object[]
        {
            new { textDocument = new { uri } },
            new { textDocument = new { uri }, range = new { } },
            new { textDocument = new { uri }, range = error.Range },
            new { textDocument = new { uri }, range = error.Range, context = new { diagnostics = new object?[] { null, new { } }, only = System.Array.Empty<string>() } },
            new { textDocument = new { uri = "file:///nowhere/x.wit" }, range = error.Range, context = new { diagnostics = new[] { error } } },
            new { textDocument = new { uri = "not a uri" }, range = error.Range, context = new { diagnostics = new[] { error } } },
            new { textDocument = new { uri }, range = new Range(new Position(-5, -1), new Position(int.MaxValue, int.MaxValue)), context = new { diagnostics = new[] { error } } },
        };
        foreach (var parameters in odd)
        {
            try
            {
                var answer = await client.RequestAsync("textDocument/codeAction", parameters);
                Assert.True(answer.ValueKind is JsonValueKind.Null || answer.ValueKind is JsonValueKind.Array && answer.GetArrayLength() <= 1, answer.GetRawText());
            }
            catch (StreamJsonRpc.RemoteRpcException)
            {
            }
        }
        // still up and answering
        Assert.Single(await ActionsAsync(client, path, error.Range, new[] { error }));
        Assert.Equal(0, await client.ShutdownAsync());
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Server;
using WitTools.LanguageServer.Tests.TestSupport;
using WitTools.LanguageServer.Workspace;
using WitTools.Tests.Shared;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Text;
using Xunit.Abstractions;

namespace WitTools.LanguageServer.Tests.Robustness;

/// <summary>
/// Every WASI package of the corpus, edited into broken shapes: each file with tokens deleted (a fixed-seed
/// sample of them, so the run is deterministic and bounded) and with random truncations. After each edit
/// every request is sent at a position near the edit; each must answer (a result or a refusal, never an
/// internal error) and the server must stay alive. The in-process run calls the same endpoint methods the
/// JSON-RPC layer calls; a smaller run goes through the real process over stdio.
/// </summary>
public class EditingRobustnessTests
{
    private const int DeletionsPerFile = 16;
    private const int TruncationsPerFile = 3;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;

    public EditingRobustnessTests(ITestOutputHelper output) => _output = output;

    /// <summary>The edited texts of one file: tokens deleted (sampled), then truncations.</summary>
    internal static IEnumerable<(string Text, int Cursor)> Edits(string text, int seed, int deletions, int truncations)
    {
        var map = new SourceMap();
        var file = map.Add("x.wit", text);
        var lexer = new Lexer(file, new DiagnosticBag());
        var tokens = new List<Token>();
        for (int guard = 0; guard <= text.Length + 1; guard++)
        {
            var token = lexer.Next();
            if (token.Kind == TokenKind.EndOfFile) break;
            tokens.Add(token);
        }
        var random = new Random(seed);
        var chosen = tokens.Count <= deletions
            ? Enumerable.Range(0, tokens.Count)
            : Enumerable.Range(0, tokens.Count).OrderBy(_ => random.Next()).Take(deletions).OrderBy(i => i);
        foreach (int i in chosen)
        {
            var token = tokens[i];
            yield return (text.Remove(token.Start, token.End - token.Start), token.Start);
        }
        for (int i = 0; i < truncations; i++)
        {
            int length = random.Next(0, text.Length + 1);
            yield return (text.Substring(0, length), length);
        }
    }

    [Fact]
    public async Task EveryCorpusPackageSurvivesTokenDeletionsAndTruncationsInProcess()
    {
        var log = new StringWriter();
        int published = 0;
        var workspace = new WorkspaceState(new ServerOptions { DebounceMilliseconds = 0 }, _ => { Interlocked.Increment(ref published); return Task.CompletedTask; }, log);
        var endpoints = new LspEndpoints(workspace, log);
        endpoints.Initialize(new InitializeParams(null, LspClient.Uri(WitCorpus.Root), null, null, null, null));

        int edits = 0, requests = 0, refusals = 0;
        int seed = 0;
        foreach (var release in Directory.EnumerateDirectories(WitCorpus.Root).OrderBy(d => d, StringComparer.Ordinal))
        {
            foreach (var package in Directory.EnumerateDirectories(release).OrderBy(d => d, StringComparer.Ordinal))
            {
                foreach (var path in Directory.EnumerateFiles(package, "*.wit").OrderBy(f => f, StringComparer.Ordinal))
                {
                    string original = File.ReadAllText(path);
                    string uri = LspClient.Uri(path);
                    endpoints.DidOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "wit", 0, original)));
                    int version = 0;
                    foreach (var (text, cursor) in Edits(original, seed++, DeletionsPerFile, TruncationsPerFile))
                    {
                        edits++;
                        endpoints.DidChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, ++version),
                            new[] { new TextDocumentContentChangeEvent(null, text) }));
                        var lines = new Text.LineMap(text);
                        var position = lines.ToPosition(Math.Max(0, cursor - 1));
                        var (answered, refused) = await AllRequestsAsync(endpoints, uri, position);
                        requests += answered;
                        refusals += refused;
                    }
                    endpoints.DidClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
                }
            }
        }
        _output.WriteLine($"{edits} edits, {requests} requests answered ({refusals} refusals), {published} diagnostics published");
        Assert.True(edits > 1000, $"only {edits} edits");
        await Task.Delay(200);
        Assert.DoesNotContain("failed", log.ToString());
    }

    /// <summary>Sends every request; returns how many answered and how many were refused (rename where it is
    /// not safe). Any other exception fails the test.</summary>
    private static async Task<(int Answered, int Refused)> AllRequestsAsync(LspEndpoints endpoints, string uri, Position position)
    {
        var document = new TextDocumentIdentifier(uri);
        var at = new TextDocumentPositionParams(document, position);
        using var timeout = new CancellationTokenSource(RequestTimeout);
        var token = timeout.Token;
        var calls = new List<Func<Task>>
        {
            () => endpoints.Hover(at, token),
            () => endpoints.Definition(at, token),
            () => endpoints.References(new ReferenceParams(document, position, new ReferenceContext(true)), token),
            () => endpoints.Completion(new CompletionParams(document, position), token),
            () => endpoints.DocumentSymbols(new DocumentSymbolParams(document), token),
            () => endpoints.FoldingRanges(new FoldingRangeParams(document), token),
            () => endpoints.SemanticTokensFull(new SemanticTokensParams(document), token),
            () => endpoints.Formatting(new DocumentFormattingParams(document, new FormattingOptions(2, true)), token),
            () => endpoints.PrepareRename(at, token),
            () => endpoints.Rename(new RenameParams(document, position, "renamed-name"), token),
        };
        int answered = 0, refused = 0;
        foreach (var call in calls)
        {
            try
            {
                await call().WaitAsync(RequestTimeout);
                answered++;
            }
            catch (StreamJsonRpc.LocalRpcException e) when (e.ErrorCode == LspErrorCodes.RequestFailed)
            {
                refused++;
                answered++;
            }
        }
        return (answered, refused);
    }

    [Fact]
    public async Task TheRealProcessSurvivesEditsOfAPackageWithDependencies()
    {
        string package = WitCorpus.Package("wasi-0.2.12", "http");
        string path = Path.Combine(package, "types.wit");
        string original = File.ReadAllText(path);
        await using var client = await LspClient.StartAsync(package);
        await client.OpenAsync(path, original, version: 0);
        int version = 0, edits = 0;
        foreach (var (text, cursor) in Edits(original, seed: 7, deletions: 24, truncations: 6))
        {
            edits++;
            await client.ChangeAsync(path, ++version, text);
            var position = new Text.LineMap(text).ToPosition(Math.Max(0, cursor - 1));
            var at = new { textDocument = new { uri = LspClient.Uri(path) }, position };
            await client.RequestAsync("textDocument/hover", at);
            await client.RequestAsync("textDocument/definition", at);
            await client.RequestAsync("textDocument/completion", at);
            await client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = new { uri = LspClient.Uri(path) } });
            await client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = LspClient.Uri(path) } });
        }
        // Back to the original: the last diagnostics are for that version and clean.
        await client.ChangeAsync(path, ++version, original);
        var diagnostics = await client.DiagnosticsAsync(path, version: version);
        Assert.DoesNotContain(diagnostics, d => d.Severity == WitTools.LanguageServer.Protocol.DiagnosticSeverity.Error);
        _output.WriteLine($"{edits} edits over stdio");
        Assert.False(client.HasExited);
        Assert.Equal(0, await client.ShutdownAsync());
        Assert.DoesNotContain("failed", client.Stderr);
    }
}

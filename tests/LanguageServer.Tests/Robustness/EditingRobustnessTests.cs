using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Tests.TestSupport;
using WitTools.Tests.Shared;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Text;
using Xunit.Abstractions;

namespace WitTools.LanguageServer.Tests.Robustness;

/// <summary>
/// Every WASI package of the corpus, edited into broken shapes through the real server process over stdio: each
/// file with every token deleted in turn, then with random (fixed-seed) truncations. After each edit every request
/// is sent at a position next to the edit; each must answer (a result, or a refusal for a rename that is not safe —
/// never an internal error) and the server must stay alive and end cleanly.
/// </summary>
public class EditingRobustnessTests
{
    private const int TruncationsPerFile = 3;

    private readonly ITestOutputHelper _output;

    public EditingRobustnessTests(ITestOutputHelper output) => _output = output;

    /// <summary>The edited texts of one file: each token deleted in turn, then random truncations.</summary>
    internal static IEnumerable<(string Text, int Cursor)> Edits(string text, int seed, int truncations)
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
        // Token offsets are UTF-8 bytes; the corpus is ASCII, where they are also UTF-16 indexes.
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            yield return (text.Remove(token.Start - file.Offset, token.End - token.Start), token.Start - file.Offset);
        }
        var random = new Random(seed);
        for (int i = 0; i < truncations; i++)
        {
            int length = random.Next(0, text.Length + 1);
            yield return (text.Substring(0, length), length);
        }
    }

    [Fact]
    public async Task EveryCorpusPackageSurvivesEveryTokenDeletedAndTruncationsOverStdio()
    {
        var started = DateTime.UtcNow;
        await using var client = await LspClient.StartAsync(WitCorpus.Root);
        int files = 0, edits = 0, requests = 0, refusals = 0, seed = 0;
        foreach (var release in Directory.EnumerateDirectories(WitCorpus.Root).OrderBy(d => d, StringComparer.Ordinal))
        {
            foreach (var package in Directory.EnumerateDirectories(release).OrderBy(d => d, StringComparer.Ordinal))
            {
                foreach (var path in Directory.EnumerateFiles(package, "*.wit").OrderBy(f => f, StringComparer.Ordinal))
                {
                    string original = File.ReadAllText(path);
                    Assert.True(original.All(c => c < 0x80), path + " is not ASCII");
                    files++;
                    await client.OpenAsync(path, original, version: 0);
                    int version = 0;
                    foreach (var (text, cursor) in Edits(original, seed++, TruncationsPerFile))
                    {
                        edits++;
                        await client.ChangeAsync(path, ++version, text);
                        var position = new Text.LineMap(text).ToPosition(Math.Max(0, cursor - 1));
                        var (answered, refused) = await AllRequestsAsync(client, path, position);
                        requests += answered;
                        refusals += refused;
                    }
                    // Back to the original: the last diagnostics are of that version, without errors.
                    await client.ChangeAsync(path, ++version, original);
                    var diagnostics = await client.DiagnosticsAsync(path, version: version);
                    Assert.DoesNotContain(diagnostics, d => d.Severity == WitTools.LanguageServer.Protocol.DiagnosticSeverity.Error);
                    await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = LspClient.Uri(path) } });
                }
            }
        }
        _output.WriteLine($"{files} files, {edits} edits, {requests} requests answered ({refusals} refusals), " +
            $"{client.PublishCount} diagnostics published, {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        Assert.True(edits > 10_000, $"only {edits} edits");
        Assert.False(client.HasExited);
        Assert.Equal(0, await client.ShutdownAsync());
        Assert.DoesNotContain("failed", client.Stderr);
    }

    /// <summary>Sends every request at once (the server handles them in order) and waits for all the answers;
    /// returns how many answered and how many were refusals (rename where it is not safe). Any other error fails.</summary>
    private static async Task<(int Answered, int Refused)> AllRequestsAsync(LspClient client, string path, Position position)
    {
        var document = new { uri = LspClient.Uri(path) };
        var at = new { textDocument = document, position };
        var calls = new (string Method, object Parameters)[]
        {
            ("textDocument/hover", at),
            ("textDocument/definition", at),
            ("textDocument/references", new { textDocument = document, position, context = new { includeDeclaration = true } }),
            ("textDocument/completion", at),
            ("textDocument/documentSymbol", new { textDocument = document }),
            ("textDocument/foldingRange", new { textDocument = document }),
            ("textDocument/semanticTokens/full", new { textDocument = document }),
            ("textDocument/formatting", new { textDocument = document, options = new { tabSize = 2, insertSpaces = true } }),
            ("textDocument/prepareRename", at),
            ("textDocument/rename", new { textDocument = document, position, newName = "renamed-name" }),
        };
        var tasks = calls.Select(call => client.RequestAsync(call.Method, call.Parameters)).ToArray();
        int refused = 0;
        foreach (var (task, call) in tasks.Zip(calls))
        {
            try
            {
                await task;
            }
            catch (StreamJsonRpc.RemoteInvocationException e) when (e.ErrorCode == LspErrorCodes.RequestFailed && call.Method.Contains("ename"))
            {
                refused++;
            }
        }
        return (tasks.Length, refused);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Server;
using WitTools.LanguageServer.Tests.TestSupport;

namespace WitTools.LanguageServer.Tests.Protocol;

/// <summary>Every request over the real process, on a two-file package with a dependency in deps/.</summary>
public class FeatureTests
{
    private static async Task<(LspClient Client, TempWorkspace Workspace, string Types, string Worlds, string Streams)> StartAsync()
    {
        var workspace = new TempWorkspace();
        var (types, worlds, streams) = SamplePackage.WriteTo(workspace);
        var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(types, SamplePackage.Types);
        await client.OpenAsync(worlds, SamplePackage.Worlds);
        return (client, workspace, types, worlds, streams);
    }

    private static object At(string path, Position position) => new { textDocument = new { uri = LspClient.Uri(path) }, position };

    private static T Read<T>(JsonElement element) => element.Deserialize<T>(LspJson.Options)!;

    [Fact]
    public async Task TheSamplePackageHasNoErrors()
    {
        var (client, workspace, types, worlds, _) = await StartAsync();
        await using var _c = client;
        using var _w = workspace;
        var diagnostics = await client.DiagnosticsAsync(types);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(await client.DiagnosticsAsync(worlds));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task HoverShowsKindSignatureDocsAndCanonicalAbi()
    {
        var (client, workspace, types, _, _) = await StartAsync();
        await using var _c = client;
        using var _w = workspace;
        // On a use of `point` inside `type points = list<point>;`.
        var hover = Read<Hover>(await client.RequestAsync("textDocument/hover", At(types, TextPositions.Of(SamplePackage.Types, "point>", offset: 2))));
        string text = hover.Contents.Value;
        Assert.Contains("record point {", text);
        Assert.Contains("*record* `example:app/types@0.1.0.point`", text.Replace("*type*", "*record*"));
        Assert.Contains("A point on the canvas.", text);
        Assert.Contains("canonical ABI: size 8, align 4, flat `(i32 i32)`; fields x@0, y@4", text);
        Assert.Equal(TextPositions.Of(SamplePackage.Types, "point>"), hover.Range!.Start);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task DefinitionWorksInAFileAcrossFilesIntoDepsThroughUseAsAndInclude()
    {
        var (client, workspace, types, worlds, streams) = await StartAsync();
        await using var _c = client;
        using var _w = workspace;
        async Task<Location> Definition(string path, Position position) =>
            Read<Location>(await client.RequestAsync("textDocument/definition", At(path, position)));

        // In the file: `list<point>` -> record point.
        var local = await Definition(types, TextPositions.Of(SamplePackage.Types, "point>"));
        Assert.Equal(LspClient.Uri(types), local.Uri);
        Assert.Equal(TextPositions.Of(SamplePackage.Types, "point {"), local.Range.Start);
        // Across files: `use types.{point}` in worlds.wit -> types.wit.
        var across = await Definition(worlds, TextPositions.Of(SamplePackage.Worlds, "point}"));
        Assert.Equal(LspClient.Uri(types), across.Uri);
        Assert.Equal(TextPositions.Of(SamplePackage.Types, "point {"), across.Range.Start);
        // Through `use … as`: `borrow<stream-in>` -> resource input-stream in deps/.
        var renamed = await Definition(types, TextPositions.Of(SamplePackage.Types, "stream-in>"));
        Assert.Equal(LspClient.Uri(streams), renamed.Uri);
        Assert.Equal(TextPositions.Of(SamplePackage.Streams, "input-stream;"), renamed.Range.Start);
        // A package path into deps/: `wasi:io/streams` -> interface streams.
        var intoDeps = await Definition(types, TextPositions.Of(SamplePackage.Types, "streams@"));
        Assert.Equal(TextPositions.Of(SamplePackage.Streams, "streams {"), intoDeps.Range.Start);
        // include: `include base;` -> world base.
        var included = await Definition(worlds, TextPositions.Of(SamplePackage.Worlds, "base;"));
        Assert.Equal(TextPositions.Of(SamplePackage.Worlds, "base {"), included.Range.Start);
        // An import of an interface by name: `import types;` -> interface types in the other file.
        var imported = await Definition(worlds, TextPositions.Of(SamplePackage.Worlds, "types;"));
        Assert.Equal(LspClient.Uri(types), imported.Uri);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ReferencesAndRenameSpanFilesAndRefuseClashesAndDependencies()
    {
        var (client, workspace, types, worlds, _) = await StartAsync();
        await using var _c = client;
        using var _w = workspace;
        var position = TextPositions.Of(SamplePackage.Types, "point {");
        var references = Read<List<Location>>(await client.RequestAsync("textDocument/references",
            new { textDocument = new { uri = LspClient.Uri(types) }, position, context = new { includeDeclaration = true } }));
        // Declaration, `list<point>`, `p: point` in draw, `use types.{point}` and `p: point` in worlds.wit.
        Assert.Equal(5, references.Count);
        Assert.Equal(2, references.Count(r => r.Uri == LspClient.Uri(worlds)));

        var edit = Read<WorkspaceEdit>(await client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri = LspClient.Uri(types) }, position, newName = "pixel" }));
        Assert.Equal(3, edit.Changes[LspClient.Uri(types)].Count);
        Assert.Equal(2, edit.Changes[LspClient.Uri(worlds)].Count);
        Assert.All(edit.Changes.Values.SelectMany(e => e), e => Assert.Equal("pixel", e.NewText));

        // `points` is already a type of the interface.
        var clash = await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteInvocationException>(() => client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri = LspClient.Uri(types) }, position, newName = "points" }));
        Assert.Contains("already defined", clash.Message);
        // The world `app` brings `point` in by `use`, and has a function `draw-point`... a name clash there too.
        var worldClash = await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteInvocationException>(() => client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri = LspClient.Uri(types) }, position, newName = "run" }));
        Assert.Contains("`run`", worldClash.Message);
        // A dependency's resource cannot be renamed from here.
        var dependency = await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteInvocationException>(() => client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri = LspClient.Uri(types) }, position = TextPositions.Of(SamplePackage.Types, "output-stream}"), newName = "out" }));
        Assert.Contains("dependency", dependency.Message);
        // A keyword is written with `%`.
        var keyword = Read<WorkspaceEdit>(await client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri = LspClient.Uri(types) }, position, newName = "record" }));
        Assert.All(keyword.Changes.Values.SelectMany(e => e), e => Assert.Equal("%record", e.NewText));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task DocumentAndWorkspaceSymbolsFoldingAndSemanticTokens()
    {
        var (client, workspace, types, _, _) = await StartAsync();
        await using var _c = client;
        using var _w = workspace;
        var symbols = Read<List<DocumentSymbol>>(await client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = LspClient.Uri(types) } }));
        var package = Assert.Single(symbols);
        Assert.Equal("example:app", package.Name);
        var iface = Assert.Single(package.Children!);
        Assert.Equal("types", iface.Name);
        Assert.Equal(new[] { "stream-in", "point", "points", "canvas", "old-shape", "read" }, iface.Children!.Select(c => c.Name));
        var canvas = iface.Children!.Single(c => c.Name == "canvas");
        Assert.Equal(new[] { "constructor", "draw" }, canvas.Children!.Select(c => c.Name));
        Assert.Equal(new[] { 1 }, iface.Children!.Single(c => c.Name == "old-shape").Tags);

        var found = Read<List<SymbolInformation>>(await client.RequestAsync("workspace/symbol", new { query = "inpstr" }));
        Assert.Contains(found, s => s.Name == "input-stream" && s.Location.Uri.EndsWith("deps/io/streams.wit"));

        var folds = Read<List<FoldingRange>>(await client.RequestAsync("textDocument/foldingRange", new { textDocument = new { uri = LspClient.Uri(types) } }));
        Assert.Contains(folds, f => f.StartLine == TextPositions.Of(SamplePackage.Types, "interface types").Line);
        Assert.Contains(folds, f => f.StartLine == TextPositions.Of(SamplePackage.Types, "record point").Line && f.EndLine == f.StartLine + 2);

        var tokens = Read<SemanticTokens>(await client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = new { uri = LspClient.Uri(types) } }));
        var decoded = Decode(tokens.Data, SamplePackage.Types);
        Assert.Contains(("point", "struct", 1), decoded); // the declaration
        Assert.Contains(("point", "struct", 0), decoded); // a use
        Assert.Contains(("canvas", "class", 1), decoded);
        Assert.Contains(("old-shape", "function", 1 | 2), decoded); // declaration, deprecated
        Assert.Contains(("/// A point on the canvas.", "comment", 4), decoded);
        Assert.Contains(("s32", "type", 8), decoded);
        Assert.Contains(("interface", "keyword", 0), decoded);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    private static List<(string Text, string Type, int Modifiers)> Decode(IReadOnlyList<int> data, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var result = new List<(string, string, int)>();
        int line = 0, character = 0;
        for (int i = 0; i + 4 < data.Count + 1 && i + 4 <= data.Count - 1 + 1; i += 5)
        {
            line += data[i];
            character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
            result.Add((lines[line].Substring(character, data[i + 2]), WitTools.LanguageServer.Features.SemanticTokensProvider.TokenTypes[data[i + 3]], data[i + 4]));
        }
        return result;
    }

    [Fact]
    public async Task CompletionKnowsTheScope()
    {
        using var workspace = new TempWorkspace();
        var (types, worlds, _) = SamplePackage.WriteTo(workspace);
        await using var client = await LspClient.StartAsync(workspace.Root);
        async Task<List<string>> Complete(string text, string marker)
        {
            string content = text.Replace(marker, "");
            await client.OpenAsync(worlds, content, version: Random.Shared.Next(10, 100000));
            var list = Read<CompletionList>(await client.RequestAsync("textDocument/completion", At(worlds, TextPositions.Of(text, marker))));
            await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = LspClient.Uri(worlds) } });
            return list.Items.Select(i => i.Label).ToList();
        }

        string world = "package example:app@0.1.0;\nworld w {\n  use types.{point};\n  import f: func(a: |);\n  |\n}\ninterface extra {\n  use types.{|};\n  @unstable(feature = |)\n  g: func();\n  @unstable(feature = shiny)\n  h: func();\n}\nworld v { include | }\n";
        // Type position: visible types (used and built-in).
        var types1 = await Complete(world.Replace("|);\n  |", "#);\n  "), "#");
        Assert.Contains("point", types1);
        Assert.Contains("u32", types1);
        Assert.Contains("list", types1);
        Assert.DoesNotContain("import", types1);
        // Item start in a world: its keywords.
        var keywords = await Complete(world.Replace("|);\n  |", ");\n  #"), "#");
        Assert.Contains("import", keywords);
        Assert.Contains("include", keywords);
        Assert.DoesNotContain("constructor", keywords);
        // Inside `use types.{…}`: the interface's types.
        var members = await Complete(world.Replace("{|}", "{#}"), "#");
        Assert.Contains("points", members);
        Assert.Contains("canvas", members);
        Assert.Contains("stream-in", members);
        // After `include`: worlds; after `use`: interfaces and packages.
        var worldsList = await Complete(world.Replace("include |", "include #"), "#");
        Assert.Contains("w", worldsList);
        Assert.DoesNotContain("types", worldsList);
        var features = await Complete(world.Replace("feature = |", "feature = #"), "#");
        Assert.Contains("shiny", features);
        Assert.DoesNotContain("u32", features);
        var useTargets = await Complete("package example:app@0.1.0;\ninterface z {\n  use #\n}\n", "#");
        Assert.Contains("types", useTargets);
        Assert.Contains("wasi:io", useTargets);
        var depInterfaces = await Complete("package example:app@0.1.0;\ninterface z {\n  use wasi:io/#\n}\n", "#");
        Assert.Contains("streams", depInterfaces);
        _ = types;
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task FormattingKeepsCommentsAndNormalizesLayout()
    {
        using var workspace = new TempWorkspace();
        string text = "package a:b;\n// a plain comment\ninterface   i{\n/// docs\n   record r {a:u32,  b : list<u8>} // trailing\n      f:func(x:u32)->u32;\n\n\n\n}\n";
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var edits = Read<List<TextEdit>>(await client.RequestAsync("textDocument/formatting",
            new { textDocument = new { uri = LspClient.Uri(path) }, options = new { tabSize = 2, insertSpaces = true } }));
        var edit = Assert.Single(edits);
        Assert.Equal("package a:b;\n// a plain comment\ninterface i {\n  /// docs\n  record r {\n    a: u32,\n    b: list<u8>,\n  } // trailing\n  f: func(x: u32) -> u32;\n}\n".Replace("    b: list<u8>,\n", "    b: list<u8>\n"), edit.NewText);
        Assert.Equal(0, await client.ShutdownAsync());
    }
}

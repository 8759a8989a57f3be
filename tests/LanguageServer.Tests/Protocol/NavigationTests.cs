using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Server;
using WitTools.LanguageServer.Tests.TestSupport;

namespace WitTools.LanguageServer.Tests.Protocol;

/// <summary>
/// Names bound through every kind of alias, over the real process: a package-level <c>use … as</c> of a
/// dependency's interface, <c>use</c> of that alias with and without <c>as</c>, a <c>use</c> of a <c>use</c>d name,
/// and an <c>include … with { a as b }</c>. The server answers from the front end's symbol index.
/// </summary>
public class NavigationTests
{
    private const string App = """
        package ex:app;

        use ex:base/types@1.0.0 as base-types;

        interface names {
          use base-types.{id, handle as h};
          record entry { key: id, owner: own<h> }
          lookup: func(key: id) -> option<entry>;
        }

        interface more {
          use names.{id, entry};
          find: func(e: entry) -> id;
        }

        world app {
          include ex:base/host@1.0.0 with { greet as hello }
          import names;
        }
        """;

    private const string Base = """
        package ex:base@1.0.0;

        interface types {
          /// An identifier.
          type id = u64;
          resource handle;
        }

        world host {
          import greet: func();
          import types;
        }
        """;

    private static async Task<(LspClient Client, TempWorkspace Workspace, string App, string Base)> StartAsync()
    {
        var workspace = new TempWorkspace();
        string app = workspace.Write("app/app.wit", App);
        string @base = workspace.Write("app/deps/base/base.wit", Base);
        var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(app, App);
        return (client, workspace, app, @base);
    }

    private static object At(string path, Position position) => new { textDocument = new { uri = LspClient.Uri(path) }, position };

    private static T Read<T>(JsonElement element) => element.Deserialize<T>(LspJson.Options)!;

    [Fact]
    public async Task DefinitionFollowsEveryKindOfAlias()
    {
        var (client, workspace, app, @base) = await StartAsync();
        await using var _c = client;
        using var _w = workspace;
        Assert.Empty(await client.DiagnosticsAsync(app));
        async Task<Location> Definition(string marker, int occurrence = 0) =>
            Read<Location>(await client.RequestAsync("textDocument/definition", At(app, TextPositions.Of(App, marker, occurrence))));

        // `key: id` -> through `use base-types.{id}` and the package-level `use … as base-types` into deps/.
        var id = await Definition("id,", occurrence: 1);
        Assert.Equal(LspClient.Uri(@base), id.Uri);
        Assert.Equal(TextPositions.Of(Base, "id = u64"), id.Range.Start);
        // `-> id` in `more`: a use of a used name.
        Assert.Equal(id, await Definition("id;\n}"));
        // `base-types` in `use base-types.{…}` -> the dependency's interface.
        Assert.Equal(TextPositions.Of(Base, "types {"), (await Definition("base-types.{")).Range.Start);
        // `own<h>` -> through `handle as h` to the resource.
        Assert.Equal(TextPositions.Of(Base, "handle;"), (await Definition("h>")).Range.Start);
        // `include … with { greet as hello }`: both names lead to the included world's import.
        Assert.Equal(TextPositions.Of(Base, "greet:"), (await Definition("greet as")).Range.Start);
        Assert.Equal(TextPositions.Of(Base, "greet:"), (await Definition("hello")).Range.Start);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ReferencesAndRenameGoThroughPlainUsesButNotThroughAs()
    {
        var (client, workspace, app, _) = await StartAsync();
        await using var _c = client;
        using var _w = workspace;
        string uri = LspClient.Uri(app);
        var entry = TextPositions.Of(App, "entry {");
        var references = Read<List<Location>>(await client.RequestAsync("textDocument/references",
            new { textDocument = new { uri }, position = entry, context = new { includeDeclaration = true } }));
        // The declaration, `option<entry>`, `use names.{…, entry}` and `e: entry` in `more`.
        Assert.Equal(new[] { entry, TextPositions.Of(App, "entry>"), TextPositions.Of(App, "entry}"), TextPositions.Of(App, "entry)") },
            references.Select(r => r.Range.Start));

        // From the use in `more` the rename is the record's.
        var edit = Read<WorkspaceEdit>(await client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri }, position = TextPositions.Of(App, "entry}"), newName = "item" }));
        Assert.Equal(references.Select(r => r.Range).OrderBy(r => r.Start.Line), edit.Changes[uri].Select(e => e.Range).OrderBy(r => r.Start.Line));

        // `more` brings `entry` in and has a function `find`: renaming the record to `find` would clash there.
        var clash = await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteInvocationException>(() => client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri }, position = entry, newName = "find" }));
        Assert.Contains("interface `ex:app/more` uses it and already has a `find`", clash.Message);

        // `h` (written with `as`) is a name of its own: renaming it leaves `handle` alone.
        var alias = Read<WorkspaceEdit>(await client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri }, position = TextPositions.Of(App, "h>"), newName = "owner-handle" }));
        Assert.Equal(new[] { TextPositions.Of(App, "h}"), TextPositions.Of(App, "h>") }, alias.Changes[uri].Select(e => e.Range.Start));

        // `id` is the dependency's, whichever name of it is renamed.
        var dependency = await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteInvocationException>(() => client.RequestAsync("textDocument/rename",
            new { textDocument = new { uri }, position = TextPositions.Of(App, "id;\n}"), newName = "key" }));
        Assert.Contains("dependency", dependency.Message);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task OutlineHoverAndTokensShowAliasesWrittenWithAs()
    {
        var (client, workspace, app, _) = await StartAsync();
        await using var _c = client;
        using var _w = workspace;
        string uri = LspClient.Uri(app);
        var outline = Read<List<DocumentSymbol>>(await client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri } }));
        var package = Assert.Single(outline);
        Assert.Equal("ex:app", package.Name);
        Assert.Equal(new[] { "base-types", "names", "more", "app" }, package.Children!.Select(c => c.Name));
        // A plain `use` defines no new name; `handle as h` and `greet as hello` do.
        Assert.Equal(new[] { "h", "entry", "lookup" }, package.Children![1].Children!.Select(c => c.Name));
        var hello = Assert.Single(package.Children![3].Children!);
        Assert.Equal("hello", hello.Name);
        Assert.Equal("= ex:base/host@1.0.0.greet", hello.Detail);

        var hover = Read<Hover>(await client.RequestAsync("textDocument/hover", At(app, TextPositions.Of(App, "hello"))));
        Assert.Contains("import greet: func();", hover.Contents.Value);
        Assert.Contains("*import* `ex:base/host@1.0.0.greet` (as `hello`)", hover.Contents.Value);
        var idHover = Read<Hover>(await client.RequestAsync("textDocument/hover", At(app, TextPositions.Of(App, "id,", occurrence: 1))));
        Assert.Contains("type id = u64;", idHover.Contents.Value);
        Assert.Contains("An identifier.", idHover.Contents.Value);
        Assert.Contains("canonical ABI: size 8, align 8, flat `(i64)`", idHover.Contents.Value);
        Assert.Equal(0, await client.ShutdownAsync());
    }
}

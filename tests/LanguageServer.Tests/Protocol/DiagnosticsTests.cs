using System.Linq;
using System.Threading.Tasks;
using WitTools.LanguageServer.Protocol;
using Range = WitTools.LanguageServer.Protocol.Range;
using WitTools.LanguageServer.Tests.TestSupport;

namespace WitTools.LanguageServer.Tests.Protocol;

public class DiagnosticsTests
{
    [Fact]
    public async Task EverySyntaxErrorOfAFileIsPublishedAtItsToken()
    {
        using var workspace = new TempWorkspace();
        string text = "package a:b;\n\ninterface i {\n  type x = list<u32;\n  f: func(a: ) -> u32;\n  record r { a: u32 b: u32 }\n}\n";
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var diagnostics = await client.DiagnosticsAsync(path, d => d.Count >= 3);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(
            new[]
            {
                (new Position(3, 19), "expected '>', found ';'"),
                (new Position(4, 13), "expected a type, found ')'"),
                (new Position(5, 20), "expected '}', found an identifier"),
            },
            diagnostics.Select(d => (d.Range.Start, d.Message)).OrderBy(d => d.Start.Line));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task EveryResolutionErrorOfAFileIsPublishedAtItsToken()
    {
        using var workspace = new TempWorkspace();
        // Four unknown names and a duplicate; non-ASCII text before the last one (UTF-16 columns).
        string text = "package a:b;\n" +
            "interface i {\n" +
            "  f: func(a: one) -> two;\n" +
            "  type t = three;\n" +
            "  type t = u32;\n" +
            "  /* é😀 */ g: func(b: four);\n" +
            "}\n";
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var diagnostics = await client.DiagnosticsAsync(path, d => d.Count > 0);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(
            new[]
            {
                (TextPositions.Of(text, "one"), "one"), (TextPositions.Of(text, "two"), "two"), (TextPositions.Of(text, "three"), "three"),
                (TextPositions.Of(text, "t = u32"), "name `t` is defined more than once"), (TextPositions.Of(text, "four"), "four"),
            }.Select(e => e.Item1),
            diagnostics.Select(d => d.Range.Start).OrderBy(p => p.Line).ThenBy(p => p.Character));
        Assert.Contains(diagnostics, d => d.Message == "name `t` is defined more than once");
        foreach (var name in new[] { "one", "two", "three", "four" })
        {
            var error = Assert.Single(diagnostics, d => d.Message.Contains($"`{name}` does not exist"));
            Assert.Equal(TextPositions.Of(text, name), error.Range.Start);
            Assert.Equal(TextPositions.Of(text, name, offset: name.Length), error.Range.End);
        }
        Assert.Equal(23, TextPositions.Of(text, "four").Character); // UTF-8 bytes would say 26
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ErrorsOfEveryFileAndEveryDependencyAreEachPublishedInTheirFile()
    {
        using var workspace = new TempWorkspace();
        // Two files of the main package, two dependency packages (a folder and a single file), each with its own errors.
        string main = "package a:main;\n\ninterface i {\n  use b:one/d.{t};\n  use c:two/e.{u};\n  f: func(x: t, y: u) -> nope;\n}\n";
        string second = "interface j {\n  g: func() -> list<u8;\n  h: func() -> missing;\n}\n";
        string one = "package b:one;\n\ninterface d {\n  type t = gone;\n  k: func(a: u32, a: u32);\n}\n";
        string two = "package c:two;\n\ninterface e {\n  type u = u32;\n  type u = u64;\n  type w = lost;\n}\n";
        string mainPath = workspace.Write("p/main.wit", main);
        string secondPath = workspace.Write("p/second.wit", second);
        string onePath = workspace.Write("p/deps/one/d.wit", one);
        string twoPath = workspace.Write("p/deps/two.wit", two);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(mainPath, main);

        var inMain = await client.DiagnosticsAsync(mainPath, d => d.Count > 0);
        Assert.Equal(new[] { TextPositions.Of(main, "nope") }, inMain.Select(d => d.Range.Start));
        var inSecond = await client.DiagnosticsAsync(secondPath, d => d.Count > 1);
        Assert.Equal(new[] { TextPositions.Of(second, ";", occurrence: 0), TextPositions.Of(second, "missing") },
            inSecond.Select(d => d.Range.Start).OrderBy(p => p.Line));
        Assert.StartsWith("expected '>'", inSecond.OrderBy(d => d.Range.Start.Line).First().Message);
        var inOne = await client.DiagnosticsAsync(onePath, d => d.Count > 1);
        Assert.Equal(new[] { TextPositions.Of(one, "gone"), TextPositions.Of(one, "a: u32", occurrence: 1) },
            inOne.Select(d => d.Range.Start).OrderBy(p => p.Line));
        var inTwo = await client.DiagnosticsAsync(twoPath, d => d.Count > 1);
        Assert.Equal(new[] { TextPositions.Of(two, "u = u64"), TextPositions.Of(two, "lost") },
            inTwo.Select(d => d.Range.Start).OrderBy(p => p.Line));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ColumnsCountUtf16CodeUnitsAfterNonAsciiText()
    {
        using var workspace = new TempWorkspace();
        // é is 2 UTF-8 bytes and 1 UTF-16 unit; 😀 is 4 bytes and 2 units.
        string text = "package a:b;\n\ninterface i {\n  /* é😀é */ type x = list<u32;\n}\n";
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var diagnostics = await client.DiagnosticsAsync(path, d => d.Count > 0);
        var expected = TextPositions.Of(text, "u32;", offset: 3);
        Assert.Equal(expected, diagnostics[0].Range.Start);
        Assert.Equal(30, expected.Character); // UTF-8 bytes would say 34
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task AResolutionErrorIsPublishedAtItsNameAndClearedWhenFixed()
    {
        using var workspace = new TempWorkspace();
        string text = "package a:b;\n\ninterface i {\n  f: func() -> nope;\n}\n";
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var diagnostics = await client.DiagnosticsAsync(path, d => d.Count > 0);
        var error = Assert.Single(diagnostics);
        Assert.Equal(TextPositions.Of(text, "nope"), error.Range.Start);
        Assert.Contains("nope", error.Message);

        // Fix it with an incremental edit: `nope` -> `u32`.
        var start = TextPositions.Of(text, "nope");
        await client.ChangeRangeAsync(path, 2, new Range(start, start with { Character = start.Character + 4 }), "u32");
        var fixedDiagnostics = await client.DiagnosticsAsync(path, d => d.Count == 0, version: 2);
        Assert.Empty(fixedDiagnostics);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task AnErrorInADependencyIsShownInTheDependencysFile()
    {
        using var workspace = new TempWorkspace();
        string main = "package a:main;\n\ninterface i {\n  use b:dep/d.{t};\n  f: func() -> t;\n}\n";
        string dep = "package b:dep;\n\ninterface d {\n  type t = missing;\n}\n";
        string mainPath = workspace.Write("p/main.wit", main);
        string depPath = workspace.Write("p/deps/dep/d.wit", dep);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(mainPath, main);
        var diagnostics = await client.DiagnosticsAsync(depPath, d => d.Count > 0);
        Assert.Equal(TextPositions.Of(dep, "missing"), diagnostics[0].Range.Start);
        Assert.Empty(await client.DiagnosticsAsync(mainPath));
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task UsesOfDeprecatedItemsAreWarningsWithTheDeprecatedTag()
    {
        using var workspace = new TempWorkspace();
        string text = "package a:b@0.2.0;\n\ninterface i {\n  @since(version = 0.1.0)\n  @deprecated(version = 0.2.0)\n  type old = u32;\n  f: func() -> old;\n}\n";
        string path = workspace.Write("p/a.wit", text);
        await using var client = await LspClient.StartAsync(workspace.Root);
        await client.OpenAsync(path, text);
        var diagnostics = await client.DiagnosticsAsync(path, d => d.Count > 0);
        var warning = Assert.Single(diagnostics, d => d.Code == "WIT0005" && d.Range.Start.Line == 6);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(new[] { DiagnosticTag.Deprecated }, warning.Tags);
        Assert.True(diagnostics.Count == 1, string.Join("\n", diagnostics.Select(d => d.Range.Start + " " + d.Message)));
        Assert.Equal(TextPositions.Of(text, "old;"), warning.Range.Start);
        Assert.Contains("deprecated since version 0.2.0", warning.Message);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task OpenDocumentsOverrideTheDisk()
    {
        using var workspace = new TempWorkspace();
        string path = workspace.Write("p/a.wit", "package a:b;\ninterface i { f: func() -> nope; }\n");
        string other = workspace.Write("p/b.wit", "interface j { use i.{t}; g: func() -> t; }\n");
        await using var client = await LspClient.StartAsync(workspace.Root);
        string edited = "package a:b;\ninterface i { type t = u32; }\n";
        await client.OpenAsync(path, edited);
        Assert.Empty(await client.DiagnosticsAsync(path, d => d.Count == 0));
        Assert.Equal(0, await client.ShutdownAsync());
        _ = other;
    }
}

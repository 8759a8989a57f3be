using System.Linq;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>
/// What generated members say about themselves (issue 11 items 7 and 8): every method that throws
/// <c>WitException&lt;E&gt;</c> documents it with an <c>&lt;exception&gt;</c> (imports, import and export contract
/// members, resource constructors and methods on both sides), and <c>@deprecated</c> WIT items are <c>[Obsolete]</c>
/// without the generated code warning about its own uses of them. Compiled with documentation checked (as
/// <c>GenerateDocumentationFile</c> does): no warning.
/// </summary>
public sealed class MemberAnnotationsTests
{
    private const string Wit = """
package demo:notes@1.0.0;

interface api {
    resource conn {
        constructor(url: string) -> result<conn, string>;
        send: func(data: list<u8>) -> result<u32, error>;
    }
    record error { code: u32 }
    parse: func(text: string) -> result<u32, error>;
    check: func() -> result<u32>;

    @since(version = 1.0.0)
    @deprecated(version = 1.0.0)
    record old-point { x: u32 }

    @since(version = 1.0.0)
    @deprecated(version = 1.0.0)
    old: func(p: old-point) -> u32;
}

interface service {
    use api.{error};
    resource session {
        run: func() -> result<string, error>;
        @since(version = 1.0.0)
        @deprecated(version = 1.0.0)
        legacy: func();
    }
    handle: func(n: u32) -> result<_, string>;
}

world notes {
    import api;
    export service;
}
""";

    private static string Generate()
    {
        var load = WitLoader.LoadText("notes.wit", Wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        var result = GuestCompiler.Generate(load, GuestCompiler.Worlds(load).Single().Id, stubs: true);
        var sources = result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).ToList();
        foreach (var target in new[] { Target.Net10, Target.Net8 })
        {
            var (problems, _) = GuestCompiler.Compile(sources, target: target, documentation: true);
            Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        }
        return GuestGeneratorTests.Bindings(result);
    }

    private const string Thrown = "/// <exception cref=\"global::Wit.WitException{E}\">The WIT function returned <c>err</c>; the exception's <c>Value</c> is the ";
    private const string Implemented = "/// <exception cref=\"global::Wit.WitException{E}\">Throw it with a ";

    [Fact]
    public void Methods_throwing_wit_exceptions_document_them()
    {
        string code = Generate();
        // an import, the import contract's member, both resource members of the import side
        Assert.Contains(Thrown + "<see cref=\"global::Wit.Demo.Notes.Api.Error\"/>.</exception>\n        public static uint Parse(string text)", code);
        Assert.Contains(Implemented + "<see cref=\"global::Wit.Demo.Notes.Api.Error\"/> to return <c>err</c> with that value.</exception>\n            uint Parse(string text);", code);
        Assert.Contains(Thrown + "<c>string</c>.</exception>\n            public Conn(string url)", code);
        Assert.Contains(Thrown + "<see cref=\"global::Wit.Demo.Notes.Api.Error\"/>.</exception>\n            public unsafe uint Send(", code);
        // `result<u32>`: an error without a value
        Assert.Contains("<exception cref=\"global::Wit.WitException{E}\">The WIT function returned <c>err</c>.</exception>\n        public static uint Check()", code);
        // the export contract and the exported resource, which the user implements
        Assert.Contains(Implemented + "<c>string</c> to return <c>err</c> with that value.</exception>\n            [global::Wit.WitFunction(\"handle\"", code);
        Assert.Contains(Implemented + "<see cref=\"global::Wit.Demo.Notes.Api.Error\"/> to return <c>err</c> with that value.</exception>\n            [global::Wit.WitFunction(\"[method]session.run\"", code);
    }

    [Fact]
    public void Deprecated_items_are_obsolete()
    {
        string code = Generate();
        Assert.Contains("[global::System.Obsolete(\"WIT type `demo:notes/api@1.0.0.old-point` is deprecated since version 1.0.0\")]\n        public sealed record OldPoint(uint X);", code);
        Assert.Contains("[global::System.Obsolete(\"WIT function `demo:notes/api@1.0.0#old` is deprecated since version 1.0.0\")]\n        public static uint Old(", code);
        Assert.Contains("[global::System.Obsolete(\"WIT function `demo:notes/service@1.0.0#[method]session.legacy` is deprecated since version 1.0.0\")]\n            [global::Wit.WitFunction(\"[method]session.legacy\"", code);
        // generated code (and the stubs overriding the deprecated method) uses them without a warning: Generate() compiled it
        Assert.Contains("#pragma warning disable CS1591, CS0618, CS0672", code);
    }
}

using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>Generator behaviour on small inline worlds: errors, names, determinism.</summary>
public sealed class GuestGeneratorTests
{
    private static (LoadResult Load, WorldId World) LoadText(string text)
    {
        var load = WitLoader.LoadText("test.wit", text, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        return (load, GuestCompiler.Worlds(load).First().Id);
    }

    /// <summary>All C# bindings of a world (interface files and the world class) as one text.</summary>
    internal static string Bindings(GuestResult result) =>
        string.Join("\n", result.Files.Where(f => f.Kind == GuestFileKind.Bindings).Select(f => f.Text));

    [Fact]
    public void VeryDeepTypesAreRejectedWithoutOverflowingTheStack()
    {
        // 2,000 levels through aliases (the parser bounds nesting within one type expression)
        string chain = string.Concat(Enumerable.Range(1, 2000).Select(i => $"    type t{i} = list<t{i - 1}>;\n"));
        var (load, world) = LoadText($"package a:b;\ninterface i {{\n    type t0 = u8;\n{chain}    record deep {{ x: t2000 }}\n}}\nworld w {{ import i; }}\n");
        var result = GuestGenerator.Generate(load.Resolve!, world, new GuestOptions());
        Assert.False(result.Success);
        Assert.Equal("test.wit:503:10: type `t500`: type nesting too deep (more than 500 levels) for the C# guest bindings (and 1501 more types)", GuestCompiler.Errors(result, load.Resolve!).Single());
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        const string wit = "package a:b;\ninterface i {\n    record r { x: string }\n    f: func(v: r) -> list<r>;\n}\nworld w { import i; export i2: interface { g: func() -> string; } }\n";
        var (load1, w1) = LoadText(wit);
        var (load2, w2) = LoadText(wit);
        var first = GuestGenerator.Generate(load1.Resolve!, w1, new GuestOptions { Stubs = true });
        var second = GuestGenerator.Generate(load2.Resolve!, w2, new GuestOptions { Stubs = true });
        Assert.Equal(first.Files.Select(f => f.Name + "\n" + f.Text), second.Files.Select(f => f.Name + "\n" + f.Text));
        Assert.Equal(new[] { "A.B.I.cs", "A.B.I.Imports.cs", "A.B.WWorld.cs", "A.B.WWorld.Stubs.cs", "WitRuntime.cs", "w.wit" }, first.Files.Select(f => f.Name));
        var (problems, _) = GuestCompiler.Compile(first.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    [Fact]
    public void NamesCollidingWithTheirContainerOrCSharpGetPrefixedOrEscaped()
    {
        const string wit = "package a:b;\ninterface error {\n    resource error { to-string: func() -> string; get-type: func() -> u8; }\n    record %record { %record: u8, %class: u8, to-string: u8 }\n    variant value { value(u8), payload(u16), item }\n    %string: func(%in: string, %out: u32) -> %record;\n}\nworld w { import error; }\n";
        var (load, world) = LoadText(wit);
        var result = GuestGenerator.Generate(load.Resolve!, world, new GuestOptions { RootNamespace = "My.Root" });
        Assert.True(result.Success, string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        string code = Bindings(result);
        Assert.Contains("public static partial class Error", code);
        Assert.Contains("public sealed class WitError : global::System.IDisposable", code);
        Assert.Contains("public string WitToString()", code);
        Assert.Contains("public byte WitGetType()", code);
        Assert.Contains("public sealed record Record(byte WitRecord, byte Class, byte WitToString);", code);
        Assert.Contains("public abstract record Value", code);
        Assert.Contains("public sealed record WitValue(byte Value) : Value;", code);
        Assert.Contains("String(string @in, uint @out)", code);
        var (problems, _) = GuestCompiler.Compile(result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    [Theory]
    [InlineData(ResultMapping.Exceptions)]
    [InlineData(ResultMapping.Result)]
    public void WorldLevelResourcesAndFallibleConstructorsCompile(ResultMapping mapping)
    {
        const string wit = "package a:b;\ninterface i {\n    resource conn {\n        constructor(url: string) -> result<conn, string>;\n        send: func(other: borrow<conn>, moved: own<conn>) -> result<_, string>;\n    }\n}\nworld w {\n    import i;\n    resource clock {\n        constructor();\n        now: func() -> u64;\n        make: static func() -> clock;\n    }\n    import tick: func(c: borrow<clock>) -> clock;\n}\n";
        var (load, world) = LoadText(wit);
        var result = GuestGenerator.Generate(load.Resolve!, world, new GuestOptions { ResultMapping = mapping });
        Assert.True(result.Success, string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        string code = Bindings(result);
        Assert.Contains("public Conn(string url) : this(", code);
        Assert.Contains("EntryPoint = \"[constructor]clock\"", code);
        Assert.Contains("DllImport(\"$root\", EntryPoint = \"[method]clock.now\")", code);
        Assert.Contains("public static global::Wit.A.B.WWorld.Clock Make()", code);
        Assert.Contains("public static global::Wit.A.B.WWorld.Clock Tick(global::Wit.A.B.WWorld.Clock c)", code);
        var (problems, _) = GuestCompiler.Compile(result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }
}

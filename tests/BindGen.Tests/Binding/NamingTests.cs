using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Tests.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Binding;

/// <summary>
/// The naming rule (docs/type-mapping.md, "Names"): WIT kebab-case to PascalCase/camelCase with acronyms written as
/// words, and every collision class C# has resolved deterministically (a "Wit" prefix, then a number). Each case is
/// generated and compiled with warnings reported: a collision the rule missed is a compile error.
/// </summary>
public sealed class NamingTests
{
    [Theory]
    [InlineData("output-stream", "OutputStream", "outputStream")]
    [InlineData("DNS-timeout", "DnsTimeout", "dnsTimeout")]
    [InlineData("HTTP", "Http", "http")]
    [InlineData("destination-IP-prohibited", "DestinationIPProhibited", "destinationIPProhibited")]
    [InlineData("IO-error", "IOError", "ioError")]
    [InlineData("tls-v1-3", "TlsV13", "tlsV13")]
    [InlineData("class", "Class", "@class")]
    [InlineData("value", "Value", "@value")]
    [InlineData("a", "A", "a")]
    public void Kebab_case_becomes_pascal_and_camel_case(string wit, string pascal, string camel)
    {
        Assert.Equal(pascal, CSharpNames.Pascal(wit));
        Assert.Equal(camel, CSharpNames.Camel(wit));
    }

    [Fact]
    public void A_scope_prefixes_then_numbers_names_taken_or_equal_to_its_owner()
    {
        var scope = new NameScope("Owner", "Reserved");
        Assert.Equal("Owner2", scope.Claim("Owner2"));
        Assert.Equal("WitOwner", scope.Claim("Owner"));
        Assert.Equal("WitReserved", scope.Claim("Reserved"));
        Assert.Equal("WitToString", scope.Claim("ToString"));
        Assert.Equal("Name", scope.Claim("Name"));
        Assert.Equal("WitName", scope.Claim("Name"));
        Assert.Equal("WitName2", scope.Claim("Name"));
    }

    public static TheoryData<string, string, string[]> Collisions => new()
    {
        {
            "a function named like its interface, imported and exported (CS0542)",
            "interface greet { greet: func(name: string) -> string; }\nworld w { import greet; export greet; }",
            new[] { "public static string WitGreet(string name)", "string Greet(string name);" }
        },
        {
            "a type and a function of one interface whose names meet in C# (acronyms)",
            "interface i { record http-error { x: u8 } HTTP-error: func() -> http-error; }\nworld w { import i; }",
            new[] { "public sealed record HttpError(byte X);", "public static global::Wit.A.B.I.HttpError WitHttpError()" }
        },
        {
            "a field, case, member or method named like its type",
            "interface i {\n  record point { point: u32 }\n  variant shape { shape(u32), none }\n  enum color { color, red }\n  flags perms { perms, read }\n  resource handle { handle: func() -> u32; }\n}\nworld w { import i; }",
            new[] { "record Point(uint WitPoint)", "record WitShape(uint Value) : Shape", "WitColor = 0,", "WitPerms = 1,", "public uint WitHandle()" }
        },
        {
            "a variant case named like the payload property",
            "interface i { variant v { value(u8), payload(u16), item(u32), wit-value(u64) } }\nworld w { import i; }",
            new[] { "record Value(byte WitValue2) : V;", "record Payload(ushort WitValue2) : V;", "record WitValue(ulong WitValue2) : V;" }
        },
        {
            "members records and resources declare themselves",
            "interface i {\n  record r { equality-contract: u8, to-string: u8, deconstruct: u8 }\n  resource h { dispose: func(); wit-take-handle: func(); }\n}\nworld w { import i; }",
            new[] { "record R(byte WitEqualityContract, byte WitToString, byte WitDeconstruct);", "public void WitDispose()", "public void WitWitTakeHandle()" }
        },
        {
            "keywords as parameters and acronyms meeting plain words",
            "interface i { enum proto { HTTP, http, HTTPS } f: func(class: u8, in: u8, value: u8); }\nworld w { import i; }",
            new[] { "Http = 0,", "WitHttp = 1,", "Https = 2,", "F(byte @class, byte @in, byte @value)" }
        },
        {
            "System names stay shadowed safely (everything generated is global::-qualified)",
            "interface system { record object { %string: string } type exception = u32; f: func(e: exception) -> object; }\nworld w { import system; }",
            new[] { "public static partial class System", "record Object(string String);" }
        },
        {
            "a constructor and a function both wanting CreateR in the export contract",
            "interface i { resource batch { constructor(); } create-batch: func() -> batch; }\nworld w { export i; }",
            new[] { "global::Wit.A.B.I.Batch CreateBatch();", "global::Wit.A.B.I.Batch WitCreateBatch();" }
        },
        {
            "an interface named like the world class and a world function named like the world",
            "interface w-world { f: func(); }\nworld w { import w-world; import w: func(); }",
            new[] { "public static partial class WWorld", "public static partial class WitWWorld", "public static void W()" }
        },
        {
            "an interface named like its codec class",
            "interface i { record abi { x: list<string> } record exports { y: list<string> } }\nworld w { import i; export i; }",
            new[] { "record Abi(string[] X)", "record Exports(string[] Y)", "internal static partial class WitAbi" }
        },
    };

    [Theory]
    [MemberData(nameof(Collisions))]
    public void Collisions_are_renamed_and_compile(string what, string wit, string[] expected)
    {
        var load = WitLoader.LoadText("names.wit", "package a:b;\n" + wit + "\n", FeatureSet.None);
        Assert.True(load.Success, what + ": " + string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        var world = GuestCompiler.Worlds(load).Single().Id;
        var result = GuestGenerator.Generate(load.Resolve!, world, new GuestOptions { Stubs = true });
        Assert.True(result.Success, what + ": " + string.Join("\n", GuestCompiler.Errors(result, load.Resolve!)));
        string code = GuestGeneratorTests.Bindings(result);
        foreach (var text in expected) Assert.True(code.Contains(text), what + ": expected `" + text + "` in\n" + code);
        var (problems, _) = GuestCompiler.Compile(result.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text));
        Assert.True(problems.Count == 0, what + ": " + GuestCompiler.Describe(problems));
    }
}

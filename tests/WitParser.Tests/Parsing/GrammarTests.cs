using System.Linq;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Tests.TestSupport;

namespace WitTools.WitParser.Tests.Parsing;

/// <summary>Every grammar rule parses into the expected AST shape.</summary>
public class GrammarTests
{
    private static InterfaceSyntax SingleInterface(string body)
    {
        var tree = ParseHelper.ParseValid("package t:t;\ninterface i {\n" + body + "\n}\n");
        return Assert.IsType<InterfaceSyntax>(Assert.Single(tree.Items));
    }

    private static TypeSyntax AliasType(string type)
    {
        var iface = SingleInterface($"type x = {type};");
        return Assert.IsType<TypeDefSyntax>(Assert.Single(iface.Items)).Type;
    }

    private static WorldSyntax SingleWorld(string body)
    {
        var tree = ParseHelper.ParseValid("package t:t;\nworld w {\n" + body + "\n}\n");
        return Assert.IsType<WorldSyntax>(Assert.Single(tree.Items));
    }

    [Fact]
    public void EmptyFileHasNoPackageAndNoItems()
    {
        var tree = ParseHelper.ParseValid("");
        Assert.Null(tree.Package);
        Assert.Empty(tree.Items);
    }

    [Theory]
    [InlineData("package a:b;", "a:b")]
    [InlineData("package a:b@1.0.0;", "a:b@1.0.0")]
    [InlineData("package wasi:http@0.2.0-rc-2023-11-10;", "wasi:http@0.2.0-rc-2023-11-10")]
    [InlineData("package a:b@1.2.3-alpha.1+build.5;", "a:b@1.2.3-alpha.1+build.5")]
    [InlineData("package a:b@1.2.3+20240101;", "a:b@1.2.3+20240101")]
    [InlineData("package %interface:%world;", "interface:world")]
    public void PackageHeader(string text, string expected)
    {
        var tree = ParseHelper.ParseValid(text);
        Assert.Equal(expected, tree.Package!.ToString());
        Assert.Empty(tree.Items);
    }

    [Fact]
    public void PackageVersionParts()
    {
        var version = ParseHelper.ParseValid("package a:b@1.2.3-rc.1+meta;").Package!.Version!;
        Assert.Equal(1UL, version.Major);
        Assert.Equal(2UL, version.Minor);
        Assert.Equal(3UL, version.Patch);
        Assert.Equal("rc.1", version.Pre);
        Assert.Equal("meta", version.Build);
    }

    [Fact]
    public void PackageNameSpanCoversVersion()
    {
        var result = ParseHelper.Parse("package a:b@1.0.0;");
        var name = result.Tree.Package!;
        Assert.Equal(8, name.Span.Start);
        Assert.Equal(17, name.Span.End);
        Assert.Equal(12, name.VersionSpan.Start);
    }

    [Fact]
    public void NestedPackagesAfterHeader()
    {
        var tree = ParseHelper.ParseValid("""
            package root:main;
            package dep:one@1.0.0 {
              interface i { f: func(); }
            }
            package dep:two { world w {} }
            interface local {}
            """);
        Assert.Equal("root:main", tree.Package!.ToString());
        var nested = tree.NestedPackages.ToList();
        Assert.Equal(2, nested.Count);
        Assert.Equal("dep:one@1.0.0", nested[0].Name.ToString());
        Assert.IsType<InterfaceSyntax>(Assert.Single(nested[0].Items));
        Assert.IsType<WorldSyntax>(Assert.Single(nested[1].Items));
        Assert.IsType<InterfaceSyntax>(tree.Items[2]);
    }

    [Fact]
    public void FileStartingWithNestedPackageHasNoHeader()
    {
        var tree = ParseHelper.ParseValid("package a:b { interface i {} }\npackage c:d {}");
        Assert.Null(tree.Package);
        Assert.Equal(2, tree.NestedPackages.Count());
    }

    [Fact]
    public void ToplevelUse()
    {
        var tree = ParseHelper.ParseValid("package a:b;\nuse c:d/e@1.0.0 as f;\nuse local;\n");
        var first = Assert.IsType<ToplevelUseSyntax>(tree.Items[0]);
        Assert.Equal("c:d@1.0.0", first.Item.Package!.ToString());
        Assert.Equal("e", first.Item.Name.Name);
        Assert.Equal("f", first.As!.Value.Name);
        var second = Assert.IsType<ToplevelUseSyntax>(tree.Items[1]);
        Assert.True(second.Item.IsLocal);
        Assert.Null(second.As);
    }

    [Fact]
    public void InterfaceUse()
    {
        var iface = SingleInterface("use other.{a, b as c};\nuse x:y/z@2.0.0.{t};\nuse empty.{};");
        var use1 = Assert.IsType<UseSyntax>(iface.Items[0]);
        Assert.Equal("other", use1.From.Name.Name);
        Assert.Equal(new[] { "a", "b" }, use1.Names.Select(n => n.Name.Name));
        Assert.Equal("c", use1.Names[1].As!.Value.Name);
        var use2 = Assert.IsType<UseSyntax>(iface.Items[1]);
        Assert.Equal("x:y@2.0.0", use2.From.Package!.ToString());
        Assert.Equal("z", use2.From.Name.Name);
        Assert.Empty(Assert.IsType<UseSyntax>(iface.Items[2]).Names);
    }

    [Fact]
    public void UsePathVersionFollowedByPeriodBrace()
    {
        var iface = SingleInterface("use a:b/c@1.0.0-pre.{t};");
        var use = Assert.IsType<UseSyntax>(Assert.Single(iface.Items));
        Assert.Equal("1.0.0-pre", use.From.Package!.Version!.ToString());
    }

    [Theory]
    [InlineData("bool", PrimitiveTypeKind.Bool)]
    [InlineData("u8", PrimitiveTypeKind.U8)]
    [InlineData("u16", PrimitiveTypeKind.U16)]
    [InlineData("u32", PrimitiveTypeKind.U32)]
    [InlineData("u64", PrimitiveTypeKind.U64)]
    [InlineData("s8", PrimitiveTypeKind.S8)]
    [InlineData("s16", PrimitiveTypeKind.S16)]
    [InlineData("s32", PrimitiveTypeKind.S32)]
    [InlineData("s64", PrimitiveTypeKind.S64)]
    [InlineData("f32", PrimitiveTypeKind.F32)]
    [InlineData("f64", PrimitiveTypeKind.F64)]
    [InlineData("char", PrimitiveTypeKind.Char)]
    [InlineData("string", PrimitiveTypeKind.String)]
    [InlineData("error-context", PrimitiveTypeKind.ErrorContext)]
    public void PrimitiveTypes(string text, PrimitiveTypeKind kind)
    {
        Assert.Equal(kind, Assert.IsType<PrimitiveTypeSyntax>(AliasType(text)).Kind);
    }

    [Fact]
    public void OldFloatNamesAreOrdinaryNames()
    {
        Assert.Equal("float32", Assert.IsType<NamedTypeSyntax>(AliasType("float32")).Name.Name);
    }

    [Fact]
    public void ListAndFixedLengthList()
    {
        var list = Assert.IsType<ListTypeSyntax>(AliasType("list<u8>"));
        Assert.IsType<PrimitiveTypeSyntax>(list.Element);
        var fixedList = Assert.IsType<FixedLengthListTypeSyntax>(AliasType("list<string, 4>"));
        Assert.Equal(4u, fixedList.Size);
    }

    [Fact]
    public void MapOptionTupleFutureStream()
    {
        var map = Assert.IsType<MapTypeSyntax>(AliasType("map<string, list<u8>>"));
        Assert.IsType<ListTypeSyntax>(map.Value);
        Assert.IsType<OptionTypeSyntax>(AliasType("option<u32>"));
        Assert.Equal(3, Assert.IsType<TupleTypeSyntax>(AliasType("tuple<u8, string, bool>")).Types.Count);
        Assert.Empty(Assert.IsType<TupleTypeSyntax>(AliasType("tuple<>")).Types);
        Assert.Equal(2, Assert.IsType<TupleTypeSyntax>(AliasType("tuple<u8, u8,>")).Types.Count);
        Assert.Null(Assert.IsType<FutureTypeSyntax>(AliasType("future")).Type);
        Assert.NotNull(Assert.IsType<FutureTypeSyntax>(AliasType("future<u8>")).Type);
        Assert.Null(Assert.IsType<StreamTypeSyntax>(AliasType("stream")).Type);
        Assert.NotNull(Assert.IsType<StreamTypeSyntax>(AliasType("stream<u8>")).Type);
    }

    [Theory]
    [InlineData("result", false, false)]
    [InlineData("result<u32>", true, false)]
    [InlineData("result<_, string>", false, true)]
    [InlineData("result<u32, string>", true, true)]
    public void ResultForms(string text, bool hasOk, bool hasErr)
    {
        var result = Assert.IsType<ResultTypeSyntax>(AliasType(text));
        Assert.Equal(hasOk, result.Ok != null);
        Assert.Equal(hasErr, result.Err != null);
    }

    [Fact]
    public void Handles()
    {
        var own = Assert.IsType<HandleTypeSyntax>(AliasType("own<r>"));
        Assert.Equal(HandleKind.Own, own.Kind);
        Assert.Equal("r", own.Resource.Name);
        Assert.Equal(own.Resource.Span, own.Span);
        Assert.Equal(HandleKind.Borrow, Assert.IsType<HandleTypeSyntax>(AliasType("borrow<r>")).Kind);
    }

    [Fact]
    public void NamedAndEscapedTypes()
    {
        Assert.Equal("my-type", Assert.IsType<NamedTypeSyntax>(AliasType("my-type")).Name.Name);
        Assert.Equal("record", Assert.IsType<NamedTypeSyntax>(AliasType("%record")).Name.Name);
    }

    [Fact]
    public void RecordFlagsVariantEnum()
    {
        var iface = SingleInterface("""
            record r { a: u32, b: string, }
            flags f { read, write }
            variant v { none, some(u32), }
            enum e { x, y, z }
            record empty {}
            """);
        var defs = iface.Items.Cast<TypeDefSyntax>().ToList();
        var record = Assert.IsType<RecordTypeSyntax>(defs[0].Type);
        Assert.Equal(new[] { "a", "b" }, record.Fields.Select(f => f.Name.Name));
        Assert.Equal(defs[0].Name.Span, record.Span);
        Assert.Equal(2, Assert.IsType<FlagsTypeSyntax>(defs[1].Type).Flags.Count);
        var variant = Assert.IsType<VariantTypeSyntax>(defs[2].Type);
        Assert.Null(variant.Cases[0].Type);
        Assert.NotNull(variant.Cases[1].Type);
        Assert.Equal(3, Assert.IsType<EnumTypeSyntax>(defs[3].Type).Cases.Count);
        Assert.Empty(Assert.IsType<RecordTypeSyntax>(defs[4].Type).Fields);
    }

    [Fact]
    public void Resources()
    {
        var iface = SingleInterface("""
            resource plain;
            resource empty {}
            resource file {
              constructor(path: string);
              read: func(n: u32) -> list<u8>;
              open: static func(p: string) -> result<file>;
              wait: async func();
              make: static async func() -> file;
            }
            """);
        var defs = iface.Items.Cast<TypeDefSyntax>().ToList();
        Assert.Empty(Assert.IsType<ResourceTypeSyntax>(defs[0].Type).Funcs);
        Assert.Empty(Assert.IsType<ResourceTypeSyntax>(defs[1].Type).Funcs);
        var funcs = Assert.IsType<ResourceTypeSyntax>(defs[2].Type).Funcs;
        Assert.Equal(
            new[] { ResourceFuncKind.Constructor, ResourceFuncKind.Method, ResourceFuncKind.Static, ResourceFuncKind.Method, ResourceFuncKind.Static },
            funcs.Select(f => f.Kind));
        Assert.Equal("constructor", funcs[0].Func.Name.Name);
        Assert.Single(funcs[0].Func.Func.Params);
        Assert.True(funcs[3].Func.Func.IsAsync);
        Assert.True(funcs[4].Func.Func.IsAsync);
    }

    [Fact]
    public void ConstructorWithResult()
    {
        var iface = SingleInterface("resource r { constructor() -> result<r, string>; }");
        var ctor = Assert.IsType<ResourceTypeSyntax>(Assert.IsType<TypeDefSyntax>(iface.Items[0]).Type).Funcs[0];
        Assert.IsType<ResultTypeSyntax>(ctor.Func.Func.Result);
    }

    [Fact]
    public void Functions()
    {
        var iface = SingleInterface("""
            a: func();
            b: func(x: u32, y: list<string>,) -> option<u8>;
            c: async func() -> string;
            %type: func(%func: u32);
            """);
        var funcs = iface.Items.Cast<NamedFuncSyntax>().ToList();
        Assert.Empty(funcs[0].Func.Params);
        Assert.Null(funcs[0].Func.Result);
        Assert.Equal(new[] { "x", "y" }, funcs[1].Func.Params.Select(p => p.Name.Name));
        Assert.IsType<OptionTypeSyntax>(funcs[1].Func.Result);
        Assert.True(funcs[2].Func.IsAsync);
        Assert.False(funcs[1].Func.IsAsync);
        Assert.Equal("type", funcs[3].Name.Name);
        Assert.Equal("func", funcs[3].Func.Params[0].Name.Name);
    }

    [Fact]
    public void FuncSpanIsTheFuncKeyword()
    {
        var result = ParseHelper.Parse("interface i { f: func(); }");
        var func = Assert.IsType<NamedFuncSyntax>(Assert.IsType<InterfaceSyntax>(result.Tree.Items[0]).Items[0]).Func;
        Assert.Equal(17, func.Span.Start);
        Assert.Equal(21, func.Span.End);
    }

    [Fact]
    public void WorldImportsAndExports()
    {
        var world = SingleWorld("""
            import local-iface;
            import wasi:io/streams@0.2.0;
            import f: func(a: u32) -> u32;
            import g: async func();
            export inline: interface {
              use local-iface.{t};
              type x = u32;
              h: func();
            }
            import label: local-iface;
            import other-label: wasi:io/poll@0.2.0;
            export e: wasi:cli/run;
            """);
        var externs = world.Items.Cast<WorldExternSyntax>().ToList();
        Assert.True(Assert.IsType<PathExternSyntax>(externs[0].Kind).Path.IsLocal);
        var qualified = Assert.IsType<PathExternSyntax>(externs[1].Kind);
        Assert.Equal("wasi:io@0.2.0", qualified.Path.Package!.ToString());
        Assert.Equal("streams", qualified.Path.Name.Name);
        Assert.Equal(qualified.Path.Name.Span, qualified.Span);
        Assert.Equal("f", Assert.IsType<FuncExternSyntax>(externs[2].Kind).Name.Name);
        Assert.True(Assert.IsType<FuncExternSyntax>(externs[3].Kind).Func.IsAsync);
        var inline = Assert.IsType<InterfaceExternSyntax>(externs[4].Kind);
        Assert.IsType<ExportSyntax>(externs[4]);
        Assert.Equal(3, inline.Items.Count);
        var named = Assert.IsType<NamedPathExternSyntax>(externs[5].Kind);
        Assert.Equal("label", named.Name.Name);
        Assert.True(named.Path.IsLocal);
        var namedQualified = Assert.IsType<NamedPathExternSyntax>(externs[6].Kind);
        Assert.Equal("wasi:io@0.2.0", namedQualified.Path.Package!.ToString());
        Assert.IsType<NamedPathExternSyntax>(externs[7].Kind);
    }

    [Fact]
    public void WorldTypesUsesAndIncludes()
    {
        var world = SingleWorld("""
            use types.{a};
            type t = u32;
            record r { x: u8 }
            flags f { a }
            variant v { a }
            enum e { a }
            resource res;
            include other;
            include x:y/z@1.0.0 with { a as b, c as d }
            include third with {}
            """);
        Assert.IsType<UseSyntax>(world.Items[0]);
        Assert.Equal(6, world.Items.Skip(1).Take(6).OfType<TypeDefSyntax>().Count());
        var include = Assert.IsType<IncludeSyntax>(world.Items[7]);
        Assert.Empty(include.Names);
        var renamed = Assert.IsType<IncludeSyntax>(world.Items[8]);
        Assert.Equal(new[] { "b", "d" }, renamed.Names.Select(n => n.As.Name));
        Assert.Empty(Assert.IsType<IncludeSyntax>(world.Items[9]).Names);
    }

    [Fact]
    public void Attributes()
    {
        var tree = ParseHelper.ParseValid("""
            package a:b@2.0.0;
            @since(version = 1.0.0)
            @unstable(feature = fancy-thing)
            interface i {
              @deprecated(version = 1.5.0)
              f: func();
              @since(version = 1.1.0-pre)
              type t = u32;
            }
            @external-id("abc\u{41}\n")
            world w {
              @since(version = 1.0.0) import i;
              @unstable(feature = x) include other;
              @since(version = 1.0.0) use i.{t};
            }
            """);
        var iface = Assert.IsType<InterfaceSyntax>(tree.Items[0]);
        Assert.Equal("1.0.0", Assert.IsType<SinceAttributeSyntax>(iface.Attributes[0]).Version.ToString());
        Assert.Equal("fancy-thing", Assert.IsType<UnstableAttributeSyntax>(iface.Attributes[1]).Feature.Name);
        var f = Assert.IsType<NamedFuncSyntax>(iface.Items[0]);
        Assert.Equal("1.5.0", Assert.IsType<DeprecatedAttributeSyntax>(Assert.Single(f.Attributes)).Version.ToString());
        var world = Assert.IsType<WorldSyntax>(tree.Items[1]);
        Assert.Equal("abcA\n", Assert.IsType<ExternalIdAttributeSyntax>(Assert.Single(world.Attributes)).Id);
        Assert.All(world.Items, item => Assert.Single(item switch
        {
            WorldExternSyntax e => e.Attributes,
            IncludeSyntax inc => inc.Attributes,
            UseSyntax u => u.Attributes,
            _ => throw new System.InvalidOperationException(),
        }));
    }

    [Fact]
    public void AttributeSpanIsTheAttributeName()
    {
        var result = ParseHelper.Parse("@since(version = 1.0.0)\ninterface i {}");
        var since = Assert.IsType<InterfaceSyntax>(result.Tree.Items[0]).Attributes[0];
        Assert.Equal(1, since.Span.Start);
        Assert.Equal(6, since.Span.End);
    }

    [Fact]
    public void ExplicitIdentifiersDropThePercent()
    {
        var tree = ParseHelper.ParseValid("interface %world { %enum: func(); }");
        var iface = Assert.IsType<InterfaceSyntax>(tree.Items[0]);
        Assert.Equal("world", iface.Name.Name);
        Assert.Equal("enum", Assert.IsType<NamedFuncSyntax>(iface.Items[0]).Name.Name);
    }

    [Fact]
    public void CommentsAreSkippedEverywhere()
    {
        var tree = ParseHelper.ParseValid("""
            // header comment
            package /* inline */ a:b;
            interface i /* nested /* comment */ here */ {
              type x = list< // line
                u32 >;
            }
            """);
        Assert.Single(tree.Items);
    }

    [Fact]
    public void CrLfLineEndings()
    {
        var tree = ParseHelper.ParseValid("package a:b;\r\n/// doc\r\ninterface i {\r\n  f: func();\r\n}\r\n");
        var iface = Assert.IsType<InterfaceSyntax>(tree.Items[0]);
        Assert.Equal("doc", iface.Docs.Contents);
    }

    [Fact]
    public void NodeSpansAreGlobalOffsets()
    {
        var map = new WitTools.WitParser.Text.SourceMap();
        map.Add("first.wit", "package a:b;");
        var second = map.Add("second.wit", "interface i {}");
        var bag = new WitTools.WitParser.Diagnostics.DiagnosticBag();
        var tree = WitTools.WitParser.Parsing.Parser.Parse(second, bag);
        Assert.Empty(bag.Items);
        var iface = Assert.IsType<InterfaceSyntax>(tree.Items[0]);
        Assert.Equal(second.Offset + 10, iface.Name.Span.Start);
        Assert.Equal(second.Offset, iface.Span.Start);
        Assert.Equal(second.Offset + 14, iface.Span.End);
    }
}

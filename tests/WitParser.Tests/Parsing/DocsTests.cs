using System.Linq;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Tests.TestSupport;

namespace WitTools.WitParser.Tests.Parsing;

/// <summary>Comments before items become docs, normalized the way wit-parser's JSON shows them.</summary>
public class DocsTests
{
    private static string? InterfaceDocs(string docs) =>
        Assert.IsType<InterfaceSyntax>(ParseHelper.ParseValid(docs + "interface i {}").Items[0]).Docs.Contents;

    [Theory]
    [InlineData("/// hello\n", "hello")]
    [InlineData("/// hello\n/// world\n", "hello\nworld")]
    [InlineData("///hello\n", "hello")]
    [InlineData("//// four\n", "four")]
    [InlineData("/// a  \n", "a")]
    [InlineData("///   deeper\n/// base\n", "  deeper\nbase")]
    [InlineData("///\n/// after blank\n", "\nafter blank")]
    [InlineData("/// x\n///\n", "x")]
    [InlineData("/** block */\n", "block")]
    [InlineData("/**two\n   lines*/\n", "two\n   lines")]
    [InlineData("/**\n * a\n * b\n */\n", "\n * a\n * b")]
    [InlineData("// plain comments count too\n", "plain comments count too")]
    [InlineData("/* plain block */\n", "* plain block */")]
    [InlineData("// a\n/* b */\n", " a\n* b */")]
    [InlineData("/// crlf\r\n/// lines\r\n", "crlf\nlines")]
    [InlineData("/**/\n", "")]
    public void Normalization(string docs, string expected)
    {
        Assert.Equal(expected, InterfaceDocs(docs));
    }

    [Fact]
    public void NoCommentsMeansNullContents()
    {
        Assert.Null(InterfaceDocs(""));
        Assert.True(Docs.None.IsEmpty);
    }

    [Fact]
    public void DocsComeBeforeAttributesNotAfter()
    {
        Assert.Equal("doc", InterfaceDocs("/// doc\n@since(version = 1.0.0)\n/// not docs\n"));
    }

    [Fact]
    public void DocsSpanExcludesTrailingNewline()
    {
        var result = ParseHelper.Parse("/// a\n/// b\ninterface i {}");
        var docs = Assert.IsType<InterfaceSyntax>(result.Tree.Items[0]).Docs;
        Assert.Equal(0, docs.Span.Start);
        Assert.Equal(11, docs.Span.End);
        Assert.Equal(new[] { "/// a\n", "/// b\n" }, docs.Comments);
    }

    [Fact]
    public void DocsOnEveryDocumentedNode()
    {
        var tree = ParseHelper.ParseValid("""
            /// package
            package a:b;

            /// iface
            interface i {
              /// alias
              type t = u32;
              /// rec
              record r {
                /// field
                x: u32,
              }
              /// fl
              flags f {
                /// flag
                a,
              }
              /// var
              variant v {
                /// case
                c(u32),
              }
              /// en
              enum e {
                /// ecase
                k,
              }
              /// res
              resource res {
                /// ctor
                constructor();
                /// method
                m: func();
              }
              /// func
              f: func(/** param docs are dropped */ a: u32);
            }

            /// world
            world w {
              /// imp
              import i;
              /// exp
              export e: func();
              /// wtype
              type wt = u8;
            }
            """);
        Assert.Equal("package", tree.Package!.Docs.Contents);
        var iface = Assert.IsType<InterfaceSyntax>(tree.Items[0]);
        Assert.Equal("iface", iface.Docs.Contents);
        var defs = iface.Items.OfType<TypeDefSyntax>().ToList();
        Assert.Equal(new[] { "alias", "rec", "fl", "var", "en", "res" }, defs.Select(d => d.Docs.Contents));
        Assert.Equal("field", Assert.IsType<RecordTypeSyntax>(defs[1].Type).Fields[0].Docs.Contents);
        Assert.Equal("flag", Assert.IsType<FlagsTypeSyntax>(defs[2].Type).Flags[0].Docs.Contents);
        Assert.Equal("case", Assert.IsType<VariantTypeSyntax>(defs[3].Type).Cases[0].Docs.Contents);
        Assert.Equal("ecase", Assert.IsType<EnumTypeSyntax>(defs[4].Type).Cases[0].Docs.Contents);
        var funcs = Assert.IsType<ResourceTypeSyntax>(defs[5].Type).Funcs;
        Assert.Equal(new[] { "ctor", "method" }, funcs.Select(f => f.Func.Docs.Contents));
        Assert.Equal("func", iface.Items.OfType<NamedFuncSyntax>().Single().Docs.Contents);
        var world = Assert.IsType<WorldSyntax>(tree.Items[1]);
        Assert.Equal("world", world.Docs.Contents);
        Assert.Equal("imp", Assert.IsType<ImportSyntax>(world.Items[0]).Docs.Contents);
        Assert.Equal("exp", Assert.IsType<ExportSyntax>(world.Items[1]).Docs.Contents);
        Assert.Equal("wtype", Assert.IsType<TypeDefSyntax>(world.Items[2]).Docs.Contents);
    }

    [Fact]
    public void NestedPackageNameCarriesItsDocs()
    {
        var tree = ParseHelper.ParseValid("/// outer\npackage a:b { }\n/// second\npackage c:d { }");
        Assert.Null(tree.Package);
        Assert.Equal(new[] { "outer", "second" }, tree.NestedPackages.Select(p => p.Name.Docs.Contents));
    }
}

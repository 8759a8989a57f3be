using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WitTools.LanguageServer.Formatting;
using WitTools.LanguageServer.Workspace;
using WitTools.Tests.Shared;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Serialization;

namespace WitTools.LanguageServer.Tests.Formatting;

public class WitFormatterTests
{
    public static IEnumerable<object[]> CorpusPackages() =>
        Directory.EnumerateDirectories(WitCorpus.Root).SelectMany(Directory.EnumerateDirectories)
            .Select(dir => new object[] { Path.GetRelativePath(WitCorpus.Root, dir) });

    [Theory]
    [MemberData(nameof(CorpusPackages))]
    public void EveryCorpusPackageFormatsToTextResolvingToTheSameModel(string package)
    {
        string dir = Path.Combine(WitCorpus.Root, package);
        var formatted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir, "*.wit"))
        {
            string text = File.ReadAllText(file);
            var result = WitFormatter.Format(text);
            Assert.True(result.Text != null, file + ": " + result.Error);
            Assert.True(WitFormatter.SameTokens(text, result.Text!), file);
            Assert.Equal(result.Text, WitFormatter.Format(result.Text!).Text); // idempotent
            Assert.Equal(CommentCount(text), CommentCount(result.Text!));
            formatted[file] = result.Text!;
        }
        var before = WitLoader.Load(dir, FeatureSet.All);
        var after = WitLoader.Load(dir, FeatureSet.All, new OverlayFileSystem(formatted));
        Assert.True(before.Success, before.RenderDiagnostics());
        Assert.True(after.Success, after.RenderDiagnostics());
        Assert.Equal(ResolveJson.Serialize(before.Resolve!), ResolveJson.Serialize(after.Resolve!));
    }

    private static int CommentCount(string text) => text.Split("//").Length + text.Split("/*").Length;

    [Fact]
    public void CommentsStayWithTheirTokensAndBlockCommentsKeepTheirLines()
    {
        string text = "package a:b;\ninterface i {\n      /* block\n         keeps   these   lines */\n  type t = u32;   // why\n  // before f\n  f: func(); g: func();\n}\n";
        var result = WitFormatter.Format(text);
        Assert.Equal("package a:b;\ninterface i {\n  /* block\n         keeps   these   lines */\n  type t = u32; // why\n  // before f\n  f: func();\n  g: func();\n}\n", result.Text);
    }

    [Fact]
    public void PathsVersionsAttributesAndIncludesKeepTheirCompactForms()
    {
        string text = "package a:b@1.0.0-rc.1;\nworld w{include c:d/e@2.0.0 with {x as y}\n@since(version=1.0.0)\nimport n: c:d/e@2.0.0;\nuse c:d/e@2.0.0.{t, u as v};}\n";
        var result = WitFormatter.Format(text);
        Assert.Equal("package a:b@1.0.0-rc.1;\nworld w {\n  include c:d/e@2.0.0 with { x as y }\n  @since(version = 1.0.0)\n  import n: c:d/e@2.0.0;\n  use c:d/e@2.0.0.{t, u as v};\n}\n", result.Text);
    }

    [Fact]
    public void TextWithSyntaxErrorsIsNotFormatted()
    {
        var result = WitFormatter.Format("package a:b;\ninterface i { type x = list<u32; }\n");
        Assert.Null(result.Text);
        Assert.Contains("syntax errors", result.Error);
        Assert.NotNull(result.Diagnostic);
    }
}

using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Parsing;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.TestSupport;

/// <summary>Parses WIT snippets for tests and renders their diagnostics.</summary>
internal sealed class ParseResult
{
    public ParseResult(SyntaxTree tree, DiagnosticBag diagnostics, SourceMap map)
    {
        Tree = tree;
        Diagnostics = diagnostics;
        Map = map;
    }

    public SyntaxTree Tree { get; }
    public DiagnosticBag Diagnostics { get; }
    public SourceMap Map { get; }

    public string[] Messages => Diagnostics.Items.Select(d => d.Message).ToArray();

    /// <summary>`line:col message` of the first diagnostic.</summary>
    public string First
    {
        get
        {
            Assert.NotEmpty(Diagnostics.Items);
            var d = Diagnostics.Items[0];
            var loc = Map.Locate(d.Span)!.Value;
            return $"{loc.Line}:{loc.Column} {d.Message}";
        }
    }

    public string RenderFirst() => DiagnosticRenderer.Render(Diagnostics.Items[0], Map);
}

internal static class ParseHelper
{
    public static ParseResult Parse(string text, string path = "test.wit")
    {
        var map = new SourceMap();
        var file = map.Add(path, text);
        var bag = new DiagnosticBag();
        var tree = Parser.Parse(file, bag);
        return new ParseResult(tree, bag, map);
    }

    /// <summary>Parses text that must be free of errors.</summary>
    public static SyntaxTree ParseValid(string text)
    {
        var result = Parse(text);
        Assert.True(result.Diagnostics.Items.Count == 0,
            "unexpected diagnostics:\n" + string.Join("\n", result.Diagnostics.Items.Select(d => DiagnosticRenderer.Render(d, result.Map))));
        return result.Tree;
    }
}

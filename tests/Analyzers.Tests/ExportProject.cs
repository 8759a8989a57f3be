using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using WitTools.Analyzers.Diagnostics;

namespace WitTools.Analyzers.Tests;

/// <summary>A project exporting <see cref="TestWit.Shop"/>: the generator and the analyzer run over it the way
/// the compiler runs them, and every diagnostic (generator, compiler, analyzer) comes back in one list.</summary>
public static class ExportProject
{
    public const string WorldFile = "/proj/shop/ShopWorld.cs";
    public const string OrdersFile = "/proj/shop/Orders.cs";
    public const string ExportsFile = "/proj/shop/Exports.cs";

    public const string WorldPart = """
        namespace Demo.Demo.Shop;

        public static partial class ShopWorld
        {
            private static partial Orders.IOrders CreateOrders() => new OrdersImpl();
            private static partial IExports CreateExports() => new Exports();
        }
        """;

    public const string Orders = """
        namespace Demo.Demo.Shop;

        internal sealed class OrdersImpl : Orders.IOrders
        {
            public Orders.Cart CreateCart(string owner) => new MyCart();
            public ulong Place(Orders.Cart c) => c.Total();
        }

        internal sealed class MyCart : Orders.Cart
        {
            public override void Add(string sku, uint count) { }
            public override ulong Total() => 0;
        }
        """;

    public const string Exports = """
        namespace Demo.Demo.Shop;

        internal sealed class Exports : ShopWorld.IExports
        {
            public uint Ping(uint n) => n;
        }
        """;

    public static WitFile Wit => new(TestWit.ShopPath, TestWit.Shop, TestWit.ShopRoot);

    /// <summary>The user files of a complete, correct implementation.</summary>
    public static (string Path, string Text)[] Complete => new[] { (WorldFile, WorldPart), (OrdersFile, Orders), (ExportsFile, Exports) };

    /// <summary>The editor's view: the generator as IDEs drive it (no build-only outputs), so WIT0202 comes from the
    /// analyzer alone. The command-line view is <see cref="CommandLineHarness"/>.</summary>
    public static GeneratorHarness Harness(params (string Path, string Text)[] files) => CommandLineHarness(files).AsIde();

    /// <summary>The generator as the command-line compiler drives it (build-only outputs run).</summary>
    public static GeneratorHarness CommandLineHarness(params (string Path, string Text)[] files)
    {
        var harness = new GeneratorHarness(Wit);
        foreach (var (path, text) in files) harness.AddCSharp(path, text);
        return harness;
    }

    /// <summary>Generator diagnostics, then the compiler's and the analyzer's for the generated compilation.</summary>
    public static (List<Diagnostic> Diagnostics, Compilation Output) Build(params (string Path, string Text)[] files) => Build(Harness(files));

    public static (List<Diagnostic> Diagnostics, Compilation Output) Build(GeneratorHarness harness)
    {
        var (result, output) = harness.Run();
        Assert.Null(result.Exception);
        var all = result.Diagnostics.ToList();
        var analyzed = output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ExportContractAnalyzer()));
        all.AddRange(analyzed.GetAllDiagnosticsAsync().Result);
        return (all, output);
    }

    /// <summary>"path(line,col): id: message", 1-based, as the command line prints it.</summary>
    public static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        string where = d.Location == Location.None ? "" : $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): ";
        return $"{where}{d.Id}: {d.GetMessage()}";
    }

    public static string[] Describe(IEnumerable<Diagnostic> diagnostics, params string[] ids) =>
        diagnostics.Where(d => ids.Length == 0 ? d.Severity >= DiagnosticSeverity.Warning : ids.Contains(d.Id)).Select(Describe).OrderBy(s => s, System.StringComparer.Ordinal).ToArray();
}

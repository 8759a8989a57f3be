using System.Linq;
using Microsoft.CodeAnalysis;
using static WitTools.Analyzers.Tests.ExportProject;

namespace WitTools.Analyzers.Tests.Diagnostics;

/// <summary>
/// Issue 11: WIT0202 never appeared in a real `dotnet build`, because the command-line compiler stops before
/// analyzers once it has declaration errors, and a stale implementation always has one (CS0535/CS0534). The
/// generator reports the same WIT0202 as a build-only output; IDEs skip those and show the analyzer's.
/// </summary>
public class ContractCheckTests
{
    private static (string Path, string Text)[] Stale() => new[]
    {
        (WorldFile, WorldPart),
        (OrdersFile, Orders.Replace("public override void Add(string sku, uint count) { }", "public override void Add(string sku) { }")),
        (ExportsFile, Exports.Replace("uint Ping(uint n)", "int Ping(int n)")),
    };

    [Fact]
    public void The_command_line_generator_reports_what_the_analyzer_reports_in_the_editor()
    {
        var (result, _) = CommandLineHarness(Stale()).Run();
        var fromGenerator = result.Diagnostics.Where(d => d.Id == "WIT0202").Select(Describe).OrderBy(s => s, System.StringComparer.Ordinal).ToList();

        var (editor, _) = Build(Stale());
        var fromAnalyzer = editor.Where(d => d.Id == "WIT0202").Select(Describe).OrderBy(s => s, System.StringComparer.Ordinal).ToList();

        Assert.Equal(2, fromGenerator.Count);
        Assert.Equal(fromAnalyzer, fromGenerator);
        // in the editor the generator stays silent: one WIT0202 per problem, from the analyzer
        var (ide, _) = Harness(Stale()).Run();
        Assert.DoesNotContain(ide.Diagnostics, d => d.Id == "WIT0202");
        // the code fix reads its properties from either source alike
        var d = result.Diagnostics.First(x => x.Id == "WIT0202");
        Assert.Equal("public uint Ping(uint n)", d.Properties["Expected"]);
    }

    [Fact]
    public void A_correct_implementation_has_no_wit0202_from_the_generator()
    {
        var (result, _) = CommandLineHarness(Complete).Run();
        Assert.Empty(result.Diagnostics);
    }
}

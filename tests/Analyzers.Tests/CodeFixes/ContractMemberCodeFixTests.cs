using System.Linq;
using System.Threading.Tasks;
using WitTools.Analyzers.CodeFixes;
using static WitTools.Analyzers.Tests.ExportProject;

namespace WitTools.Analyzers.Tests.CodeFixes;

public class ContractMemberCodeFixTests
{
    [Fact]
    public async Task Adds_a_missing_interface_member()
    {
        var (title, files) = await CodeFixRunner.ApplyAsync(new ContractMemberCodeFix(), "WIT0202", "'OrdersImpl' does not implement",
            (WorldFile, WorldPart), (OrdersFile, Orders.Replace("    public ulong Place(Orders.Cart c) => c.Total();\n", "")), (ExportsFile, Exports));

        Assert.Equal("Add 'public ulong Place(Orders.Cart c)'", title);
        var orders = files.Single(f => f.Path == OrdersFile).Text;
        Assert.Contains("    public ulong Place(Orders.Cart c) => throw new System.NotImplementedException();\n}", orders.Replace("\r\n", "\n"));
        Assert.Empty(CodeFixRunner.Problems(files));
    }

    [Fact]
    public async Task Adds_the_override_after_the_stale_method()
    {
        var stale = Orders.Replace("public override void Add(string sku, uint count) { }", "public void Add(string sku) { }");
        var (_, files) = await CodeFixRunner.ApplyAsync(new ContractMemberCodeFix(), "WIT0202", "'void MyCart.Add(string sku)' does not match",
            (WorldFile, WorldPart), (OrdersFile, stale), (ExportsFile, Exports));

        var orders = files.Single(f => f.Path == OrdersFile).Text.Replace("\r\n", "\n");
        Assert.Contains("    public void Add(string sku) { }\n\n    public override void Add(string sku, uint count) => throw new System.NotImplementedException();\n    public override ulong Total() => 0;\n", orders);
        Assert.Empty(CodeFixRunner.Problems(files));
    }
}

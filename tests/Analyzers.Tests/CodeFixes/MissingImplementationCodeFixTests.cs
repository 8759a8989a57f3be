using System.Linq;
using System.Threading.Tasks;
using WitTools.Analyzers.CodeFixes;
using static WitTools.Analyzers.Tests.ExportProject;

namespace WitTools.Analyzers.Tests.CodeFixes;

public class MissingImplementationCodeFixTests
{
    [Fact]
    public async Task Adds_the_factory_returning_the_existing_implementation()
    {
        var (title, files) = await CodeFixRunner.ApplyAsync(new MissingImplementationCodeFix(), "WIT0201", "world 'shop' exports 'demo:shop/orders@0.2.0'",
            (WorldFile, "namespace Demo.Demo.Shop;\n\nstatic partial class ShopWorld\n{\n    private static partial IExports CreateExports() => new Exports();\n}\n"),
            (OrdersFile, Orders), (ExportsFile, Exports));

        Assert.Equal("Add CreateOrders() to partial class ShopWorld", title);
        var added = Assert.Single(files, f => f.Path.EndsWith("ShopWorld.CreateOrders.cs"));
        Assert.Equal("/proj/shop/ShopWorld.CreateOrders.cs", added.Path);
        Assert.Equal("""
            namespace Demo.Demo.Shop
            {
                static partial class ShopWorld
                {
                    private static partial Orders.IOrders CreateOrders() => new OrdersImpl();
                }
            }

            """.Replace("\r\n", "\n"), added.Text.Replace("\r\n", "\n"));
        Assert.Empty(CodeFixRunner.Problems(files));
    }

    [Fact]
    public async Task Without_an_implementation_adds_a_skeleton_class_that_compiles()
    {
        var (title, files) = await CodeFixRunner.ApplyAsync(new MissingImplementationCodeFix(), "WIT0201", "world 'shop' exports 'demo:shop/orders@0.2.0'",
            (ExportsFile, Exports), (WorldFile, "namespace Demo.Demo.Shop;\n\nstatic partial class ShopWorld\n{\n    private static partial IExports CreateExports() => new Exports();\n}\n"));

        Assert.Equal("Implement the export: add CreateOrders() and a skeleton class", title);
        var added = Assert.Single(files, f => f.Path.EndsWith("ShopWorld.CreateOrders.cs"));
        Assert.Contains("private static partial Orders.IOrders CreateOrders() => new OrdersImpl();", added.Text);
        Assert.Contains("internal sealed class OrdersImpl : Orders.IOrders", added.Text);
        Assert.Contains("public Orders.Cart CreateCart(string owner) => throw new System.NotImplementedException();", added.Text);
        Assert.Contains("public ulong Place(Orders.Cart c) => throw new System.NotImplementedException();", added.Text);
        Assert.Empty(CodeFixRunner.Problems(files));
    }

    [Fact]
    public async Task A_skeleton_class_avoids_a_name_already_taken()
    {
        const string taken = "namespace Demo.Demo.Shop;\n\ninternal sealed class ExportsImpl { }\n";
        var (_, files) = await CodeFixRunner.ApplyAsync(new MissingImplementationCodeFix(), "WIT0201", "world 'shop' exports function 'ping'",
            ("/proj/shop/Taken.cs", taken), (OrdersFile, Orders));
        var added = Assert.Single(files, f => f.Path.EndsWith("ShopWorld.CreateExports.cs"));
        Assert.Contains("internal sealed class ExportsImpl2 : ShopWorld.IExports", added.Text);
        Assert.Contains("public uint Ping(uint n) => throw new System.NotImplementedException();", added.Text);
        // Only the other export is left to implement.
        Assert.All(CodeFixRunner.Problems(files), p => Assert.Contains("WIT0201: world 'shop' exports 'demo:shop/orders@0.2.0'", p));
    }
}

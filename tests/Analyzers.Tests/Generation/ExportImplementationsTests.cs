using System.Linq;
using Microsoft.CodeAnalysis;
using static WitTools.Analyzers.Tests.ExportProject;

namespace WitTools.Analyzers.Tests.Generation;

/// <summary>WIT0201: an export nobody implements is reported once, in the user's terms, instead of CS8795
/// inside the generated file.</summary>
public class ExportImplementationsTests
{
    [Fact]
    public void A_complete_implementation_builds_without_any_diagnostic()
    {
        var (diagnostics, _) = Build(Complete);
        Assert.Empty(Describe(diagnostics));
    }

    [Fact]
    public void Without_any_user_code_each_export_is_reported_at_its_export_in_the_wit()
    {
        var (diagnostics, _) = Build();
        Assert.Equal(new[]
        {
            "/proj/shop/wit/shop.wit(13,10): WIT0201: world 'shop' exports 'demo:shop/orders@0.2.0' but nothing implements it: write a class implementing Orders.IOrders and add 'private static partial Orders.IOrders CreateOrders() => new MyImplementation();' to 'partial class ShopWorld' in namespace 'Demo.Demo.Shop'",
            "/proj/shop/wit/shop.wit(14,10): WIT0201: world 'shop' exports function 'ping' but nothing implements it: write a class implementing ShopWorld.IExports and add 'private static partial ShopWorld.IExports CreateExports() => new MyImplementation();' to 'partial class ShopWorld' in namespace 'Demo.Demo.Shop'",
        }, Describe(diagnostics));
        Assert.All(diagnostics.Where(d => d.Id == "WIT0201"), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void A_class_implementing_the_contract_gets_the_error_and_is_named_in_the_fix()
    {
        var (diagnostics, _) = Build((OrdersFile, Orders), (ExportsFile, Exports));
        Assert.Equal(new[]
        {
            "/proj/shop/Exports.cs(3,23): WIT0201: world 'shop' exports function 'ping' but nothing implements it: add 'private static partial ShopWorld.IExports CreateExports() => new Exports();' to 'partial class ShopWorld' in namespace 'Demo.Demo.Shop' (class 'Exports' implements ShopWorld.IExports)",
            "/proj/shop/Orders.cs(3,23): WIT0201: world 'shop' exports 'demo:shop/orders@0.2.0' but nothing implements it: add 'private static partial Orders.IOrders CreateOrders() => new OrdersImpl();' to 'partial class ShopWorld' in namespace 'Demo.Demo.Shop' (class 'OrdersImpl' implements Orders.IOrders)",
        }, Describe(diagnostics));
    }

    [Fact]
    public void Only_the_missing_factory_is_reported_and_the_compiler_says_nothing_about_generated_code()
    {
        const string onlyOrders = """
            namespace Demo.Demo.Shop
            {
                static partial class ShopWorld
                {
                    private static partial Orders.IOrders CreateOrders() { return new OrdersImpl(); }
                }
            }
            """;
        var (diagnostics, output) = Build((WorldFile, onlyOrders), (OrdersFile, Orders));
        var single = Assert.Single(Describe(diagnostics));
        Assert.StartsWith("/proj/shop/wit/shop.wit(14,10): WIT0201: world 'shop' exports function 'ping' but nothing implements it", single);
        // The generated file holds a placeholder for the missing factory and the declaration for the written one.
        string world = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Demo.Demo.Shop.ShopWorld.cs")).ToString();
        Assert.Contains("private static global::Demo.Demo.Shop.ShopWorld.IExports CreateExports() => throw new global::System.NotImplementedException(\"demo:shop/shop@0.2.0\");", world);
        Assert.Contains("private static partial global::Demo.Demo.Shop.Orders.IOrders CreateOrders();", world);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8795");
    }

    [Fact]
    public void A_factory_written_in_nested_namespace_blocks_is_found()
    {
        const string nested = """
            namespace Demo
            {
                namespace Demo.Shop
                {
                    static partial class ShopWorld
                    {
                        private static partial Orders.IOrders CreateOrders() => new OrdersImpl();
                        private static partial IExports CreateExports() => new Exports();
                    }
                }
            }
            """;
        var (diagnostics, _) = Build((WorldFile, nested), (OrdersFile, Orders), (ExportsFile, Exports));
        Assert.Empty(Describe(diagnostics));
    }

    [Fact]
    public void An_implementation_in_another_namespace_is_named_with_its_namespace()
    {
        const string elsewhere = """
            namespace MyApp.Services
            {
                internal sealed class ShopExports : global::Demo.Demo.Shop.ShopWorld.IExports
                {
                    public uint Ping(uint n) => n;
                }
            }
            """;
        var (diagnostics, _) = Build(("/proj/shop/ShopExports.cs", elsewhere), (OrdersFile, Orders));
        Assert.Contains("/proj/shop/ShopExports.cs(3,27): WIT0201: world 'shop' exports function 'ping' but nothing implements it: add 'private static partial ShopWorld.IExports CreateExports() => new MyApp.Services.ShopExports();' to 'partial class ShopWorld' in namespace 'Demo.Demo.Shop' (class 'ShopExports' implements ShopWorld.IExports)",
            Describe(diagnostics));
    }

    [Fact]
    public void An_abstract_class_is_not_offered_as_the_implementation()
    {
        const string abstractOrders = """
            namespace Demo.Demo.Shop;

            internal abstract class OrdersBase : Orders.IOrders
            {
                public abstract Orders.Cart CreateCart(string owner);
                public ulong Place(Orders.Cart c) => c.Total();
            }
            """;
        var (diagnostics, _) = Build((OrdersFile, abstractOrders), (ExportsFile, Exports));
        Assert.Contains(Describe(diagnostics), d => d.StartsWith("/proj/shop/wit/shop.wit(13,10): WIT0201: world 'shop' exports 'demo:shop/orders@0.2.0'"));
    }

    [Fact]
    public void A_csharp_edit_that_does_not_touch_implementations_reruns_nothing()
    {
        var harness = Harness((OrdersFile, Orders), (ExportsFile, Exports));
        harness.Run();
        harness.EditCSharp();
        var (result, _) = harness.Run();
        foreach (var step in new[]
                 {
                     WitBindingsGenerator.TrackingNames.Generate, WitBindingsGenerator.TrackingNames.Implementations,
                     WitBindingsGenerator.TrackingNames.UserTypes, WitBindingsGenerator.TrackingNames.Completed,
                     WitBindingsGenerator.TrackingNames.Sources, WitBindingsGenerator.TrackingNames.Missing,
                 })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "WIT0201"));
    }

    [Fact]
    public void Writing_the_factory_swaps_the_placeholder_without_resolving_the_wit_again()
    {
        var harness = Harness((OrdersFile, Orders), (ExportsFile, Exports));
        harness.Run();
        harness.AddCSharp(WorldFile, WorldPart);
        var (result, output) = harness.Run();

        Assert.Equal(IncrementalStepRunReason.Cached, result.TrackedSteps[WitBindingsGenerator.TrackingNames.Generate].Single().Outputs[0].Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[WitBindingsGenerator.TrackingNames.Completed].Single().Outputs[0].Reason);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}

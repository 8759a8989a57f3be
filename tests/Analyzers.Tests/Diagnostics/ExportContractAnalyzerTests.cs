using System.Linq;
using Microsoft.CodeAnalysis;
using WitTools.Analyzers.Diagnostics;
using static WitTools.Analyzers.Tests.ExportProject;

namespace WitTools.Analyzers.Tests.Diagnostics;

/// <summary>WIT0202: an implementation that no longer matches the WIT names the WIT function, its WIT type and
/// the C# signature to write, at the user's class or at the stale method.</summary>
public class ExportContractAnalyzerTests
{
    [Fact]
    public void A_correct_implementation_has_no_diagnostics_and_no_warnings()
    {
        var (diagnostics, output) = Build(Complete);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(Describe));
        // The attributes that carry the WIT facts are conditional: nothing of them reaches the assembly.
        var contract = output.GetTypeByMetadataName("Demo.Demo.Shop.Orders+IOrders")!;
        Assert.Equal("demo:shop/orders@0.2.0", ExportContractAnalyzer.ExportName(contract));
        using var stream = new System.IO.MemoryStream();
        Assert.True(output.Emit(stream).Success);
        string image = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain("func(c: borrow<cart>)", image);

    }

    [Fact]
    public void A_missing_member_is_reported_at_the_class_with_the_wit_function_and_the_csharp_signature()
    {
        var (diagnostics, _) = Build((WorldFile, WorldPart), (OrdersFile, Orders.Replace("    public ulong Place(Orders.Cart c) => c.Total();\n", "")), (ExportsFile, Exports));
        Assert.Equal(new[]
        {
            "/proj/shop/Orders.cs(3,23): WIT0202: 'OrdersImpl' does not implement WIT function 'place' of 'demo:shop/orders@0.2.0' (func(c: borrow<cart>) -> result<u64, string>): add 'public ulong Place(Orders.Cart c)'",
        }, Describe(diagnostics, "WIT0202"));
        // The compiler's own error stays beside it.
        Assert.Contains(diagnostics, d => d.Id == "CS0535");
    }

    [Fact]
    public void A_method_with_an_old_signature_is_reported_at_the_method()
    {
        var (diagnostics, _) = Build((WorldFile, WorldPart), (OrdersFile, Orders), (ExportsFile, Exports.Replace("uint Ping(uint n)", "int Ping(int n)")));
        Assert.Equal(new[]
        {
            "/proj/shop/Exports.cs(5,16): WIT0202: 'int Exports.Ping(int n)' does not match WIT function 'ping' of 'demo:shop/shop@0.2.0' (func(n: u32) -> u32): expected 'public uint Ping(uint n)'",
        }, Describe(diagnostics, "WIT0202"));
    }

    [Fact]
    public void A_method_whose_return_type_changed_is_reported_at_the_method()
    {
        var orders = Orders.Replace("public ulong Place(Orders.Cart c) => c.Total();", "public uint Place(Orders.Cart c) => 0;");
        var (diagnostics, _) = Build((WorldFile, WorldPart), (OrdersFile, orders), (ExportsFile, Exports));
        Assert.Equal(new[]
        {
            "/proj/shop/Orders.cs(6,17): WIT0202: 'uint OrdersImpl.Place(Orders.Cart c)' does not match WIT function 'place' of 'demo:shop/orders@0.2.0' (func(c: borrow<cart>) -> result<u64, string>): expected 'public ulong Place(Orders.Cart c)'",
        }, Describe(diagnostics, "WIT0202"));
    }

    [Fact]
    public void A_resource_subclass_missing_or_mismatching_a_method_is_reported_with_the_override_to_write()
    {
        var orders = Orders.Replace("public override void Add(string sku, uint count) { }", "public override void Add(string sku) { }")
            .Replace("    public override ulong Total() => 0;\n", "");
        var (diagnostics, _) = Build((WorldFile, WorldPart), (OrdersFile, orders), (ExportsFile, Exports));
        Assert.Equal(new[]
        {
            "/proj/shop/Orders.cs(11,26): WIT0202: 'void MyCart.Add(string sku)' does not match WIT function '[method]cart.add' of 'demo:shop/orders@0.2.0' (func(sku: string, count: u32)): expected 'public override void Add(string sku, uint count)'",
            "/proj/shop/Orders.cs(9,23): WIT0202: 'MyCart' does not implement WIT function '[method]cart.total' of 'demo:shop/orders@0.2.0' (func() -> u64): add 'public override ulong Total()'",
        }, Describe(diagnostics, "WIT0202"));
        var d = diagnostics.First(x => x.Id == "WIT0202");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
    }

    [Fact]
    public void Explicit_and_inherited_implementations_count()
    {
        const string orders = """
            namespace Demo.Demo.Shop;

            internal class OrdersBase
            {
                public ulong Place(Orders.Cart c) => c.Total();
            }

            internal sealed class OrdersImpl : OrdersBase, Orders.IOrders
            {
                Orders.Cart Orders.IOrders.CreateCart(string owner) => new MyCart();
            }

            internal abstract class CartBase : Orders.Cart
            {
                public override ulong Total() => 0;
            }

            internal sealed class MyCart : CartBase
            {
                public override void Add(string sku, uint count) { }
            }
            """;
        var (diagnostics, _) = Build((WorldFile, WorldPart), (OrdersFile, orders), (ExportsFile, Exports));
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(Describe));
    }
}

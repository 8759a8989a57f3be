using WitTools.WitParser.Syntax;
using WitTools.WitParser.Tests.TestSupport;

namespace WitTools.WitParser.Tests.Parsing;

public class ParserSmokeTests
{
    [Fact]
    public void ParsesPackageInterfaceAndWorld()
    {
        var tree = ParseHelper.ParseValid("""
            package my:pkg@1.2.3;

            interface shapes {
              record point { x: f32, y: f32 }
              area: func(p: point) -> f64;
            }

            world app {
              import shapes;
              export run: func();
            }
            """);
        Assert.Equal("my:pkg@1.2.3", tree.Package!.ToString());
        var iface = Assert.IsType<InterfaceSyntax>(tree.Items[0]);
        Assert.Equal("shapes", iface.Name.Name);
        Assert.Equal(2, iface.Items.Count);
        var world = Assert.IsType<WorldSyntax>(tree.Items[1]);
        Assert.IsType<PathExternSyntax>(Assert.IsType<ImportSyntax>(world.Items[0]).Kind);
        Assert.IsType<FuncExternSyntax>(Assert.IsType<ExportSyntax>(world.Items[1]).Kind);
    }
}

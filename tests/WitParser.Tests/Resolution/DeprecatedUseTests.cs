using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>`@deprecated` items that a world's bindings include become warnings located at their declaration.</summary>
public class DeprecatedUseTests
{
    private const string Wit = """
        package t:dep@1.2.0;

        @since(version = 1.0.0)
        interface api {
          @since(version = 1.0.0)
          @deprecated(version = 1.1.0)
          old: func();
          @since(version = 1.0.0)
          fresh: func();
          @since(version = 1.0.0)
          @deprecated(version = 1.2.0)
          type legacy = u32;
        }

        @since(version = 1.0.0)
        @deprecated(version = 1.1.0)
        interface retired {
          @since(version = 1.0.0)
          ping: func();
        }

        interface unused {
          @since(version = 1.0.0)
          @deprecated(version = 1.0.0)
          never: func();
        }

        world uses-deprecated {
          import api;
          @since(version = 1.0.0)
          @deprecated(version = 1.1.0)
          import retired;
          @since(version = 1.0.0)
          @deprecated(version = 1.1.0)
          export run: func();
        }

        world clean {
          @since(version = 1.0.0)
          export fresh-only: func();
        }
        """;

    [Fact]
    public void Every_deprecated_item_the_world_binds_is_a_located_warning()
    {
        var load = WitLoader.LoadText("dep.wit", Wit, FeatureSet.None);
        Assert.True(load.Success, load.RenderDiagnostics());
        var resolve = load.Resolve!;
        var world = resolve.Packages[load.MainPackages[0]].Worlds["uses-deprecated"];

        var warnings = DeprecatedUse.InWorld(resolve, world);

        Assert.All(warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.Severity));
        Assert.All(warnings, w => Assert.Equal(DiagnosticCodes.Deprecated, w.Code));
        Assert.Equal(new[]
        {
            "type `t:dep/api@1.2.0.legacy` is deprecated since version 1.2.0; the bindings still include it",
            "function `t:dep/api@1.2.0#old` is deprecated since version 1.1.0; the bindings still include it",
            "interface `t:dep/retired@1.2.0` is deprecated since version 1.1.0; the bindings still include it",
            "function `t:dep/uses-deprecated@1.2.0#run` is deprecated since version 1.1.0; the bindings still include it",
        }.OrderBy(m => m, System.StringComparer.Ordinal), warnings.Select(w => w.Message).OrderBy(m => m, System.StringComparer.Ordinal));
        var old = warnings.Single(w => w.Message.Contains("#old"));
        Assert.Equal("dep.wit:7:3", load.Sources.RenderLocation(old.Span));
    }

    [Fact]
    public void A_world_without_deprecated_items_has_no_warnings()
    {
        var load = WitLoader.LoadText("dep.wit", Wit, FeatureSet.None);
        var resolve = load.Resolve!;
        Assert.Empty(DeprecatedUse.InWorld(resolve, resolve.Packages[load.MainPackages[0]].Worlds["clean"]));
    }
}

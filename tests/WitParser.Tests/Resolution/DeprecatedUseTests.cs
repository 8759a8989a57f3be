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

        var warnings = DeprecatedUse.InWorld(resolve, world, load.MainPackages);

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
        Assert.Empty(DeprecatedUse.InWorld(resolve, resolve.Packages[load.MainPackages[0]].Worlds["clean"], load.MainPackages));
    }

    // A dependency (like wasi:http 0.2.12 with its deprecated `field-key`) and the user's package using it.
    private static LoadResult WithDependency(string user)
    {
        var fs = new InMemoryWitFileSystem();
        fs.AddFile("/w/app.wit", user);
        fs.AddFile("/w/deps/http/types.wit", """
            package t:http@0.2.12;

            @since(version = 0.2.0)
            interface types {
              @since(version = 0.2.0)
              @deprecated(version = 0.2.2)
              type field-key = string;
              @since(version = 0.2.0)
              type field-name = string;
              @since(version = 0.2.0)
              get: func(key: field-key) -> string;
            }

            @since(version = 0.2.0)
            @deprecated(version = 0.2.10)
            interface legacy {
              @since(version = 0.2.0)
              ping: func();
            }

            world proxy {
              import types;
            }
            """);
        var load = WitLoader.Load("/w", FeatureSet.None, fs);
        Assert.True(load.Success, load.RenderDiagnostics());
        return load;
    }

    /// <summary>Issue 11: every wasi:http 0.2.12 project was warned about `field-key`, which only the dependency uses.</summary>
    [Fact]
    public void Deprecated_items_inside_a_dependency_the_user_does_not_name_are_not_reported()
    {
        var load = WithDependency("package my:app;\n\nworld app {\n  import t:http/types@0.2.12;\n}\n");
        var world = load.Resolve!.Packages[load.MainPackages[0]].Worlds["app"];
        Assert.Empty(DeprecatedUse.InWorld(load.Resolve!, world, load.MainPackages));

        // the dependency's own world, selected directly, is not the user's WIT either
        var proxy = load.Resolve!.Worlds.Ids.Single(id => load.Resolve!.Worlds[id].Name == "proxy");
        Assert.Empty(DeprecatedUse.InWorld(load.Resolve!, proxy, load.MainPackages));
    }

    [Fact]
    public void A_use_of_a_deprecated_dependency_item_is_reported_where_the_user_wrote_it()
    {
        const string user = "package my:app;\n\ninterface keys {\n  use t:http/types@0.2.12.{field-key, field-name};\n  lookup: func(k: field-key) -> field-name;\n}\n\nworld app {\n  import keys;\n  import t:http/legacy@0.2.12;\n}\n";
        var load = WithDependency(user);
        var world = load.Resolve!.Packages[load.MainPackages[0]].Worlds["app"];

        var warnings = DeprecatedUse.InWorld(load.Resolve!, world, load.MainPackages);

        Assert.Equal(new[]
        {
            "type `t:http/types@0.2.12.field-key` is deprecated since version 0.2.2; the bindings still include it",
            "interface `t:http/legacy@0.2.12` is deprecated since version 0.2.10; the bindings still include it",
        }, warnings.Select(w => w.Message));
        // in the user's file: at the `use` (line 4), and for the import at the world (the model keeps no span for
        // an import by path), never inside the dependency
        Assert.StartsWith("/w/app.wit:4:", load.Sources.RenderLocation(warnings[0].Span));
        Assert.StartsWith("/w/app.wit:", load.Sources.RenderLocation(warnings[1].Span));
    }
}

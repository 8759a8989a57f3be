using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using WitTools.Tests.Shared;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests.Printing;

/// <summary>
/// <see cref="WitPrinter.PrintWorld"/>: one world as the component type wit-component reads at link time
/// (<c>wasm-component-ld --component-type FILE</c> resolves FILE alone, with no deps/ folder and no features, and
/// takes the only world of its package). Checked here by resolving the printed text the same way: one file, no
/// features; its package has exactly that world, with the original's imports and exports.
/// </summary>
public class ComponentTypePrintingTests
{
    public static IEnumerable<object[]> WasiWorlds() => new[]
    {
        new object[] { "http", "proxy" },        // includes, nested packages, @since gates, a deprecated type
        new object[] { "cli", "command" },
        new object[] { "cli", "imports" },
        new object[] { "sockets", "imports" },   // @unstable items (left out without their feature)
    };

    [Theory]
    [MemberData(nameof(WasiWorlds))]
    public void A_wasi_world_prints_as_a_self_contained_component_type(string package, string world)
    {
        var original = WitLoader.Load(WitCorpus.Package("wasi-0.2.12", package), FeatureSet.None);
        Assert.True(original.Success, original.RenderDiagnostics());
        var worldId = original.MainPackages.SelectMany(p => original.Resolve!.Packages[p].Worlds).Single(w => w.Key == world).Value;

        string printed = WitPrinter.PrintWorld(original.Resolve!, worldId);

        var again = AssertComponentType(printed, original.Resolve!, worldId);
        // No attributes, docs or includes: the component type carries the elaborated world and nothing else.
        Assert.DoesNotMatch(@"@since|@unstable|@deprecated|///|\binclude\b", printed);
        // Only the interfaces the world uses: one `interface` declaration per named interface in its items.
        var w = original.Resolve!.Worlds[worldId];
        int named = w.Imports.Values.Concat(w.Exports.Values).OfType<InterfaceWorldItem>().Count(i => original.Resolve.Interfaces[i.Id].Name is not null);
        Assert.Equal(named, Regex.Matches(printed, @"^\s*interface [a-z]", RegexOptions.Multiline).Count);
        // Printing the component type again changes nothing (but the order of independent nested packages).
        Assert.Equal(Blocks(printed), Blocks(WitPrinter.PrintWorld(again.Resolve!, again.Resolve!.Worlds.Ids.Single())));
    }

    [Fact]
    public void Includes_are_applied_so_the_package_keeps_one_world()
    {
        var original = Load("""
            package t:inc;
            interface shared { type id = u32; }
            world base {
              import shared;
              use shared.{id};
              import get: func() -> id;
              export run: func();
            }
            world extended {
              include base with { run as start }
              export finish: func();
            }
            """, FeatureSet.None);
        var extended = original.Resolve!.Packages[original.MainPackages[0]].Worlds["extended"];

        string printed = WitPrinter.PrintWorld(original.Resolve!, extended);

        AssertComponentType(printed, original.Resolve!, extended);
        Assert.DoesNotContain("world base", printed);
        Assert.Contains("export start: func();", printed);
    }

    [Fact]
    public void Items_enabled_by_a_feature_are_printed_without_their_gate()
    {
        // The bindings were generated with `extra` on; the linker resolves with no feature, so a gate would drop
        // items the module imports and exports.
        var original = Load("""
            package t:gated@0.1.0;
            interface api {
              @unstable(feature = extra)
              f: func();
              @since(version = 0.1.0)
              g: func();
            }
            world w {
              @unstable(feature = extra)
              import h: func();
              export api;
            }
            """, FeatureSet.Parse("extra"));
        var w = original.Resolve!.Packages[original.MainPackages[0]].Worlds["w"];

        string printed = WitPrinter.PrintWorld(original.Resolve!, w);

        var again = AssertComponentType(printed, original.Resolve!, w);
        var api = again.Resolve!.Interfaces.Ids.Select(id => again.Resolve.Interfaces[id]).Single(i => i.Name == "api");
        Assert.Equal(new[] { "f", "g" }, api.Functions.Keys.ToArray());
    }

    [Fact]
    public void Other_worlds_and_unused_interfaces_of_the_package_are_left_out()
    {
        var original = Load("""
            package t:many;
            interface used { f: func(); }
            interface unused { g: func(); }
            world one { export used; }
            world two { export unused; }
            """, FeatureSet.None);
        var one = original.Resolve!.Packages[original.MainPackages[0]].Worlds["one"];

        string printed = WitPrinter.PrintWorld(original.Resolve!, one);

        AssertComponentType(printed, original.Resolve!, one);
        Assert.DoesNotContain("unused", printed);
        Assert.DoesNotContain("world two", printed);
    }

    private static LoadResult Load(string wit, FeatureSet features)
    {
        var result = WitLoader.LoadText("w.wit", wit.Replace("\r\n", "\n"), features);
        Assert.True(result.Success, result.RenderDiagnostics());
        return result;
    }

    /// <summary>Resolves the printed text as the linker does (one file, no features) and checks its package has one
    /// world, named like the original, importing and exporting the same items.</summary>
    private static LoadResult AssertComponentType(string printed, Resolve original, WorldId originalWorld)
    {
        var again = WitLoader.LoadText("component-type.wit", printed, FeatureSet.None);
        Assert.True(again.Success, printed + "\n" + again.RenderDiagnostics());
        // The file's own package (the others are nested blocks) is the world's.
        var expected = original.Worlds[originalWorld];
        var name = original.Packages[expected.Package!.Value].Name;
        var package = again.Resolve!.Packages.Ids.Single(id => again.Resolve.Packages[id].Name.Equals(name));
        var world = again.Resolve.Worlds[Assert.Single(again.Resolve.Packages[package].Worlds).Value];
        Assert.Empty(again.Resolve.Packages.Ids.Where(id => id != package).SelectMany(id => again.Resolve.Packages[id].Worlds));
        Assert.Equal(expected.Name, world.Name);
        Assert.Equal(Keys(original, expected.Imports), Keys(again.Resolve, world.Imports));
        Assert.Equal(Keys(original, expected.Exports), Keys(again.Resolve, world.Exports));
        return again;
    }

    private static string[] Blocks(string wit) => wit.Split(new[] { "\npackage " }, System.StringSplitOptions.None).OrderBy(b => b, System.StringComparer.Ordinal).ToArray();

    private static string[] Keys(Resolve resolve, OrderedMap<WorldKey, WorldItem> items) =>
        items.Keys.Select(resolve.NameWorldKey).OrderBy(k => k, System.StringComparer.Ordinal).ToArray();
}

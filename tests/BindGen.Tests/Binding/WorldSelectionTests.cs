using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Binding;

/// <summary><see cref="WorldSelection"/>: the one rule every CLI verb and the source generator use to pick worlds.</summary>
public class WorldSelectionTests
{
    // The main package (two worlds) with two versions of a dependency that has a world of the same name.
    private static LoadResult App() => Load(new Dictionary<string, string>
    {
        ["/w/app.wit"] = "package demo:app@1.0.0;\n\nworld cli {\n  import demo:lib/log@1.0.0;\n}\n\nworld service {\n  import demo:lib/log@2.0.0;\n}\n",
        ["/w/deps/lib1/lib.wit"] = "package demo:lib@1.0.0;\n\ninterface log { write: func(msg: string); }\n\nworld logger { import log; }\n",
        ["/w/deps/lib2/lib.wit"] = "package demo:lib@2.0.0;\n\ninterface log { write: func(msg: string, level: u8); }\n\nworld logger { import log; }\n",
    });

    private static LoadResult Load(Dictionary<string, string> files)
    {
        var fs = new InMemoryWitFileSystem();
        foreach (var file in files) fs.AddFile(file.Key, file.Value);
        var result = WitLoader.Load("/w", FeatureSet.None, fs);
        Assert.True(result.Success, result.RenderDiagnostics());
        return result;
    }

    private static LoadResult One(string text) => Load(new Dictionary<string, string> { ["/w/one.wit"] = text });

    private static WorldSelectionResult Select(LoadResult loaded, params string[] names) =>
        WorldSelection.Select(loaded.Resolve!, loaded.MainPackages, names, "--world");

    private static string Selected(LoadResult loaded, WorldSelectionResult result)
    {
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return string.Join(", ", result.Worlds.Select(id => WorldSelection.Qualified(loaded.Resolve!, id)));
    }

    private static string Error(WorldSelectionResult result)
    {
        Assert.Empty(result.Worlds);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0100", diagnostic.Code);
        return diagnostic.Message;
    }

    [Fact]
    public void An_unqualified_name_is_a_world_of_the_main_packages()
    {
        var app = App();
        Assert.Equal("demo:app/service@1.0.0", Selected(app, Select(app, "service")));
        // `logger` exists only in the dependencies: a plain name does not reach them
        Assert.Equal("world `logger` not found in package `demo:app@1.0.0`; available worlds: demo:app/cli@1.0.0, demo:app/service@1.0.0",
            Error(Select(app, "logger")));
    }

    [Fact]
    public void A_qualified_name_with_or_without_the_version()
    {
        var app = App();
        Assert.Equal("demo:app/cli@1.0.0", Selected(app, Select(app, "demo:app/cli")));
        Assert.Equal("demo:app/cli@1.0.0", Selected(app, Select(app, "demo:app/cli@1.0.0")));
        // a dependency's world, by its exact version
        Assert.Equal("demo:lib/logger@2.0.0", Selected(app, Select(app, "demo:lib/logger@2.0.0")));
        Assert.Equal("demo:lib/logger@1.0.0", Selected(app, Select(app, "demo:lib/logger@1.0.0")));
    }

    [Fact]
    public void An_unknown_version_is_an_error_and_never_another_version()
    {
        var app = App();
        Assert.Equal("world `demo:app/cli@9.9.9` not found: the WIT has version 1.0.0 of `demo:app`, not 9.9.9; available worlds: demo:app/cli@1.0.0",
            Error(Select(app, "demo:app/cli@9.9.9")));
        Assert.Equal("world `demo:lib/logger@3.0.0` not found: the WIT has versions 1.0.0 and 2.0.0 of `demo:lib`, not 3.0.0; available worlds: demo:lib/logger@1.0.0, demo:lib/logger@2.0.0",
            Error(Select(app, "demo:lib/logger@3.0.0")));
    }

    [Fact]
    public void The_factorization_example_at_an_unknown_version_is_rejected()
    {
        var loaded = WitLoader.Load(global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization"), FeatureSet.None);
        var result = WorldSelection.Select(loaded.Resolve!, loaded.MainPackages, new[] { "wittools:factorization/factorizer@9.9.9" }, "--world");
        Assert.StartsWith("world `wittools:factorization/factorizer@9.9.9` not found: the WIT has version 0.1.0", Error(result));
    }

    [Fact]
    public void Several_versions_without_a_version_is_ambiguous()
    {
        var app = App();
        Assert.Equal("world `demo:lib/logger` is ambiguous: the WIT has versions 1.0.0 and 2.0.0 of `demo:lib`; add the version: demo:lib/logger@1.0.0 or demo:lib/logger@2.0.0",
            Error(Select(app, "demo:lib/logger")));
    }

    [Fact]
    public void Unknown_packages_and_worlds_list_what_exists()
    {
        var app = App();
        Assert.Equal("world `demo:other/cli` not found: the WIT has no package `demo:other`; available worlds: demo:app/cli@1.0.0, demo:app/service@1.0.0",
            Error(Select(app, "demo:other/cli")));
        Assert.Equal("world `nope` not found in package `demo:lib@2.0.0`; available worlds: demo:lib/logger@2.0.0",
            Error(Select(app, "demo:lib/nope@2.0.0")));
    }

    [Fact]
    public void No_name_takes_the_only_world_and_rejects_none_or_several()
    {
        var single = One("package a:b;\nworld only { import f: func(); }\n");
        Assert.Equal("a:b/only", Selected(single, Select(single)));

        var none = One("package a:b;\ninterface i { f: func(); }\n");
        Assert.Equal("package `a:b` defines no world, so there is nothing to generate bindings for; add a `world` to the WIT", Error(Select(none)));

        var app = App();
        Assert.Equal("package `demo:app@1.0.0` defines several worlds; choose one with --world; available worlds: demo:app/cli@1.0.0, demo:app/service@1.0.0",
            Error(Select(app)));
    }

    [Fact]
    public void A_plain_name_two_main_packages_define_is_ambiguous_and_located()
    {
        var two = WitLoader.LoadText("two.wit", "package a:one;\nworld w { import f: func(); }\npackage a:two { world w { import g: func(); } }\n", FeatureSet.None);
        Assert.True(two.Success, two.RenderDiagnostics());
        Assert.Equal(2, two.MainPackages.Count);
        var result = Select(two, "w");
        Assert.Equal("world name `w` is ambiguous: a:one/w and a:two/w; use the qualified name", Error(result));
        Assert.True(result.Diagnostics[0].Span.IsKnown);
        Assert.Equal("a:two/w", Selected(two, Select(two, "a:two/w")));
    }

    [Fact]
    public void Several_names_each_once_and_one_error_per_bad_name()
    {
        var app = App();
        Assert.Equal("demo:app/cli@1.0.0, demo:app/service@1.0.0", Selected(app, Select(app, "cli", "demo:app/service", "demo:app/cli@1.0.0", " ")));
        var result = Select(app, "cli", "nope", "demo:app/x");
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.Equal(new[] { "demo:app/cli@1.0.0" }, result.Worlds.Select(id => WorldSelection.Qualified(app.Resolve!, id)));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("demo:app/")]
    [InlineData("demo/cli")]
    [InlineData("demo:app/cli@one")]
    [InlineData("Cli_World")]
    public void Text_that_is_no_world_name_says_how_to_write_one(string text)
    {
        Assert.StartsWith($"`{text}` is not a world name: write `name`, `namespace:package/name` or `namespace:package/name@version`", Error(Select(App(), text)));
    }

    [Fact]
    public void Percent_escaped_names_select_the_world()
    {
        var loaded = One("package a:b;\nworld %interface { import f: func(); }\nworld other { }\n");
        Assert.Equal("a:b/interface", Selected(loaded, Select(loaded, "%interface")));
        Assert.Equal("a:b/interface", Selected(loaded, Select(loaded, "interface")));
    }

    /// <summary>Bug: a world whose later words start with a digit (`world-9`, valid WIT: the front end resolves it) was
    /// "not a world name", so it could not be chosen. Names are now checked by the front end's identifier rule.</summary>
    [Fact]
    public void A_name_whose_later_words_start_with_a_digit_selects_its_world()
    {
        var loaded = One("package a:b@1.0.0;\nworld world-9 { import f: func(); }\nworld v2-x-3 { }\n");
        Assert.Equal("a:b/world-9@1.0.0", Selected(loaded, Select(loaded, "world-9")));
        Assert.Equal("a:b/world-9@1.0.0", Selected(loaded, Select(loaded, "a:b/world-9@1.0.0")));
        Assert.Equal("a:b/v2-x-3@1.0.0", Selected(loaded, Select(loaded, "v2-x-3")));
        // the first word still starts with a letter, and a word is not mixed-case
        Assert.StartsWith("`9-world` is not a world name", Error(Select(loaded, "9-world")));
        Assert.StartsWith("`World-nine` is not a world name", Error(Select(loaded, "World-nine")));
    }

    /// <summary>A package with hundreds of worlds (a generated one) listed them all on one line: the list stops after
    /// <see cref="WorldSelection.MaxListedWorlds"/> with how many more there are.</summary>
    [Fact]
    public void The_list_of_available_worlds_stops_after_ten()
    {
        var text = new System.Text.StringBuilder("package a:many;\n");
        for (int i = 1; i <= 25; i++) text.Append($"world w{i} {{ }}\n");
        var loaded = One(text.ToString());
        string ten = string.Join(", ", Enumerable.Range(1, 10).Select(i => $"a:many/w{i}"));

        Assert.Equal($"package `a:many` defines several worlds; choose one with --world; available worlds: {ten} and 15 more", Error(Select(loaded)));
        Assert.Equal($"world `nope` not found in package `a:many`; available worlds: {ten} and 15 more", Error(Select(loaded, "nope")));
        // exactly ten: no summary
        var exactly = One("package a:ten;\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"world w{i} {{ }}\n")));
        Assert.EndsWith("available worlds: " + string.Join(", ", Enumerable.Range(1, 10).Select(i => $"a:ten/w{i}")), Error(Select(exactly)));
    }
}

using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WitTools.Analyzers.Tasks;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.Analyzers.Tests.Tasks;

/// <summary>
/// <see cref="WitComponentTypes"/>: the component type of every selected world, one file each, as the linker reads it
/// (one file, no features, the only world of its package); the string encoding the linker must be told.
/// </summary>
public sealed class WitComponentTypesTests : IDisposable
{
    private const string Lib = """
        package demo:lib@1.0.0;

        interface ops {
          to-upper: func(s: string) -> string;
        }

        world library {
          export ops;
        }

        world host {
          import ops;
        }
        """;

    private readonly TempDirectory _dir = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _dir.Dispose();

    private string Output => Path.Combine(_dir.Path, "obj", "wittools");

    private static ITaskItem Root(string path, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(path);
        foreach (var (name, value) in metadata) item.SetMetadata(name, value);
        return item;
    }

    private WitComponentTypes Run(params ITaskItem[] roots)
    {
        var task = new WitComponentTypes
        {
            BuildEngine = _engine, Roots = roots, OutputDirectory = Output, ProjectFile = "app.csproj",
            DefaultStringEncoding = "utf8", DefaultFeatures = "",
        };
        bool ok = task.Execute();
        Assert.True(ok == (_engine.Errors.Count == 0), string.Join("\n", _engine.ErrorLines()));
        return task;
    }

    [Fact]
    public void Each_selected_world_gets_a_file_the_linker_resolves_to_that_world_alone()
    {
        string factorization = global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization");
        string lib = _dir.Write("component.wit", Lib);

        var task = Run(Root(factorization), Root(lib, ("World", "library, host")));

        Assert.Empty(_engine.Errors);
        Assert.Equal("utf8", task.StringEncoding);
        Assert.Equal(new[] { "wittools_factorization_0.1.0_factorizer.wit", "demo_lib_1.0.0_library.wit", "demo_lib_1.0.0_host.wit" },
            task.ComponentTypes.Select(f => Path.GetFileName(f.ItemSpec)));
        Assert.Equal(new[] { "wittools:factorization/factorizer@0.1.0", "demo:lib/library@1.0.0", "demo:lib/host@1.0.0" },
            task.ComponentTypes.Select(f => f.GetMetadata("World")));
        foreach (var file in task.ComponentTypes)
        {
            Assert.Equal(Path.GetFullPath(file.ItemSpec).Replace('\\', '/'), file.GetMetadata("LinkerPath"));
            // What wasm-component-ld does with it: resolve the one file, take the only world of its package.
            var linked = WitLoader.LoadText(file.ItemSpec, File.ReadAllText(file.ItemSpec), FeatureSet.None);
            Assert.True(linked.Success, linked.RenderDiagnostics());
            var world = linked.Resolve!.Worlds[Assert.Single(linked.Resolve.Worlds.Ids)];
            Assert.EndsWith("/" + world.Name + "@" + linked.Resolve.Packages[world.Package!.Value].Name.Version, file.GetMetadata("World"));
        }
    }

    [Fact]
    public void Unchanged_component_types_keep_their_time_stamp_and_stale_ones_are_deleted()
    {
        string lib = _dir.Write("component.wit", Lib);
        var first = Run(Root(lib, ("World", "library")));
        string file = first.ComponentTypes.Single().ItemSpec;
        var past = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, past);
        string stale = Path.Combine(Output, "demo_old_world.wit");
        File.WriteAllText(stale, "package demo:old;\nworld world {}\n");

        Run(Root(lib, ("World", "library")));

        Assert.Equal(past, File.GetLastWriteTimeUtc(file));
        Assert.False(File.Exists(stale));

        // The world changed: its file is rewritten.
        File.WriteAllText(lib, Lib.Replace("to-upper: func(s: string) -> string;", "to-upper: func(s: string) -> string;\n  to-lower: func(s: string) -> string;"));
        Run(Root(lib, ("World", "library")));
        Assert.Contains("to-lower", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("utf16", "utf16")]
    [InlineData("latin1+utf16", "compact-utf16")]
    [InlineData("UTF-8", "utf8")]
    public void The_string_encoding_is_the_one_the_linker_spells(string stringEncoding, string linker)
    {
        string lib = _dir.Write("component.wit", Lib);

        var task = Run(Root(lib, ("World", "library"), ("StringEncoding", stringEncoding)));

        Assert.Equal(linker, task.StringEncoding);
    }

    [Fact]
    public void Worlds_with_different_string_encodings_are_an_error_naming_them()
    {
        string lib = _dir.Write("component.wit", Lib);
        var task = new WitComponentTypes
        {
            BuildEngine = _engine, OutputDirectory = Output, ProjectFile = "app.csproj", DefaultStringEncoding = "utf8",
            Roots = new ITaskItem[] { Root(lib, ("World", "library"), ("StringEncoding", "utf16")), Root(lib, ("World", "host")) },
        };

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("WIT0107", error.Code);
        Assert.Contains("(demo:lib/library@1.0.0: utf16, demo:lib/host@1.0.0: utf8)", error.Message);
        Assert.Empty(task.ComponentTypes);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Wit_errors_are_reported_at_their_file_and_line_and_world_errors_name_the_worlds()
    {
        string broken = _dir.Write("broken/broken.wit", "package demo:broken;\n\nworld w {\n  import f: func(a: u32 b: u32);\n}\n");
        string lib = _dir.Write("component.wit", Lib);
        var task = new WitComponentTypes
        {
            BuildEngine = _engine, OutputDirectory = Output, ProjectFile = "app.csproj", DefaultStringEncoding = "utf8",
            Roots = new ITaskItem[] { Root(Path.GetDirectoryName(broken)!), Root(lib) },
        };

        Assert.False(task.Execute());

        var lines = _engine.ErrorLines().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(broken + "(4,25): error WIT0001: expected ')', found an identifier", lines[0]);
        Assert.Contains("error WIT0100: ", lines[1]);
        Assert.Contains("demo:lib/library@1.0.0", lines[1]);
    }
}

using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WitTools.Analyzers.Tasks;

namespace WitTools.Analyzers.Tests.Tasks;

/// <summary>
/// <see cref="WitComponentizeRoots"/>: componentize-dotnet's props add one &lt;Wit&gt; item per .wit file
/// (<c>*.wit;wit/*.wit</c>); WitTools reads WIT roots (a folder is one package with its deps/).
/// </summary>
public sealed class WitComponentizeRootsTests : System.IDisposable
{
    private readonly TempDirectory _project = new();
    private readonly RecordingBuildEngine _engine = new();

    public WitComponentizeRootsTests()
    {
        _project.Write("wit/types.wit", "package demo:app;\ninterface types {}\n");
        _project.Write("wit/world.wit", "package demo:app;\nworld app {}\n");
        _project.Write("component.wit", "package demo:lib;\nworld lib {}\n");
        _project.Write("other/extra.wit", "package demo:extra;\nworld extra {}\n");
    }

    public void Dispose() => _project.Dispose();

    private static ITaskItem Item(string spec, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(spec);
        foreach (var (name, value) in metadata) item.SetMetadata(name, value);
        return item;
    }

    private ITaskItem[] Run(params ITaskItem[] items)
    {
        var task = new WitComponentizeRoots { BuildEngine = _engine, Items = items, ProjectDirectory = _project.Path, ProjectFile = "app.csproj" };
        bool ok = task.Execute();
        Assert.Equal(ok, _engine.Errors.Count == 0);
        return task.Roots;
    }

    [Fact]
    public void The_files_of_wit_become_the_root_wit_with_every_world_they_name()
    {
        // What componentize-dotnet's props add, with the metadata a user sets through <Wit Update=...>.
        var roots = Run(
            Item("component.wit", ("World", "lib")),
            Item("wit/types.wit", ("World", "app; tool")),
            Item("wit/world.wit", ("World", "app"), ("Namespace", "MyApp.Core")));

        Assert.Empty(_engine.Errors);
        Assert.Equal(new[] { "component.wit", "wit" + Path.DirectorySeparatorChar }, roots.Select(r => r.ItemSpec));
        Assert.Equal("lib", roots[0].GetMetadata("World"));
        Assert.Equal("app,tool", roots[1].GetMetadata("World"));
        Assert.Equal("MyApp.Core", roots[1].GetMetadata("Namespace"));
    }

    [Fact]
    public void A_directory_item_keeps_its_metadata_and_takes_the_files_inside_it()
    {
        var roots = Run(
            Item("wit/types.wit"),
            Item("wit/world.wit"),
            Item("wit/", ("World", "app"), ("StringEncoding", "utf16")),
            Item("other/extra.wit", ("World", "extra")));

        Assert.Empty(_engine.Errors);
        Assert.Equal(new[] { "wit/", "other/extra.wit" }, roots.Select(r => r.ItemSpec));
        Assert.Equal("utf16", roots[0].GetMetadata("StringEncoding"));
        Assert.Equal("extra", roots[1].GetMetadata("World"));
    }

    [Fact]
    public void A_file_in_wit_that_is_not_wit_text_stays_an_item_of_its_own()
    {
        // componentize-dotnet's OCI example: <Wit Include="wit/wit.wasm" Registry="..." /> (WIT0106 and WIT0004 follow).
        var roots = Run(Item("wit/wit.wasm", ("Registry", "registry.example/wit:0.1.0")), Item("wit/world.wit"));

        Assert.Equal(new[] { "wit/wit.wasm", "wit" + Path.DirectorySeparatorChar }, roots.Select(r => r.ItemSpec));
        Assert.Equal("registry.example/wit:0.1.0", roots[0].GetMetadata("Registry"));
        Assert.Equal("", roots[1].GetMetadata("Registry"));
    }

    [Fact]
    public void Files_of_wit_that_disagree_on_an_option_are_an_error_saying_how_to_write_one_item()
    {
        Run(Item("wit/types.wit", ("Namespace", "A")), Item("wit/world.wit", ("Namespace", "B")));

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("WIT0107", error.Code);
        Assert.Equal("app.csproj", error.File);
        Assert.Contains("'wit/types.wit' and 'wit/world.wit' give Namespace different values ('A' and 'B')", error.Message);
        Assert.Contains("<Wit Remove=\"wit/*.wit\" /> <Wit Include=\"wit/\" Namespace=\"...\" />", error.Message);
    }
}

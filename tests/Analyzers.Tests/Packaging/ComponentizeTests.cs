using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.Analyzers.Tests.Packaging;

/// <summary>
/// WitTools.Bindings in a componentize-dotnet project (issue 11, item 6), through real `dotnet build`s. The
/// componentize-dotnet packages cannot be installed here, so stand-ins take their place under their package ids
/// (ComponentizeStandIn/: the same target names, hooks, conditions, items and properties; their wit-bindgen writes
/// C# that fails to compile, their LinkNativeLlvm records the linker arguments). Checked: the README's
/// factorization quickstart builds with both packages; componentize-dotnet's generator never runs; the linker gets
/// exactly one <c>--component-type</c> per world, naming a file under obj/ that resolves, alone and without
/// features, to that world; the string encoding reaches the linker; misconfigurations are one clear error.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackagingCollection.Name)]
public sealed class ComponentizeTests(PackedBindings packed)
{
    public const string StandInVersion = "0.0.0-wittools-stand-in";
    private const string SdkPackage = "BytecodeAlliance.Componentize.DotNet.Wasm.SDK";
    private const string WitBindgenPackage = "BytecodeAlliance.Componentize.DotNet.WitBindgen";

    // A second WIT root beside the project file, as componentize-dotnet's templates lay it out.
    private const string LibraryWit = """
        package demo:lib;

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

    private const string LibraryCode = """
        namespace MyApp.Lib.Demo.Lib;

        public static partial class LibraryWorld
        {
            private static partial Ops.IOps CreateOps() => new Upper();
        }

        internal sealed class Upper : Ops.IOps
        {
            public string ToUpper(string s) => s.ToUpperInvariant();
        }
        """;

    [Fact]
    public void The_quickstart_builds_with_componentize_dotnet_and_hands_the_linker_one_component_type_per_world()
    {
        PackStandIns(packed.Feed);
        string app = packed.NewDirectory("componentize");
        string readme = File.ReadAllText(Path.Combine(PackedBindings.Repository, "README.md"));
        File.WriteAllText(Path.Combine(app, "nuget.config"), ReadmeQuickstartTests.Block(readme, "nuget.config").Replace("/path/to/WitTools/nupkg", packed.Feed));
        File.WriteAllText(Path.Combine(app, "Factorizer.cs"), ReadmeQuickstartTests.Block(readme, "csharp"));
        string wit = Path.Combine(app, "wit");
        Directory.CreateDirectory(wit);
        foreach (string file in Directory.GetFiles(global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization"), "*.wit"))
            File.Copy(file, Path.Combine(wit, Path.GetFileName(file)));
        // The recipe of docs/componentize.md, less what needs NativeAOT-LLVM (RuntimeIdentifier wasi-wasm and its packages).
        File.WriteAllText(Path.Combine(app, "MyApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Library</OutputType>
                <RootNamespace>MyApp</RootNamespace>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{SdkPackage}" Version="{StandInVersion}" />
                <PackageReference Include="WitTools.Bindings" Version="{packed.Version}" PrivateAssets="all" />
              </ItemGroup>
              <ItemGroup Condition="'$(TestLibrary)' == 'true'">
                <Wit Update="component.wit" World="library" Namespace="MyApp.Lib" StringEncoding="utf16" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), """
            <Project>
              <ItemGroup Condition="'$(TestLateWit)' == 'true'">
                <Wit Include="late/" />
              </ItemGroup>
            </Project>
            """);
        var restore = packed.Restore(app);
        Assert.True(restore.ExitCode == 0, restore.Output);
        string obj = Path.Combine(app, "obj", "Debug", "net10.0");

        // 1. The README's quickstart with both packages: one set of bindings (ours), no wit-bindgen run, and the
        //    linker gets the component type of `factorizer`, the one world of wit/ (whose files componentize-dotnet's
        //    props add one by one).
        var build = PackedBindings.Dotnet(app, "build", "--no-restore");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output);
        Assert.Equal(new[] { "LinkNativeLlvm" }, StandInLog(app));
        Assert.False(Directory.Exists(Path.Combine(obj, "wit_bindgen")));
        var linked = LinkerArguments(obj);
        string factorizer = Path.Combine(obj, "wittools", "wittools_factorization_0.1.0_factorizer.wit");
        Assert.Equal(new[] { ComponentTypeArgument(factorizer) }, linked);
        AssertComponentType(factorizer, "factorizer", imports: new[] { "wittools:factorization/progress@0.1.0", "wittools:factorization/types@0.1.0" },
            exports: new[] { "wittools:factorization/factorize@0.1.0" });
        string editorConfig = File.ReadAllText(Path.Combine(obj, "MyApp.GeneratedMSBuildEditorConfig.editorconfig"));
        Assert.Contains("build_metadata.AdditionalFiles.WitRoot = " + wit + Path.DirectorySeparatorChar, editorConfig);

        // 2. A second root, the template's component.wit beside the project file, selected with <Wit Update> as
        //    componentize-dotnet documents it, in utf16: the linker takes one string encoding for all worlds.
        File.WriteAllText(Path.Combine(app, "component.wit"), LibraryWit);
        File.WriteAllText(Path.Combine(app, "Upper.cs"), LibraryCode);
        var mixed = PackedBindings.Dotnet(app, "build", "--no-restore", "-p:TestLibrary=true");
        Assert.NotEqual(0, mixed.ExitCode);
        Assert.Contains("MyApp.csproj : error WIT0107: The worlds of this project use different string encodings (demo:lib/library: utf16, wittools:factorization/factorizer@0.1.0: utf8)", mixed.Output);

        var utf16 = PackedBindings.Dotnet(app, "build", "--no-restore", "-p:TestLibrary=true", "-p:WitStringEncoding=utf16");
        Assert.True(utf16.ExitCode == 0, utf16.Output);
        Assert.Contains(" 0 Warning(s)", utf16.Output);
        string library = Path.Combine(obj, "wittools", "demo_lib_library.wit");
        Assert.Equal(new[] { ComponentTypeArgument(library), ComponentTypeArgument(factorizer), "-Wl,--string-encoding,utf16" }, LinkerArguments(obj));
        AssertComponentType(library, "library", imports: Array.Empty<string>(), exports: new[] { "demo:lib/ops" });
        Assert.DoesNotContain("wit-bindgen", string.Join("\n", StandInLog(app)));

        // 3. A <Wit> item added after WitTools.Bindings took the items over (Directory.Build.targets) would reach
        //    componentize-dotnet's generator: one error that says so, before anything runs.
        Directory.CreateDirectory(Path.Combine(app, "late"));
        File.WriteAllText(Path.Combine(app, "late", "late.wit"), "package demo:late;\n\nworld late {}\n");
        var late = PackedBindings.Dotnet(app, "build", "--no-restore", "-p:TestLateWit=true");
        Assert.NotEqual(0, late.ExitCode);
        Assert.Contains("error WIT0107: The <Wit> items 'late/' were added after WitTools.Bindings took the project's <Wit> items over from componentize-dotnet", late.Output);
        Assert.DoesNotContain(StandInLog(app), t => t.StartsWith("WitCompile_", StringComparison.Ordinal));

        // 4. The stand-ins do catch a second set of bindings: without the wiring, componentize-dotnet's generator runs.
        var unwired = PackedBindings.Dotnet(app, "build", "--no-restore", "-p:WitToolsComponentize=false", "-p:TestLibrary=true", "-p:WitStringEncoding=utf16");
        Assert.NotEqual(0, unwired.ExitCode);
        Assert.Contains("error CS1029: #error: 'componentize-dotnet's wit-bindgen (stand-in) generated bindings for 'component.wit'", unwired.Output);
        Assert.Contains("WitCompile_InvokeTool", StandInLog(app));
    }

    /// <summary>The stand-in packages in the feed, under componentize-dotnet's ids (the SDK package depends on the
    /// WitBindgen package, as the real one does), with a version no public feed has.</summary>
    private static void PackStandIns(string feed)
    {
        string assets = Path.Combine(PackedBindings.Repository, "tests", "Analyzers.Tests", "Packaging", "ComponentizeStandIn");
        Pack(feed, assets, WitBindgenPackage, dependency: null);
        Pack(feed, assets, SdkPackage, dependency: WitBindgenPackage);
    }

    private static void Pack(string feed, string assets, string id, string? dependency)
    {
        string package = Path.Combine(feed, $"{id}.{StandInVersion}.nupkg");
        if (File.Exists(package)) return;
        using var zip = ZipFile.Open(package, ZipArchiveMode.Create);
        string dependencies = dependency is null ? "" : $"<dependencies><dependency id=\"{dependency}\" version=\"{StandInVersion}\" /></dependencies>";
        using (var nuspec = new StreamWriter(zip.CreateEntry(id + ".nuspec").Open()))
        {
            nuspec.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{StandInVersion}</version>
                    <authors>WitTools tests</authors>
                    <description>Stand-in for componentize-dotnet's {id} (tests only).</description>
                    {dependencies}
                  </metadata>
                </package>
                """);
        }
        foreach (string extension in new[] { ".props", ".targets" })
            zip.CreateEntryFromFile(Path.Combine(assets, id + extension), "build/" + id + extension);
    }

    private static string[] StandInLog(string app)
    {
        string log = Path.Combine(app, "obj", "componentize-stand-in.log");
        var lines = File.Exists(log) ? File.ReadAllLines(log) : Array.Empty<string>();
        File.Delete(log);
        return lines;
    }

    private static string[] LinkerArguments(string obj) =>
        File.ReadAllLines(Path.Combine(obj, "componentize-stand-in.linker-args")).Where(l => l.Length > 0).ToArray();

    private static string ComponentTypeArgument(string file) => "-Wl,--component-type,\"" + file.Replace('\\', '/') + "\"";

    /// <summary>The file as wasm-component-ld reads it: resolved alone, no features; the only world of its package.</summary>
    private static void AssertComponentType(string file, string world, string[] imports, string[] exports)
    {
        var load = WitLoader.LoadText(file, File.ReadAllText(file), FeatureSet.None);
        Assert.True(load.Success, load.RenderDiagnostics());
        var resolve = load.Resolve!;
        var only = resolve.Worlds[Assert.Single(resolve.Worlds.Ids)];
        Assert.Equal(world, only.Name);
        Assert.Equal(imports, only.Imports.Keys.Select(resolve.NameWorldKey).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(exports, only.Exports.Keys.Select(resolve.NameWorldKey).OrderBy(k => k, StringComparer.Ordinal));
        Assert.DoesNotMatch(new Regex("@unstable|@since|include "), File.ReadAllText(file));
    }
}

using System;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace WitTools.Analyzers.Tests.Packaging;

/// <summary>
/// Packs WitTools.Bindings into a temporary local feed, creates a fresh project that references it, and
/// runs the real `dotnet build` (one restore, four builds, one design-time build). Slow (about a minute) but part of the normal
/// test run, so CI (`dotnet test WitTools.sln`) runs it; filter it out locally with
/// `--filter Category!=EndToEnd`. Offline-capable: the package comes from the local feed and the project
/// needs no other package; the machine's NuGet configuration stays in effect.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackagingCollection.Name)]
public sealed class PackageEndToEndTests(PackedBindings packed)
{
    // Imports WASI 0.2.12 interfaces whose packages are copied from ../shared/wit-corpus into wit/deps.
    private const string ValidWit = "package demo:calc;\n\ninterface math {\n  add: func(a: s32, b: s32) -> s32;\n}\n\nworld calculator {\n  import math;\n  import wasi:clocks/wall-clock@0.2.12;\n  import wasi:cli/environment@0.2.12;\n  import wasi:random/random@0.2.12;\n}\n";
    private const string BrokenWit = "package demo:calc;\n\ninterface math {\n  add: func(a: s32 b: s32) -> s32;\n}\n\nworld calculator {\n  import math;\n}\n";

    private readonly string _dir = packed.NewDirectory("bindings");

    [Fact]
    public void Package_generates_bindings_and_reports_wit_errors_in_dotnet_build()
    {
        string app = Path.Combine(_dir, "app");
        Directory.CreateDirectory(Path.Combine(app, "wit"));

        // 1. The package packed once for this run (PackedBindings).
        using (var zip = ZipFile.OpenRead(packed.Package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/WitTools.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/WitTools.WitParser.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/WitTools.BindGen.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/WitTools.Analyzers.CodeFixes.dll", entries);
            Assert.Contains("build/WitTools.Bindings.props", entries);
            Assert.Contains("build/WitTools.Bindings.targets", entries);
            // the MSBuild tasks of the componentize-dotnet wiring, with the libraries they load from their folder
            Assert.Contains("tools/netstandard2.0/WitTools.Analyzers.Tasks.dll", entries);
            Assert.Contains("tools/netstandard2.0/WitTools.WitParser.dll", entries);
            Assert.Contains("tools/netstandard2.0/WitTools.BindGen.dll", entries);
            Assert.DoesNotContain(entries, e => e.Contains("Microsoft.Build", StringComparison.Ordinal));
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
            Assert.Contains("README.md", entries);
            // deterministic builds with their symbols embedded (an analyzer package has no lib/ for a .snupkg)
            foreach (var assembly in zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
                Assert.True(global::WitTools.Tests.Shared.PackedAssembly.Inspect(assembly) == (true, true), assembly.FullName);
            // ready to publish (issue 11): a readme, a license expression, repository metadata, zero pack warnings
            using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            string text = nuspec.ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", text);
            Assert.Contains("<readme>README.md</readme>", text);
            Assert.Contains("<repository type=\"git\"", text);
        }
        Assert.DoesNotContain("warning", packed.PackOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("missing a readme", packed.PackOutput, StringComparison.Ordinal);
        string version = packed.Version;

        // 2. A fresh project: wit/ folder, a world chosen through a property so every build reuses one restore.
        packed.WriteNugetConfig(_dir);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>App</RootNamespace>
                <RestorePackagesPath>{packed.Packages}</RestorePackagesPath>
                <TestWorld Condition="'$(TestWorld)' == ''">calculator</TestWorld>
                <DefineConstants Condition="'$(TestSecondRoot)' == 'true'">$(DefineConstants);SECOND_ROOT</DefineConstants>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="WitTools.Bindings" Version="{version}" />
                <Wit Include="wit/" World="$(TestWorld)" />
                <Wit Include="tool/" Condition="'$(TestSecondRoot)' == 'true'" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            namespace App;

            public static class Use
            {
                public static int Call() => Demo.Calc.Math.Add(1, 2);

                // Types and functions generated from the WASI 0.2.12 packages in wit/deps.
                public static ulong Seconds()
                {
                    Wasi.Clocks.WallClock.Datetime now = Wasi.Clocks.WallClock.Now();
                    return now.Seconds;
                }

                public static int Variables() => Wasi.Cli.Environment.GetEnvironment().Length;

                public static byte[] Noise() => Wasi.Random.Random.GetRandomBytes(16);
            #if SECOND_ROOT
                // A second <Wit> root in the same namespace: its own world, the WASI interfaces it shares
                // with the first root generated once.
                public static ulong Tool() => Demo.Tool.ToolWorld.Started() + Wasi.Clocks.WallClock.Now().Seconds;
            #endif
            }
            """);
        string witFile = Path.Combine(app, "wit", "calc.wit");
        File.WriteAllText(witFile, ValidWit);
        CopyWasiDependencies(Path.Combine(app, "wit", "deps"));
        Directory.CreateDirectory(Path.Combine(app, "tool"));
        File.WriteAllText(Path.Combine(app, "tool", "tool.wit"),
            "package demo:tool;\n\nworld tool {\n  import wasi:clocks/wall-clock@0.2.12;\n  import wasi:random/random@0.2.12;\n  import started: func() -> u64;\n}\n");
        CopyWasiDependencies(Path.Combine(app, "tool", "deps"));

        // The machine's sources stay configured; an unreachable one (offline) must not fail the restore,
        // since the only package comes from the local feed.
        var restore = Dotnet(app, "restore", "-p:RestoreIgnoreFailedSources=true");
        Assert.True(restore.ExitCode == 0, restore.Output);

        // 3. A valid world builds, and the user's code calls the generated bindings.
        var ok = Dotnet(app, "build", "--no-restore");
        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.Contains(" 0 Warning(s)", ok.Output);

        // 3b. What an IDE's design-time build hands the compiler (C# Dev Kit and dotnet-format run the same
        // targets, forcing CoreCompile with NonExistentFile as Visual Studio does): the .wit files as additional files with their metadata, and the generator, so the
        // bindings exist in IntelliSense before any real build.
        var designTime = Dotnet(app, "msbuild", "-t:Compile", "-p:DesignTimeBuild=true", "-p:BuildingProject=false",
            "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true", "-p:NonExistentFile=__NonExistentSubDir__/__NonExistentFile__",
            "-getItem:CscCommandLineArgs");
        Assert.True(designTime.ExitCode == 0, designTime.Output);
        Assert.Contains("/additionalfile:" + witFile, designTime.Output.Replace("\\\\", "\\"));
        Assert.Contains(Path.Combine("wit", "deps", "clocks", "wall-clock.wit"), designTime.Output.Replace("\\\\", "\\"));
        Assert.Contains("WitTools.Analyzers.dll", designTime.Output);
        string editorConfig = Assert.Single(Directory.GetFiles(Path.Combine(app, "obj"), "App.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories));
        Assert.Contains("build_metadata.AdditionalFiles.WitWorld = calculator", File.ReadAllText(editorConfig));

        // 3c. A second <Wit> root sharing WASI interfaces with the first, in the same namespace.
        var twoRoots = Dotnet(app, "build", "--no-restore", "-p:TestSecondRoot=true");
        Assert.True(twoRoots.ExitCode == 0, twoRoots.Output);
        Assert.Contains(" 0 Warning(s)", twoRoots.Output);

        // 4. A syntax error is reported at file(line,col) in the .wit file.
        File.WriteAllText(witFile, BrokenWit);
        var broken = Dotnet(app, "build", "--no-restore");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains(Path.Combine("wit", "calc.wit") + "(4,20): error WIT0001: expected ')', found an identifier", broken.Output);

        // 5. An unknown world names the available ones.
        File.WriteAllText(witFile, ValidWit);
        var unknown = Dotnet(app, "build", "--no-restore", "-p:TestWorld=nope");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains(Path.Combine("wit", "calc.wit") + "(7,7): error WIT0100: world `nope` not found in package `demo:calc`; available worlds: demo:calc/calculator", unknown.Output);

        // 6. An export nobody implements is one WIT0201 at the export (the analyzer and generator ship in the
        // package), not CS8795 inside the generated file.
        File.WriteAllText(witFile, ValidWit + "\nworld service {\n  include calculator;\n  export ping: func() -> u32;\n}\n");
        var unimplemented = Dotnet(app, "build", "--no-restore", "-p:TestWorld=service");
        Assert.NotEqual(0, unimplemented.ExitCode);
        Assert.Contains(Path.Combine("wit", "calc.wit") + "(16,10): error WIT0201: world 'service' exports function 'ping' but nothing implements it", unimplemented.Output);
        Assert.DoesNotContain("CS8795", unimplemented.Output);

        // 7. A world importing wasi:http 0.2.12, whose `types` declares the deprecated `field-key`: the user's WIT
        // does not name it, so no WIT0005 (issue 11: every wasi:http project got a warning it could not act on).
        CopyWitFiles(global::WitTools.Tests.Shared.WitCorpus.Package("wasi-0.2.12", "http"), Path.Combine(app, "wit", "deps", "http"));
        File.WriteAllText(witFile, ValidWit + "\nworld web {\n  include calculator;\n  import wasi:http/types@0.2.12;\n}\n");
        var web = Dotnet(app, "build", "--no-restore", "-p:TestWorld=web");
        Assert.True(web.ExitCode == 0, web.Output);
        Assert.DoesNotContain("WIT0005", web.Output);
        Assert.Contains(" 0 Warning(s)", web.Output);
    }

    /// <summary>wit/deps as a user would lay it out: one folder per WASI 0.2.12 package the world needs
    /// (cli's own folder plus the packages it depends on), copied from the corpus.</summary>
    private static void CopyWasiDependencies(string deps)
    {
        string cli = global::WitTools.Tests.Shared.WitCorpus.Package("wasi-0.2.12", "cli");
        CopyWitFiles(cli, Path.Combine(deps, "cli"));
        foreach (string package in Directory.GetDirectories(Path.Combine(cli, "deps")))
            CopyWitFiles(package, Path.Combine(deps, Path.GetFileName(package)));
    }

    private static void CopyWitFiles(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*.wit")) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] args) =>
        global::WitTools.Tests.Shared.DotnetProcess.Run(workingDirectory, args);
}

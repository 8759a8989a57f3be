using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using WitTools.Cli.Tests.TestSupport;
using WitTools.Tests.Shared;

namespace WitTools.Cli.Tests.Packaging;

/// <summary>
/// `dotnet pack tools/wit-bindgen-cs` gives a dotnet tool package that installs from a local folder and
/// runs as `wit-bindgen-cs`. Real `dotnet pack` and `dotnet tool install` (trait EndToEnd; about 15 s).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void Cli_packs_as_a_dotnet_tool_that_installs_and_runs()
    {
        using var dir = new TempDir();
        string feed = System.IO.Path.Combine(dir.Path, "feed");
        string tools = System.IO.Path.Combine(dir.Path, "tools");

        // The test project already built the CLI in this configuration (project reference).
        var pack = DotnetProcess.Run(RepositoryPaths.Root, "pack", System.IO.Path.Combine("tools", "wit-bindgen-cs", "wit-bindgen-cs.csproj"),
            "--no-build", "-c", Configuration, "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        string package = Assert.Single(Directory.GetFiles(feed, "WitTools.Cli.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains(entries, e => e.StartsWith("tools/net10.0/any/", StringComparison.Ordinal) && e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            Assert.Contains(entries, e => e.EndsWith("/wit-bindgen-cs.dll", StringComparison.Ordinal));
            Assert.Contains(entries, e => e.EndsWith("/WitTools.WitParser.dll", StringComparison.Ordinal));
            Assert.Contains(entries, e => e.EndsWith("/WitTools.BindGen.dll", StringComparison.Ordinal));
            Assert.Contains(entries, e => e.EndsWith("/System.CommandLine.dll", StringComparison.Ordinal));
            Assert.Contains("README.md", entries);
            // deterministic builds with their symbols embedded (Source Link maps them to the repository)
            foreach (string assembly in new[] { "wit-bindgen-cs.dll", "WitTools.WitParser.dll", "WitTools.BindGen.dll" })
                Assert.Equal((true, true), PackedAssembly.Inspect(zip.Entries.Single(e => e.FullName.EndsWith("/" + assembly, StringComparison.Ordinal))));
        }
        // ready to publish (issue 11): zero pack warnings, a readme, a license expression, repository metadata
        Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("missing a readme", pack.Output, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead(package))
        {
            using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            string text = nuspec.ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", text);
            Assert.Contains("<readme>README.md</readme>", text);
            Assert.Contains("<repository type=\"git\"", text);
            var settings = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            using var reader = new StreamReader(settings.Open());
            Assert.Contains("<Command Name=\"wit-bindgen-cs\"", reader.ReadToEnd());
        }
        string version = System.IO.Path.GetFileNameWithoutExtension(package).Substring("WitTools.Cli.".Length);

        // Install into a private tool path from the local folder only (works offline).
        var install = DotnetProcess.Run(dir.Path, "tool", "install", "WitTools.Cli", "--version", version,
            "--tool-path", tools, "--source", feed);
        Assert.True(install.ExitCode == 0, install.Output);

        // The installed command runs: a valid example checks, a broken file is a located error with exit 1.
        string command = System.IO.Path.Combine(tools, OperatingSystem.IsWindows() ? "wit-bindgen-cs.exe" : "wit-bindgen-cs");
        var ok = Run(command, "check", RepositoryPaths.Example("factorization"));
        Assert.True(ok.ExitCode == 0, ok.Output);

        string bad = dir.Write("bad.wit", "package a:b;\n\ninterface i {\n  type x = list<u32;\n}\n");
        var broken = Run(command, "check", bad);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("expected '>', found ';'", broken.Output);
        Assert.Contains("bad.wit:4:20", broken.Output);
    }

    private static (int ExitCode, string Output) Run(string command, params string[] args) =>
        DotnetProcess.RunProgram(command, RepositoryPaths.Root, TimeSpan.FromMinutes(1), args);
}

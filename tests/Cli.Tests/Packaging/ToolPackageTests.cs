using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using WitTools.Cli.Tests.TestSupport;
using WitTools.Tests.Shared;

namespace WitTools.Cli.Tests.Packaging;

/// <summary>
/// `dotnet pack tools/wit-bindgen-cs` gives a dotnet tool: the pointer package WitTools.Cli (which lists the RID
/// packages), the framework-dependent WitTools.Cli.any, and the NativeAOT WitTools.Cli.&lt;rid&gt; of this machine
/// when its RID is one the project ships. Real `dotnet pack` (with the NativeAOT compile, about a minute) and
/// `dotnet tool install` from a local folder (trait EndToEnd; one test, so the native compile happens once).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The RIDs with a NativeAOT package (ToolPackageRuntimeIdentifiers of the csproj, less `any`).</summary>
    private static readonly string[] NativeRuntimeIdentifiers = { "linux-x64" };

    [Fact]
    public void Cli_packs_as_a_dotnet_tool_that_installs_and_runs_natively_with_a_framework_dependent_fallback()
    {
        using var dir = new TempDir();
        string feed = System.IO.Path.Combine(dir.Path, "feed");
        string project = System.IO.Path.Combine("tools", "wit-bindgen-cs", "wit-bindgen-cs.csproj");
        string rid = RuntimeInformation.RuntimeIdentifier;
        bool native = NativeRuntimeIdentifiers.Contains(rid);

        // The test project already built the CLI in this configuration (project reference); the RID packages
        // build their own output under bin/<configuration>/net10.0/<rid>/.
        var pack = DotnetProcess.Run(RepositoryPaths.Root, TimeSpan.FromMinutes(10), "pack", project, "--no-build", "-c", Configuration, "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        // ready to publish (issue 11) and AOT-clean (issue 10): zero pack, trim and AOT warnings, a readme,
        // a license expression, repository metadata
        Assert.DoesNotContain("warning", pack.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("missing a readme", pack.Output, StringComparison.Ordinal);
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(System.IO.Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var expected = new List<string> { "WitTools.Cli.0.1.0.nupkg", "WitTools.Cli.any.0.1.0.nupkg" };
        if (native) expected.Add($"WitTools.Cli.{rid}.0.1.0.nupkg");
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), packages);
        string version = "0.1.0";

        // The pointer package: metadata and the list of RID packages, no implementation.
        using (var zip = ZipFile.OpenRead(System.IO.Path.Combine(feed, "WitTools.Cli.0.1.0.nupkg")))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.DoesNotContain(entries, e => e.EndsWith(".dll", StringComparison.Ordinal));
            string nuspec = Read(zip, ".nuspec");
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
            Assert.Contains("<readme>README.md</readme>", nuspec);
            Assert.Contains("<repository type=\"git\"", nuspec);
            Assert.Contains("<packageType name=\"DotnetTool\"", nuspec);
            string settings = Read(zip, "tools/any/any/DotnetToolSettings.xml");
            Assert.Contains("<Command Name=\"wit-bindgen-cs\"", settings);
            Assert.Contains("<RuntimeIdentifierPackage RuntimeIdentifier=\"any\" Id=\"WitTools.Cli.any\"", settings);
            foreach (var listed in NativeRuntimeIdentifiers)
            {
                Assert.Contains($"<RuntimeIdentifierPackage RuntimeIdentifier=\"{listed}\" Id=\"WitTools.Cli.{listed}\"", settings);
            }
        }
        // The framework-dependent package: the assemblies, run by `dotnet`.
        using (var zip = ZipFile.OpenRead(System.IO.Path.Combine(feed, "WitTools.Cli.any.0.1.0.nupkg")))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            foreach (var assembly in new[] { "wit-bindgen-cs.dll", "WitTools.WitParser.dll", "WitTools.BindGen.dll", "WitTools.LanguageServer.dll", "System.CommandLine.dll" })
            {
                Assert.Contains("tools/net10.0/any/" + assembly, entries);
            }
            // deterministic builds with their symbols embedded (Source Link maps them to the repository)
            foreach (string assembly in new[] { "wit-bindgen-cs.dll", "WitTools.WitParser.dll", "WitTools.BindGen.dll" })
                Assert.Equal((true, true), PackedAssembly.Inspect(zip.GetEntry("tools/net10.0/any/" + assembly)!));
            Assert.Contains("Runner=\"dotnet\"", Read(zip, "tools/net10.0/any/DotnetToolSettings.xml"));
            Assert.Contains("<packageType name=\"DotnetToolRidPackage\"", Read(zip, ".nuspec"));
        }
        if (native)
        {
            // The NativeAOT package: one executable (no symbol file, no assemblies).
            using var zip = ZipFile.OpenRead(System.IO.Path.Combine(feed, $"WitTools.Cli.{rid}.0.1.0.nupkg"));
            var tools = zip.Entries.Select(e => e.FullName).Where(e => e.StartsWith("tools/", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal);
            string executable = OperatingSystem.IsWindows() ? "wit-bindgen-cs.exe" : "wit-bindgen-cs";
            Assert.Equal(new[] { $"tools/any/{rid}/DotnetToolSettings.xml", $"tools/any/{rid}/{executable}" }, tools);
            Assert.Contains("Runner=\"executable\"", Read(zip, $"tools/any/{rid}/DotnetToolSettings.xml"));
        }

        // Installed from the folder only (works offline): this machine gets its native package when there is one.
        string command = Install(dir, "tools", feed, version);
        string store = File.ResolveLinkTarget(command, returnFinalTarget: true)?.FullName ?? command;
        if (native) Assert.Contains($"wittools.cli.{rid}", store, StringComparison.Ordinal);
        RunsCheckAndTheLanguageServer(dir, command);

        // The fallback every other platform gets: a pointer that lists only `any` (packed without building
        // again), beside the same `any` package.
        string anyFeed = System.IO.Path.Combine(dir.Path, "any-feed");
        var pointer = DotnetProcess.Run(RepositoryPaths.Root, "pack", project, "--no-build", "--no-restore", "-c", Configuration, "-o", anyFeed,
            "-p:ToolPackageRuntimeIdentifiers=any", "-p:PackRuntimePackages=false");
        Assert.True(pointer.ExitCode == 0, pointer.Output);
        File.Copy(System.IO.Path.Combine(feed, "WitTools.Cli.any.0.1.0.nupkg"), System.IO.Path.Combine(anyFeed, "WitTools.Cli.any.0.1.0.nupkg"));
        string fallback = Install(dir, "any-tools", anyFeed, version);
        Assert.Contains("wittools.cli.any", Directory.GetDirectories(System.IO.Path.Combine(dir.Path, "any-tools", ".store", "wittools.cli", version)).Select(System.IO.Path.GetFileName));
        RunsCheckAndTheLanguageServer(dir, fallback);
    }

    private static string Install(TempDir dir, string folder, string feed, string version)
    {
        string tools = System.IO.Path.Combine(dir.Path, folder);
        var install = DotnetProcess.Run(dir.Path, "tool", "install", "WitTools.Cli", "--version", version, "--tool-path", tools, "--source", feed);
        Assert.True(install.ExitCode == 0, install.Output);
        return System.IO.Path.Combine(tools, OperatingSystem.IsWindows() ? "wit-bindgen-cs.exe" : "wit-bindgen-cs");
    }

    /// <summary>The installed command runs: a valid example and WASI's http check, a broken file is a located
    /// error with exit 1, and `lsp` answers initialize, shutdown and exit over stdio.</summary>
    private static void RunsCheckAndTheLanguageServer(TempDir dir, string command)
    {
        var ok = Run(command, "check", RepositoryPaths.Example("factorization"));
        Assert.True(ok.ExitCode == 0, ok.Output);
        var http = Run(command, "check", WitCorpus.Package("wasi-0.2.12", "http"));
        Assert.True(http.ExitCode == 0, http.Output);

        string bad = dir.Write("bad.wit", "package a:b;\n\ninterface i {\n  type x = list<u32;\n}\n");
        var broken = Run(command, "check", bad);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("expected '>', found ';'", broken.Output);
        Assert.Contains("bad.wit:4:20", broken.Output);

        var (exitCode, stdout, stderr) = RunLanguageServer(command,
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}""",
            """{"jsonrpc":"2.0","method":"initialized","params":{}}""",
            """{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere/x.wit"},"position":{"line":0,"character":0}}}""",
            """{"jsonrpc":"2.0","id":3,"method":"shutdown"}""",
            """{"jsonrpc":"2.0","method":"exit"}""");
        Assert.True(exitCode == 0, $"lsp exited with {exitCode}: {stdout}\n{stderr}");
        Assert.Contains("\"id\":1,\"result\":{\"capabilities\":{\"positionEncoding\":\"utf-16\"", stdout);
        Assert.Contains("\"name\":\"wit-bindgen-cs lsp\"", stdout);
        Assert.Contains("\"id\":2,\"result\":null", stdout);
        Assert.Contains("\"id\":3,\"result\":null", stdout);
    }

    private static (int ExitCode, string Output) Run(string command, params string[] args) =>
        DotnetProcess.RunProgram(command, RepositoryPaths.Root, TimeSpan.FromMinutes(1), args);

    private static (int ExitCode, string Stdout, string Stderr) RunLanguageServer(string command, params string[] messages)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("lsp");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var input = process.StandardInput.BaseStream;
        foreach (var message in messages)
        {
            byte[] body = Encoding.UTF8.GetBytes(message);
            input.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
            input.Write(body);
        }
        input.Flush();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, stdout.Result, "timed out; " + stderr.Result);
        }
        process.StandardInput.Close();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Read(ZipArchive zip, string nameEnd)
    {
        using var reader = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(nameEnd, StringComparison.Ordinal)).Open());
        return reader.ReadToEnd();
    }
}

using System;
using System.IO;
using System.Linq;

namespace WitTools.Analyzers.Tests.Packaging;

/// <summary>
/// WitTools.Bindings packed once per test run into a temporary feed, shared by every end-to-end test (packing
/// takes seconds; the tests that build against it run one after another in the <see cref="PackagingCollection"/>).
/// Also a packages folder of its own, so no build reads a stale WitTools.Bindings 0.1.0 from the machine's cache.
/// </summary>
public sealed class PackedBindings : IDisposable
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public PackedBindings()
    {
        Directory.CreateDirectory(Feed);
        // The test project already built the analyzer in this configuration.
        var pack = Dotnet(Repository, "pack", Path.Combine("src", "Analyzers", "Analyzers.csproj"), "--no-build", "-c", Configuration, "-o", Feed);
        PackOutput = pack.Output;
        if (pack.ExitCode != 0) throw new InvalidOperationException(pack.Output);
        Package = Directory.GetFiles(Feed, "WitTools.Bindings.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(Package).Substring("WitTools.Bindings.".Length);
    }

    public static string Repository => global::WitTools.Tests.Shared.RepositoryPaths.Root;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "wittools-e2e-" + Guid.NewGuid().ToString("N"));
    public string Feed => Path.Combine(Root, "feed");
    public string Packages => Path.Combine(Root, "packages");
    public string Package { get; }
    public string Version { get; }

    /// <summary>What `dotnet pack` printed (the packaging tests check it has no warnings).</summary>
    public string PackOutput { get; }

    /// <summary>Writes a <c>nuget.config</c> adding the feed as a package source into <paramref name="directory"/>.</summary>
    public void WriteNugetConfig(string directory) => File.WriteAllText(Path.Combine(directory, "nuget.config"),
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"wittools-e2e\" value=\"" + Feed + "\" />\n  </packageSources>\n</configuration>\n");

    /// <summary>A fresh directory for one test's projects.</summary>
    public string NewDirectory(string name)
    {
        string dir = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Restore of a project against the feed: the machine's sources stay configured, an unreachable one
    /// (offline) must not fail it, and packages go to this run's own folder.</summary>
    public (int ExitCode, string Output) Restore(string projectDirectory) =>
        Dotnet(projectDirectory, "restore", "-p:RestoreIgnoreFailedSources=true", "-p:RestorePackagesPath=" + Packages);

    public static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] args) =>
        global::WitTools.Tests.Shared.DotnetProcess.Run(workingDirectory, args);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The end-to-end tests that build against <see cref="PackedBindings"/>, run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedBindings>
{
    public const string Name = "Packaging";
}

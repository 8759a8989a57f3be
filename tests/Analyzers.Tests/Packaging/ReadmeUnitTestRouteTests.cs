using System;
using System.IO;

namespace WitTools.Analyzers.Tests.Packaging;

/// <summary>
/// The README's unit-test route (issue 11 item 5), followed literally: the quickstart component in <c>MyApp/</c>, the
/// test project of step 7 in <c>MyApp.Tests/</c> with its C# sample, the <c>nuget.config</c> in the folder above both;
/// `dotnet test` runs the component's logic in plain .NET against the fake <c>progress</c> host, and the test showing
/// the managed exception an import throws when nothing provides it passes (before, the process died with an
/// AccessViolationException in WitMemory.LowerString).
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackagingCollection.Name)]
public sealed class ReadmeUnitTestRouteTests(PackedBindings packed)
{
    [Fact]
    public void The_readme_test_project_tests_the_factorization_logic_with_a_fake_progress_host()
    {
        string readme = File.ReadAllText(Path.Combine(PackedBindings.Repository, "README.md"));
        string root = packed.NewDirectory("unit-tests");
        File.WriteAllText(Path.Combine(root, "nuget.config"),
            ReadmeQuickstartTests.Block(readme, "nuget.config").Replace("/path/to/WitTools/nupkg", packed.Feed));

        string app = Path.Combine(root, "MyApp");
        Directory.CreateDirectory(Path.Combine(app, "wit"));
        File.WriteAllText(Path.Combine(app, "MyApp.csproj"), ReadmeQuickstartTests.Block(readme, "csproj"));
        File.WriteAllText(Path.Combine(app, "Factorizer.cs"), ReadmeQuickstartTests.Block(readme, "csharp"));
        foreach (string file in Directory.GetFiles(global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization"), "*.wit"))
            File.Copy(file, Path.Combine(app, "wit", Path.GetFileName(file)));

        string tests = Path.Combine(root, "MyApp.Tests");
        Directory.CreateDirectory(tests);
        string testProject = ReadmeQuickstartTests.Block(readme, "test-csproj");
        Assert.Contains($"Include=\"WitTools.Bindings\" Version=\"{packed.Version}\"", testProject);
        File.WriteAllText(Path.Combine(tests, "MyApp.Tests.csproj"), testProject);
        File.WriteAllText(Path.Combine(tests, "FactorizerTests.cs"), ReadmeQuickstartTests.Block(readme, "test-csharp"));

        // The component first: it puts the freshly packed WitTools.Bindings into this run's packages folder. The test
        // project then finds it there, and the test packages (xunit, the test SDK) in the machine's own packages
        // folder, where restoring this repository's tests put them (so this works offline, as CI may be).
        var restoreApp = packed.Restore(app);
        Assert.True(restoreApp.ExitCode == 0, restoreApp.Output);
        var restoreTests = PackedBindings.Dotnet(tests, "restore", "-p:RestoreIgnoreFailedSources=true", "-p:RestorePackagesPath=" + packed.Packages,
            "-p:RestoreAdditionalProjectFallbackFolders=" + MachinePackages());
        Assert.True(restoreTests.ExitCode == 0, restoreTests.Output);

        var build = PackedBindings.Dotnet(tests, "build", "--no-restore");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output);
        var test = PackedBindings.Dotnet(tests, "test", "--no-build");
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("Passed!  - Failed:     0, Passed:     3, Skipped:     0, Total:     3", test.Output);
    }

    /// <summary>The machine's NuGet packages folder (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    private static string MachinePackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}

using System.IO;
using WitTools.Cli.Tests.TestSupport;
using WitTools.Tests.Shared;

namespace WitTools.Cli.Tests.Commands;

/// <summary>
/// What `generate` writes is a project's source as it stands (issue 11 item 7): the factorization world with
/// `--stubs`, in a plain net10.0 project with the one property the README asks for, builds with a real `dotnet build`
/// with zero warnings; without that property the compiler reports CS0227, as the README says (trait EndToEnd).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class GeneratedCodeBuildTests
{
    private const string UnsafeProperty = "<AllowUnsafeBlocks>true</AllowUnsafeBlocks>";

    [Fact]
    public void Generated_code_builds_in_a_plain_project_with_the_property_the_readme_names()
    {
        string readme = File.ReadAllText(System.IO.Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains("`" + UnsafeProperty + "` (without it the compiler reports CS0227)", readme);

        using var dir = new TempDir();
        var run = CliRun.Of("generate", RepositoryPaths.Example("factorization"), "--world", "factorizer",
            "--out", System.IO.Path.Combine(dir.Path, "gen"), "--stubs", "--namespace", "MyApp");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        dir.Write("MyApp.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <PropertyGroup Condition="'$(WithoutUnsafe)' != 'true'">
                {UnsafeProperty}
              </PropertyGroup>
            </Project>
            """);

        var restore = DotnetProcess.Run(dir.Path, "restore", "-p:RestoreIgnoreFailedSources=true");
        Assert.True(restore.ExitCode == 0, restore.Output);
        var build = DotnetProcess.Run(dir.Path, "build", "--no-restore");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output);

        var withoutUnsafe = DotnetProcess.Run(dir.Path, "build", "--no-restore", "--no-incremental", "-p:WithoutUnsafe=true");
        Assert.NotEqual(0, withoutUnsafe.ExitCode);
        Assert.Contains("error CS0227", withoutUnsafe.Output);
    }
}

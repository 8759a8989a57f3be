using System.IO;
using System.Linq;
using WitTools.Cli.Tests.TestSupport;
using WitTools.Tests.Shared;

namespace WitTools.Cli.Tests.Commands;

/// <summary>`generate --host`: host bindings (docs/host-bindings.md), usage errors for guest-only options, refusals located.</summary>
public class GenerateHostCommandTests
{
    [Fact]
    public void Writes_host_bindings_and_the_host_runtime()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");

        var run = CliRun.Of("generate", "--host", RepositoryPaths.Example("factorization"), "--world", "factorizer", "--out", output);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var files = Directory.GetFiles(output).Select(Path.GetFileName).OrderBy(f => f, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(new[]
        {
            "WitRuntime.cs", "Wittools.Factorization.Factorize.Host.cs", "Wittools.Factorization.Factorize.cs", "Wittools.Factorization.FactorizerHost.cs",
            "Wittools.Factorization.FactorizerWorld.cs", "Wittools.Factorization.Progress.Host.cs", "Wittools.Factorization.Progress.cs",
            "Wittools.Factorization.Types.cs",
        }, files);
        Assert.Contains("public static FactorizerHost Instantiate(global::Wit.WitComponent component, global::Wit.Wittools.Factorization.Progress.IHost progress",
            File.ReadAllText(Path.Combine(output, "Wittools.Factorization.FactorizerHost.cs")));
        Assert.Contains("// WitTools runtime: Host/WitNative.cs", File.ReadAllText(Path.Combine(output, "WitRuntime.cs")));
    }

    [Theory]
    [InlineData("--stubs")]
    [InlineData("--string-encoding", "utf16")]
    public void Guest_only_options_are_usage_errors(params string[] option)
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");

        var run = CliRun.Of(new[] { "generate", "--host", RepositoryPaths.Example("factorization"), "--out", output }.Concat(option).ToArray());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: --host cannot be combined with " + option[0], run.Stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_stream_is_refused_at_its_location()
    {
        using var dir = new TempDir();
        string file = dir.Write("s.wit", "package a:s;\nworld w {\n  export read: func() -> stream<u8>;\n}\n");
        string output = Path.Combine(dir.Path, "out");

        var run = CliRun.Of("generate", "--host", file, "--out", output);

        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Contains("`stream<u8>` cannot cross to the host: Wasmtime 50's component C API panics", run.Stderr);
        Assert.Contains("s.wit:3:", run.Stderr);
        Assert.False(Directory.Exists(output));
    }
}

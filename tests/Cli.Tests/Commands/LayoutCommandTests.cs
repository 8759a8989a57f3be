using System.Linq;
using System.Text.Json;
using WitTools.Cli.Tests.TestSupport;
using WitTools.Tests.Shared;

namespace WitTools.Cli.Tests.Commands;

/// <summary>`layout`: canonical-ABI facts as JSON, both conventions, and rejection of types the ABI cannot represent.</summary>
public class LayoutCommandTests
{
    [Fact]
    public void Json_reports_sizes_offsets_and_signatures()
    {
        var run = CliRun.Of("layout", RepositoryPaths.Example("factorization"), "--json");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var error = json.RootElement.GetProperty("wittools:factorization/types@0.1.0.factor-error");
        Assert.Equal(24, error.GetProperty("size").GetInt32());
        Assert.Equal(8, error.GetProperty("align").GetInt32());
        Assert.Equal(8, error.GetProperty("payload_offset").GetInt32());
        Assert.Equal(new[] { "i32", "i64", "i32", "i64" }, error.GetProperty("flat").EnumerateArray().Select(e => e.GetString()));

        var factor = json.RootElement.GetProperty("functions").GetProperty("wittools:factorization/factorize@0.1.0#factor");
        Assert.True(factor.GetProperty("results_spill").GetBoolean());
        Assert.Equal(new[] { "i32" }, factor.GetProperty("results").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Lower_convention_passes_spilled_results_through_an_out_pointer()
    {
        var run = CliRun.Of("layout", RepositoryPaths.Example("factorization"), "--json", "--convention", "lower");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var factor = json.RootElement.GetProperty("functions").GetProperty("wittools:factorization/factorize@0.1.0#factor");
        Assert.Equal(new[] { "i64", "i32", "i32", "i64", "i32" }, factor.GetProperty("params").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(factor.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void Flags_with_more_than_32_members_are_rejected_with_the_type_named()
    {
        using var dir = new TempDir();
        string members = string.Join(", ", Enumerable.Range(0, 33).Select(i => $"member{i}"));
        string file = dir.Write("f.wit", $"package a:b;\ninterface i {{\n  flags too-many {{ {members} }}\n}}\n");
        var run = CliRun.Of("layout", file, "--json");
        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("a:b/i.too-many", run.Stderr);
    }

    [Fact]
    public void An_unknown_world_is_an_error()
    {
        var run = CliRun.Of("layout", RepositoryPaths.Example("factorization"), "--world", "nope");
        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Contains("nope", run.Stderr);
    }

    [Fact]
    public void An_unknown_convention_is_a_usage_error()
    {
        var run = CliRun.Of("layout", RepositoryPaths.Example("factorization"), "--convention", "sideways");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }
}

using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using WitTools.Cli.Tests.TestSupport;
using WitTools.Tests.Shared;

namespace WitTools.Cli.Tests.Commands;

/// <summary>The CLI contract: exit 0 ok, 1 WIT error on stderr, 2 usage error; real argument lists.</summary>
public class CommandLineTests
{
    [Fact]
    public void Check_accepts_the_factorization_example()
    {
        var run = CliRun.Of("check", RepositoryPaths.Example("factorization"));
        Assert.Equal("", run.Stderr);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [Fact]
    public void Resolve_prints_the_model_as_json()
    {
        var run = CliRun.Of("resolve", RepositoryPaths.Example("factorization"));
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var packages = json.RootElement.GetProperty("packages");
        Assert.Equal("wittools:factorization@0.1.0", packages[0].GetProperty("name").GetString());
        var worlds = json.RootElement.GetProperty("worlds");
        Assert.Equal("factorizer", worlds[0].GetProperty("name").GetString());
    }

    [Fact]
    public void A_wit_error_exits_1_with_a_located_message_on_stderr()
    {
        using var dir = new TempDir();
        string file = dir.Write("bad.wit", "package a:b;\n\ninterface i {\n  type x = list<u32;\n}\n");
        var run = CliRun.Of("check", file);
        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("expected '>', found ';'", run.FirstErrorLine);
        Assert.Contains($"--> {file}:4:20", run.Stderr);
    }

    [Fact]
    public void Check_reports_every_resolution_error_of_a_file_at_its_token()
    {
        using var dir = new TempDir();
        string file = dir.Write("five.wit",
            "package a:b;\n" +
            "interface i {\n" +
            "  f: func(a: one) -> two;\n" +
            "  type t = three;\n" +
            "  type t = u32;\n" +
            "  g: func(b: four);\n" +
            "}\n");
        var run = CliRun.Of("check", file);
        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        var locations = Regex.Matches(run.Stderr, @"--> .*five\.wit:(\d+:\d+)").Select(m => m.Groups[1].Value).ToArray();
        // The first is wit-parser's (type names are checked before anything is resolved); the rest in source order.
        Assert.Equal(new[] { "5:8", "3:14", "3:22", "4:12", "6:14" }, locations);
        Assert.Equal("name `t` is defined more than once", run.FirstErrorLine);
        Assert.Contains("type `three` does not exist", run.Stderr);
        Assert.Contains("name `four` does not exist", run.Stderr);
    }

    [Fact]
    public void Check_prints_the_first_50_errors_then_how_many_more()
    {
        using var dir = new TempDir();
        var text = new StringBuilder("package a:b;\ninterface i {\n");
        for (int i = 0; i < 73; i++) text.Append($"  fn{i}: func() -> missing{i};\n");
        string file = dir.Write("many.wit", text.Append("}\n").ToString());
        var run = CliRun.Of("check", file);
        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Equal(50, Regex.Matches(run.Stderr, "does not exist").Count);
        Assert.Equal("… and 23 more errors", run.Stderr.TrimEnd('\n').Split('\n').Last());
    }

    [Fact]
    public void Resolve_with_an_error_writes_nothing_on_stdout()
    {
        using var dir = new TempDir();
        string file = dir.Write("bad.wit", "package a:b;\ninterface i { f: func() -> nope; }\n");
        var run = CliRun.Of("resolve", file);
        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("name `nope` does not exist", run.Stderr);
    }

    [Fact]
    public void A_missing_path_is_a_wit_error_naming_the_path()
    {
        string missing = Path.Combine(Path.GetTempPath(), "wittools-no-such-dir", "x.wit");
        var run = CliRun.Of("check", missing);
        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Contains(missing, run.Stderr);
    }

    [Theory]
    [InlineData("frobnicate x.wit")]
    [InlineData("check")]
    [InlineData("check x.wit --no-such-option")]
    [InlineData("")]
    public void Usage_errors_exit_2(string commandLine)
    {
        var run = CliRun.Of(commandLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--help", run.Stderr);
    }

    [Fact]
    public void Features_are_gated_by_the_features_option()
    {
        using var dir = new TempDir();
        string file = dir.Write("gated.wit",
            "package a:b;\ninterface i {\n  @unstable(feature = shiny)\n  f: func();\n}\n");

        var off = CliRun.Of("resolve", file);
        var on = CliRun.Of("resolve", "--features", "other,shiny", file);
        var repeated = CliRun.Of("resolve", "--features", "other", "--features", "shiny", file);
        var all = CliRun.Of("resolve", "--all-features", file);

        Assert.Equal(ExitCodes.Ok, off.ExitCode);
        Assert.DoesNotContain("\"f\"", off.Stdout);
        Assert.Equal(ExitCodes.Ok, on.ExitCode);
        Assert.Contains("\"f\"", on.Stdout);
        Assert.Contains("\"f\"", repeated.Stdout);
        Assert.Contains("\"f\"", all.Stdout);
    }

    [Fact]
    public void Print_output_resolves_to_the_same_model()
    {
        string example = RepositoryPaths.Example("factorization");
        var original = CliRun.Of("resolve", example);
        var printed = CliRun.Of("print", example);
        Assert.Equal(ExitCodes.Ok, printed.ExitCode);

        using var dir = new TempDir();
        string file = dir.Write("printed.wit", printed.Stdout);
        var again = CliRun.Of("resolve", file);
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Equal(original.Stdout, again.Stdout);
    }

    [Fact]
    public void Print_keeps_feature_gated_items_with_their_gates()
    {
        using var dir = new TempDir();
        string file = dir.Write("gated.wit",
            "package a:b;\ninterface i {\n  @unstable(feature = shiny)\n  f: func(x: option<string>);\n  g: func();\n}\n");

        var printed = CliRun.Of("print", file);
        Assert.Equal(ExitCodes.Ok, printed.ExitCode);
        Assert.Contains("@unstable(feature = shiny)", printed.Stdout);

        // Equivalent under every feature selection, including the anonymous type the gated function leaves behind.
        string again = dir.Write("printed.wit", printed.Stdout);
        Assert.Equal(CliRun.Of("resolve", file).Stdout, CliRun.Of("resolve", again).Stdout);
        Assert.Equal(CliRun.Of("resolve", "--all-features", file).Stdout, CliRun.Of("resolve", "--all-features", again).Stdout);
    }
}

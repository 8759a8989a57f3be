using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using WitTools.Cli.Commands;
using WitTools.Cli.Tests.TestSupport;

namespace WitTools.Cli.Tests.Commands;

/// <summary>`generate`'s progress on stderr: shown for a large world only (decided by the size of the work, never the
/// clock), plain lines when stderr is redirected, one rewritten line on a terminal; stdout's `wrote` lines unchanged.</summary>
public class GenerateProgressTests
{
    /// <summary>A package whose world `all` imports <paramref name="interfaces"/> interfaces of one function each (two
    /// files each) and <paramref name="functions"/> functions of its own.</summary>
    private static string Package(TempDir dir, int interfaces, int functions)
    {
        var text = new StringBuilder("package a:big;\n");
        for (int i = 0; i < interfaces; i++) text.Append($"interface iface-{i} {{ f: func(x: u32) -> string; }}\n");
        text.Append("world all {\n");
        for (int i = 0; i < interfaces; i++) text.Append($"  import iface-{i};\n");
        for (int i = 0; i < functions; i++) text.Append($"  import call-{i}: func();\n");
        text.Append("}\n");
        return dir.Write("big.wit", text.ToString());
    }

    private static readonly Regex Elapsed = new(@", \d+\.\d s$");

    [Fact]
    public void A_world_at_the_threshold_shows_each_stage_and_each_quarter_of_the_files_as_plain_lines()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");
        // 500 interfaces: 1,000 interface files + the world class, the runtime and the world's WIT
        var run = CliRun.Of("generate", Package(dir, GenerateProgress.Threshold, 0), "--out", output);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = run.Stderr.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.Matches(Elapsed, line));
        Assert.Equal(new[]
        {
            "binding world `a:big/all`: 500 imports and exports",
            $"writing 1,003 files to {output}: 0 (0%)",
            $"writing 1,003 files to {output}: 251 (25%)",
            $"writing 1,003 files to {output}: 502 (50%)",
            $"writing 1,003 files to {output}: 753 (75%)",
        }, lines.Take(5).Select(line => Elapsed.Replace(line, "")));
        Assert.Matches(@"^wrote 1,003 files \(\d+\.\d MB\) to " + Regex.Escape(output) + "$", Elapsed.Replace(lines[5], ""));
        Assert.Equal(6, lines.Length);
        // stdout is as for any run: one `wrote` line per file
        Assert.Equal(1003, run.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("wrote ", System.StringComparison.Ordinal)));
        Assert.Equal(1003, Directory.GetFiles(output).Length);
    }

    [Fact]
    public void A_smaller_world_prints_no_progress()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("generate", Package(dir, 0, GenerateProgress.Threshold - 1), "--out", Path.Combine(dir.Path, "out"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void On_a_terminal_one_line_is_rewritten_and_ended_by_the_summary()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");
        // the world's own functions count too: 500 items, 3 files
        var run = CliRun.OnTerminal("generate", Package(dir, 0, GenerateProgress.Threshold), "--out", output);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith("\rbinding world `a:big/all`: 500 imports and exports, ", run.Stderr);
        Assert.EndsWith("\n", run.Stderr);
        Assert.Single(run.Stderr, c => c == '\n');
        var shown = run.Stderr.TrimEnd('\n').Split('\r').Skip(1).ToArray();
        Assert.Matches(@"^wrote 3 files \(\d+\.\d MB\) to .*, \d+\.\d s\s*$", shown[^1]);
        // every update of the line blanks what is left of a longer one before it
        for (int i = 1; i < shown.Length; i++) Assert.True(shown[i].Length >= shown[i - 1].TrimEnd().Length, shown[i]);
    }

    [Fact]
    public void An_error_after_progress_starts_on_a_line_of_its_own()
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(Path.Combine(output, "A.Big.AllWorld.cs"));

        var run = CliRun.OnTerminal("generate", Package(dir, 0, GenerateProgress.Threshold), "--out", output);

        Assert.Equal(ExitCodes.OutputError, run.ExitCode);
        Assert.Contains("imports and exports, ", run.Stderr);
        Assert.Contains("\nerror: cannot write `" + Path.Combine(output, "A.Big.AllWorld.cs") + "`: a directory of that name is in the way\n", run.Stderr);
    }
}

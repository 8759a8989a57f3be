using System;
using System.IO;
using System.Linq;
using System.Text;
using WitTools.Cli.Tests.TestSupport;

namespace WitTools.Cli.Tests.Robustness;

/// <summary>
/// Bad or extreme input ends in a clear WIT error (exit 1, a located message, nothing on stdout) or in success:
/// never an exception, a stack overflow or a hang.
/// </summary>
public class InputRobustnessTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_bytes_are_a_clear_error(int seed)
    {
        using var dir = new TempDir();
        var bytes = new byte[64 * 1024];
        new Random(seed).NextBytes(bytes);
        string file = Path.Combine(dir.Path, "random.wit");
        File.WriteAllBytes(file, bytes);

        var run = CliRun.Of("resolve", file);

        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("random.wit", run.Stderr);
    }

    [Fact]
    public void Random_printable_text_is_a_located_syntax_error()
    {
        using var dir = new TempDir();
        var random = new Random(7);
        const string alphabet = "abcxyz-_:;.,{}()<>=@/%*# \n\t0123456789";
        string text = new string(Enumerable.Range(0, 20_000).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        string file = dir.Write("noise.wit", text);

        var run = CliRun.Of("check", file);

        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Matches(@"--> .*noise\.wit:\d+:\d+", run.Stderr);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_naming_the_file()
    {
        using var dir = new TempDir();
        string file = Path.Combine(dir.Path, "latin1.wit");
        File.WriteAllBytes(file, Encoding.ASCII.GetBytes("package a:b;\n// caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray());

        var run = CliRun.Of("check", file);

        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Contains("utf-8", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(file, run.Stderr);
    }

    [Theory]
    [InlineData("list<", ">")]
    [InlineData("option<", ">")]
    [InlineData("tuple<", ">")]
    [InlineData("result<", ">")]
    public void Types_nested_100000_deep_are_a_clear_error(string open, string close)
    {
        using var dir = new TempDir();
        const int depth = 100_000;
        var text = new StringBuilder("package a:b;\ninterface i {\n  type t = ");
        text.Insert(text.Length, open, depth).Append("u8").Insert(text.Length, close, depth).Append(";\n}\n");
        string file = dir.Write("deep.wit", text.ToString());

        var run = CliRun.Of("check", file);

        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Contains("too deep", run.Stderr);
        Assert.Contains("deep.wit:3:", run.Stderr);
    }

    [Fact]
    public void Nested_block_comments_100000_deep_do_not_overflow()
    {
        using var dir = new TempDir();
        const int depth = 100_000;
        string text = "package a:b;\n" + string.Concat(Enumerable.Repeat("/*", depth)) + string.Concat(Enumerable.Repeat("*/", depth)) + "\ninterface i {}\n";
        string file = dir.Write("comments.wit", text);

        var run = CliRun.Of("check", file);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [Fact]
    public void A_100MB_file_with_an_error_at_its_end_reports_the_last_line()
    {
        using var dir = new TempDir();
        string file = Path.Combine(dir.Path, "huge.wit");
        const int lines = 1_600_000; // 64-byte lines: ~100 MB
        using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(false)))
        {
            writer.Write("package a:b;\ninterface i {\n");
            string line = "  /// documentation line that pads the file to a hundred megabytes" .Substring(0, 63);
            for (int i = 0; i < lines; i++) writer.Write(line + "\n");
            writer.Write("  f: func() -> nope;\n}\n");
        }
        Assert.True(new FileInfo(file).Length > 100_000_000);

        var run = CliRun.Of("check", file);

        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.StartsWith("name `nope` does not exist", run.Stderr);
        Assert.Contains($"huge.wit:{lines + 3}:16", run.Stderr);
    }

    [Fact]
    public void An_empty_directory_says_no_package_was_found()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("check", dir.Path);
        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Contains("no `package` header", run.Stderr);
    }

    [Fact]
    public void A_deps_folder_entry_that_is_not_a_package_is_named()
    {
        using var dir = new TempDir();
        dir.Write("main.wit", "package a:b;\ninterface i {}\n");
        dir.Write("deps/broken/readme.txt", "not wit\n");

        var run = CliRun.Of("check", dir.Path);

        Assert.Equal(ExitCodes.WitError, run.ExitCode);
        Assert.Contains("failed to parse dependency directory", run.Stderr);
        Assert.Contains("broken", run.Stderr);
    }

    [Fact]
    public void A_directory_with_deps_resolves_the_dependency_first()
    {
        using var dir = new TempDir();
        dir.Write("main.wit", "package app:main;\nworld w {\n  import dep:lib/api@1.0.0;\n}\n");
        dir.Write("deps/lib/api.wit", "package dep:lib@1.0.0;\ninterface api {\n  ping: func() -> u32;\n}\n");

        var run = CliRun.Of("resolve", dir.Path);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        int dep = run.Stdout.IndexOf("\"dep:lib@1.0.0\"", StringComparison.Ordinal);
        int app = run.Stdout.IndexOf("\"app:main\"", StringComparison.Ordinal);
        Assert.True(dep >= 0 && app > dep, "the dependency package comes before the package that uses it");
    }
}

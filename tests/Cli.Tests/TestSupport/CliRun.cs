using System;
using System.IO;

namespace WitTools.Cli.Tests.TestSupport;

/// <summary>Runs `wit-bindgen-cs` in-process with real arguments and captures both streams.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args) => Run(args, stderrIsTerminal: false);

    /// <summary>As if stderr were a terminal (progress rewrites one line with <c>\r</c>; kept as written).</summary>
    public static CliRun OnTerminal(params string[] args) => Run(args, stderrIsTerminal: true);

    private static CliRun Run(string[] args, bool stderrIsTerminal)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter { NewLine = "\n" };
        int code = WitCli.Run(args, stdout, stderr, stderrIsTerminal);
        string errors = stderr.ToString();
        return new CliRun(code, stdout.ToString(), stderrIsTerminal ? errors : errors.Replace("\r\n", "\n"));
    }

    public string FirstErrorLine => Stderr.Split('\n')[0];
}

/// <summary>A temporary directory deleted at dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wittools-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string contents)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, contents);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

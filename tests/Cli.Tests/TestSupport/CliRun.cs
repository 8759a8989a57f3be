using System;
using System.IO;

namespace WitTools.Cli.Tests.TestSupport;

/// <summary>Runs `wit-bindgen-cs` in-process with real arguments and captures both streams.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = WitCli.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString().Replace("\r\n", "\n"));
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

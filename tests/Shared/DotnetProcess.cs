using System;
using System.Diagnostics;
using System.Text;

namespace WitTools.Tests.Shared;

/// <summary>Runs the real `dotnet` CLI (pack, restore, build, tool install) and other programs for end-to-end tests.</summary>
internal static class DotnetProcess
{
    /// <summary>Runs `dotnet args…` in <paramref name="workingDirectory"/>; the output holds the command line,
    /// the exit code and both streams, ready to be an assertion message.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, TimeSpan.FromMinutes(4), args);

    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunProgram("dotnet", workingDirectory, timeout, args);

    /// <summary>Runs any program the same way (e.g. an installed dotnet tool); MSBuild switches are only added
    /// for `dotnet` MSBuild verbs.</summary>
    public static (int ExitCode, string Output) RunProgram(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (program == "dotnet" && IsMSBuildVerb(args))
        {
            // No build servers: nothing outlives the test, and no compiler server caches an older analyzer.
            info.ArgumentList.Add("-nodeReuse:false");
            info.ArgumentList.Add("-p:UseSharedCompilation=false");
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The test host's MSBuild variables must not leak into the child build.
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBuildSDKsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            lock (output) return (-1, $"{program} {string.Join(" ", args)} timed out after {timeout}:\n{output}");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, $"{program} {string.Join(" ", args)} (exit {process.ExitCode}):\n{output}");
    }

    private static bool IsMSBuildVerb(string[] args) =>
        args.Length > 0 && args[0] is "build" or "pack" or "restore" or "msbuild" or "publish" or "test";
}

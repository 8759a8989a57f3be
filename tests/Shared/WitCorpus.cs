using System;
using System.IO;
using System.Linq;

namespace WitTools.Tests.Shared;

/// <summary>
/// The real WASI WIT packages (../shared/wit-corpus beside the checkout; CI provides them there). Tests that
/// need them fail with a clear message when the corpus is missing instead of silently passing.
/// </summary>
internal static class WitCorpus
{
    private static readonly Lazy<string> s_root = new(Locate);

    /// <summary>The corpus folder (holds wasi-0.2.12/ and wasi-0.3.0/).</summary>
    public static string Root => s_root.Value;

    /// <summary>One package folder of one release, e.g. <c>Package("wasi-0.2.12", "cli")</c>.</summary>
    public static string Package(string release, string package) => Path.Combine(Root, release, package);

    private static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("WITTOOLS_WIT_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new InvalidOperationException("WITTOOLS_WIT_CORPUS names no directory: " + fromEnvironment);
        }
        string repo = RepositoryPaths.Root;
        // A clone sits beside shared/; a worktree under <workspace>/wt/NAME sits two levels below it.
        var candidates = new[]
        {
            Path.Combine(repo, "..", "shared", "wit-corpus"),
            Path.Combine(repo, "..", "..", "shared", "wit-corpus"),
        }.Select(Path.GetFullPath).ToArray();
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException(
                "the WASI WIT corpus was not found (looked at " + string.Join(", ", candidates) +
                "); put shared/wit-corpus beside the checkout or set WITTOOLS_WIT_CORPUS");
    }
}

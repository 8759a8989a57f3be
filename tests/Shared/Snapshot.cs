using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace WitTools.Tests.Shared;

/// <summary>
/// Snapshot assertions: compares text with a `*.verified.*` file stored next to the calling test source.
/// Set WITTOOLS_UPDATE_SNAPSHOTS=1 to (re)write the verified files; review them like code. A missing
/// verified file fails the test (and writes a `.received.` file to look at) unless updating.
/// </summary>
public static class Snapshot
{
    public static void Match(string actual, string name, string extension = "txt", [CallerFilePath] string testFile = "")
    {
        string dir = Path.GetDirectoryName(testFile)!;
        string stem = Path.GetFileNameWithoutExtension(testFile) + "." + name;
        string verified = Path.Combine(dir, stem + ".verified." + extension);
        string received = Path.Combine(dir, stem + ".received." + extension);
        string normalized = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable("WITTOOLS_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, normalized);
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, normalized);
            throw new SnapshotMismatchException($"No snapshot {verified}; wrote {received}. Review it, then run with WITTOOLS_UPDATE_SNAPSHOTS=1.");
        }

        string expected = File.ReadAllText(verified).Replace("\r\n", "\n");
        if (expected != normalized)
        {
            File.WriteAllText(received, normalized);
            throw new SnapshotMismatchException($"Snapshot {verified} differs from the output (written to {received}):\n{FirstDifference(expected, normalized)}");
        }
        if (File.Exists(received)) File.Delete(received);
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>", al = i < a.Length ? a[i] : "<end>";
            if (el != al) return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
        }
        return "(line endings only)";
    }
}

public sealed class SnapshotMismatchException : Exception
{
    public SnapshotMismatchException(string message) : base(message) { }
}

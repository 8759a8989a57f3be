using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace WitTools.BindGen.Tests;

/// <summary>
/// Compares text with <c>&lt;TestFile&gt;.&lt;name&gt;.verified.txt</c> next to the test source. With
/// WITTOOLS_UPDATE_SNAPSHOTS=1 the file is (re)written instead; on a mismatch the actual text is left in
/// a <c>.received.txt</c> file for diffing.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        actual = actual.Replace("\r\n", "\n");
        string directory = Path.GetDirectoryName(testFile)!;
        string stem = Path.Combine(directory, Path.GetFileNameWithoutExtension(testFile) + "." + name);
        string verified = stem + ".verified.txt";
        string received = stem + ".received.txt";
        if (Environment.GetEnvironmentVariable("WITTOOLS_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail("missing snapshot " + verified + " (run with WITTOOLS_UPDATE_SNAPSHOTS=1 to create it)");
        }
        string expected = File.ReadAllText(verified).Replace("\r\n", "\n");
        if (expected != actual) File.WriteAllText(received, actual);
        else if (File.Exists(received)) File.Delete(received);
        Assert.Equal(expected, actual);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace WitTools.Benchmarks;

/// <summary>The front-end benchmark inputs (issue 10), as the paths a user would load.</summary>
public enum FrontEndInput
{
    /// <summary>wasi-0.2.12/http with its deps/ (about 140 KB).</summary>
    WasiHttp,

    /// <summary>Every package folder of WASI 0.2.12 and 0.3.0, each loaded with its deps/.</summary>
    AllWasi,

    /// <summary>A generated package of about 1 MB (<see cref="WitCorpusGenerator"/>), as a folder of 64 KB files.</summary>
    Generated1MB,

    /// <summary>The same shape, about 10 MB.</summary>
    Generated10MB,
}

internal static class FrontEndInputs
{
    /// <summary>The paths to load for an input (one load per path), generating the package on first use.</summary>
    public static IReadOnlyList<string> Paths(FrontEndInput input)
    {
        string corpus = CorpusLocator.Find();
        switch (input)
        {
            case FrontEndInput.WasiHttp:
                return new[] { Path.Combine(corpus, "wasi-0.2.12", "http") };
            case FrontEndInput.AllWasi:
                return new[] { "wasi-0.2.12", "wasi-0.3.0" }
                    .SelectMany(release => Directory.GetDirectories(Path.Combine(corpus, release)).OrderBy(d => d, StringComparer.Ordinal))
                    .ToArray();
            case FrontEndInput.Generated1MB:
                return new[] { Generated(1_000_000) };
            default:
                return new[] { Generated(10_000_000) };
        }
    }

    /// <summary>A generated package folder of about <paramref name="bytes"/> bytes (written once per size).</summary>
    public static string Generated(int bytes)
    {
        string dir = Path.Combine(Path.GetTempPath(), "wittools-bench", "generated-" + bytes);
        string marker = Path.Combine(dir, ".complete");
        if (!File.Exists(marker))
        {
            WitCorpusGenerator.WriteDirectory(dir, bytes);
            File.WriteAllText(marker, "");
        }
        return dir;
    }

    /// <summary>Total size of the .wit files a load of the input reads (deps included, once per load).</summary>
    public static long Size(FrontEndInput input) => Paths(input).Sum(SizeOf);

    public static long SizeOf(string path) =>
        Directory.EnumerateFiles(path, "*.wit", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    /// <summary>The file groups of one load, as the loader forms them: the folder's own .wit files, then each
    /// deps/ entry (a folder's .wit files, or a single .wit file), in sorted order.</summary>
    public static List<string[]> Groups(string path)
    {
        var groups = new List<string[]> { WitFiles(path) };
        string deps = Path.Combine(path, "deps");
        if (!Directory.Exists(deps)) return groups;
        foreach (var entry in Directory.EnumerateFileSystemEntries(deps).OrderBy(e => Path.GetFileName(e), StringComparer.Ordinal))
        {
            if (Directory.Exists(entry)) groups.Add(WitFiles(entry));
            else if (entry.EndsWith(".wit", StringComparison.Ordinal)) groups.Add(new[] { entry });
        }
        return groups;
    }

    private static string[] WitFiles(string dir) =>
        Directory.GetFiles(dir, "*.wit").OrderBy(f => f, StringComparer.Ordinal).ToArray();
}

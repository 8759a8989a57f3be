using System;
using System.IO;

namespace WitTools.Benchmarks;

internal static class CorpusLocator
{
    /// <summary>The WASI corpus: `shared/wit-corpus` beside the checkout (or beside any folder above it).</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "wit-corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/wit-corpus not found beside the checkout");
    }

    /// <summary>The checkout: the folder above the benchmark's binaries that holds WitTools.sln.</summary>
    public static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WitTools.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("WitTools.sln not found above " + AppContext.BaseDirectory);
    }
}

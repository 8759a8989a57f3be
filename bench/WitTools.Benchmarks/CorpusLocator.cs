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
}

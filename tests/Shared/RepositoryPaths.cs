using System;
using System.IO;

namespace WitTools.Tests.Shared;

/// <summary>Paths of the checkout: tests run from bin/, the examples and projects live at the root.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding WitTools.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A shipped example folder: <c>wit-examples/NAME</c>.</summary>
    public static string Example(string name) => Path.Combine(Root, "wit-examples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WitTools.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("WitTools.sln not found above " + AppContext.BaseDirectory);
    }
}

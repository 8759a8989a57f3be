using System;
using System.Collections.Generic;
using WitTools.WitParser.Resolution;

namespace WitTools.LanguageServer.Workspace;

/// <summary>Finds the WIT package folders under a workspace folder: every folder holding .wit files
/// (not inside a <c>deps/</c> folder, nor a hidden or build folder). The walk is bounded in depth and count.</summary>
public static class PackageFolders
{
    public const int MaxDepth = 8;
    public const int MaxFolders = 4000;

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "deps", "node_modules", "bin", "obj", "target" };

    public static List<string> Find(string root, IWitFileSystem fileSystem)
    {
        var result = new List<string>();
        var queue = new Queue<(string Path, int Depth)>();
        queue.Enqueue((root, 0));
        int visited = 0;
        while (queue.Count > 0 && visited++ < MaxFolders)
        {
            var (path, depth) = queue.Dequeue();
            var entries = fileSystem.ListDirectory(path);
            if (entries == null) continue;
            bool hasWit = false;
            foreach (var entry in entries)
            {
                if (!entry.IsDirectory)
                {
                    hasWit |= entry.Name.EndsWith(".wit", StringComparison.Ordinal);
                    continue;
                }
                if (depth < MaxDepth && !entry.Name.StartsWith('.') && !Skipped.Contains(entry.Name)) queue.Enqueue((DocumentUris.Join(path, entry.Name), depth + 1));
            }
            if (hasWit) result.Add(path);
        }
        return result;
    }
}

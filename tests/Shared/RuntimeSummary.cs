using System;
using System.Collections.Generic;
using System.Linq;

namespace WitTools.Tests.Shared;

/// <summary>
/// What generator snapshots record of a generated <c>WitRuntime.cs</c>: which runtime files it holds in which
/// namespace (from the <c>// WitTools runtime: PATH</c> line printed before each file's code), not their text.
/// The runtime's text and behaviour are tested on their own (tests/BindGen.Tests/Runtime).
/// </summary>
internal static class RuntimeSummary
{
    private const string Marker = "// WitTools runtime: ";

    /// <summary>One line per namespace: <c>// runtime in namespace Demo: Guest/WitTrapException.cs, Guest/WitMemory.cs</c>.</summary>
    public static string Of(string text)
    {
        var files = new List<(string Namespace, List<string> Paths)>();
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith("namespace ", StringComparison.Ordinal)) files.Add((line.Substring("namespace ".Length).Trim(), new List<string>()));
            else if (line.TrimStart().StartsWith(Marker, StringComparison.Ordinal))
            {
                if (files.Count == 0) throw new InvalidOperationException("a runtime file outside any namespace: " + line);
                files[files.Count - 1].Paths.Add(line.TrimStart().Substring(Marker.Length));
            }
        }
        if (files.Sum(f => f.Paths.Count) == 0) throw new InvalidOperationException("not a generated runtime (no `" + Marker + "` line)");
        return string.Concat(files.Select(f => "// runtime in namespace " + f.Namespace + ": " + string.Join(", ", f.Paths) + "\n"));
    }
}

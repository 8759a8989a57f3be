using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace WitTools.CodegenSuite;

/// <summary>
/// Size of `generate` output (issue 8): lines per file, the total outside the runtime (every `.cs` file but
/// WitRuntime*.cs; the `.wit` copy is not code), and the repeated blocks in that code.
///
/// A repeated block is a run of consecutive lines that occurs several times without overlapping, compared
/// after normalizing what legitimately differs between two copies of the same conversion: indentation,
/// numbered temporaries (`__v12`, `__p3`) and integer literals (field offsets relative to a different base).
/// For every number of copies k ≥ 2 the longest block occurring at least k times is found (binary search
/// over the length, rolling hashes of line windows, checked line by line); the "largest" block is the one
/// with the most redundant lines, (k − 1) × length.
/// </summary>
internal static class OutputSize
{
    public sealed record FileLines(string Name, int Lines);

    /// <summary>A repeated block: its length, where each copy starts (file:line) and its first lines that
    /// say what it is (control-flow lines such as `break;` skipped).</summary>
    public sealed record Block(int Length, int Copies, IReadOnlyList<string> Starts, string Text)
    {
        public int Redundant => (Copies - 1) * Length;
    }

    /// <summary>Lines as `wc -l` counts them (newline characters).</summary>
    public static int CountLines(string text) => text.Count(c => c == '\n');

    /// <summary>The runtime support code (`WitRuntime.cs`, or `WitRuntime.*.cs` should it be split) and the
    /// `.wit` copy: not counted as bindings.</summary>
    public static bool IsRuntimeOrWit(string name) =>
        name.StartsWith("WitRuntime", StringComparison.Ordinal) || !name.EndsWith(".cs", StringComparison.Ordinal);

    public static IReadOnlyList<FileLines> Files(string dir) =>
        Directory.GetFiles(dir).Select(f => new FileLines(Path.GetFileName(f), CountLines(File.ReadAllText(f))))
            .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

    private static readonly Regex Temporary = new(@"\b(__[A-Za-z_]*?)\d+\b", RegexOptions.Compiled);
    private static readonly Regex Integer = new(@"\b\d+\b", RegexOptions.Compiled);

    private static string Normalize(string line) => Integer.Replace(Temporary.Replace(line.Trim(), "$1#"), "#");

    /// <summary>For k = 2, 3, …: the longest block with at least k copies, while it is at least
    /// <paramref name="minLength"/> lines long.</summary>
    public static IReadOnlyList<Block> RepeatedBlocks(string dir, int minLength = 10)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var seq = new List<int>();
        var where = new List<(string File, int Line, string Text)>();
        int sentinel = -1;
        foreach (var file in Directory.GetFiles(dir, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            if (IsRuntimeOrWit(name)) continue;
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string n = Normalize(lines[i]);
                if (!ids.TryGetValue(n, out int id)) ids.Add(n, id = ids.Count);
                seq.Add(id);
                where.Add((name, i + 1, lines[i].Trim()));
            }
            // no block spans two files
            seq.Add(sentinel--);
            where.Add((name, lines.Length + 1, ""));
        }
        var a = seq.ToArray();
        var blocks = new List<Block>();
        for (int k = 2; ; k++)
        {
            int lo = 0, hi = a.Length / k; // the longest length with k copies lies in [lo, hi]
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (StartWithCopies(a, mid, k) >= 0) lo = mid;
                else hi = mid - 1;
            }
            if (lo < minLength) break;
            int bestStart = StartWithCopies(a, lo, k);
            var starts = CopyStarts(a, bestStart, lo);
            if (blocks.Count > 0 && blocks[^1].Length == lo && blocks[^1].Copies == starts.Count) continue; // the same block
            string text = string.Join(" ", Enumerable.Range(bestStart, lo).Select(i => where[i].Text).Where(Telling).Take(2));
            blocks.Add(new Block(lo, starts.Count, starts.Select(p => where[p].File + ":" + where[p].Line).ToList(), text));
        }
        return blocks;
    }

    private static bool Telling(string line) =>
        line.Length > 1 && !line.StartsWith("break", StringComparison.Ordinal) && !line.StartsWith("case ", StringComparison.Ordinal) &&
        !line.StartsWith("default", StringComparison.Ordinal) && !line.StartsWith("return", StringComparison.Ordinal);

    /// <summary>The start of a block of this length with at least k non-overlapping copies, or -1.</summary>
    private static int StartWithCopies(int[] a, int length, int k)
    {
        if (length == 0) return 0;
        var hashes = WindowHashes(a, length);
        var groups = new Dictionary<ulong, List<int>>();
        for (int i = 0; i < hashes.Length; i++)
        {
            if (!groups.TryGetValue(hashes[i], out var list)) groups.Add(hashes[i], list = new List<int>());
            list.Add(i);
        }
        foreach (var list in groups.Values)
        {
            if (list.Count < k) continue;
            // confirm line by line against the first window (a hash collision must not count)
            int first = list[0], count = 1, next = first + length;
            foreach (int p in list)
            {
                if (p < next || !Same(a, first, p, length)) continue;
                count++;
                next = p + length;
            }
            if (count >= k) return first;
        }
        return -1;
    }

    private static List<int> CopyStarts(int[] a, int start, int length)
    {
        var starts = new List<int>();
        for (int p = 0; p + length <= a.Length;)
        {
            if (Same(a, start, p, length)) { starts.Add(p); p += length; }
            else p++;
        }
        return starts;
    }

    private static bool Same(int[] a, int x, int y, int length)
    {
        for (int i = 0; i < length; i++)
            if (a[x + i] != a[y + i]) return false;
        return true;
    }

    private static ulong[] WindowHashes(int[] a, int length)
    {
        const ulong B = 1_000_003;
        ulong pow = 1;
        for (int i = 0; i < length; i++) pow *= B;
        var result = new ulong[Math.Max(0, a.Length - length + 1)];
        ulong h = 0;
        for (int i = 0; i < a.Length; i++)
        {
            h = h * B + (ulong)(uint)a[i];
            if (i >= length) h -= pow * (ulong)(uint)a[i - length];
            if (i >= length - 1) result[i - length + 1] = h;
        }
        return result;
    }
}

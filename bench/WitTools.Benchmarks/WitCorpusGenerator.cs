using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace WitTools.Benchmarks;

/// <summary>
/// Generates a large, valid WIT package shaped like real WASI packages: interfaces in groups that `use` each
/// other's types, records, variants, enums, flags, aliases, resources with constructors, methods and statics,
/// freestanding functions, worlds importing and exporting the interfaces of their group, `@since` gates on
/// everything and doc comments of WASI's length (about half the text, as in wasi:http). Deterministic: the
/// same size gives the same text.
/// </summary>
public static class WitCorpusGenerator
{
    private static readonly string[] Words =
    {
        "request", "response", "stream", "error", "handle", "buffer", "socket", "address", "config", "entry",
        "record", "token", "session", "policy", "metric", "header", "field", "value", "event", "channel", "timer",
        "limit", "cursor", "store", "digest", "frame", "route", "lease", "quota", "shard",
    };

    private static readonly string[] Primitives = { "u8", "u16", "u32", "u64", "s32", "s64", "f32", "f64", "bool", "char", "string" };

    private static readonly string[] Sentences =
    {
        "This value is owned by the caller and stays valid until the next call on the same handle.",
        "Implementations may return an error when the underlying resource has been closed by the host.",
        "The order of the items matches the order in which they were received from the peer.",
        "A zero value means that no limit applies and the host picks a sensible default.",
        "Callers should not rely on the exact text, which is meant for humans and logs.",
        "When the operation would block, the function returns immediately with a pending status.",
        "The returned list is empty rather than absent when there is nothing to report.",
        "See the interface documentation for the lifetime rules that apply to borrowed handles.",
    };

    /// <summary>The package as one file of about <paramref name="targetBytes"/> bytes.</summary>
    public static string Package(int targetBytes)
    {
        var text = new StringBuilder(targetBytes + 16_384);
        text.Append("/// A generated package with the shape of the WASI packages, for throughput measurements.\n");
        text.Append("package bench:generated@1.0.0;\n\n");
        var random = new Random(20_251_204);
        for (int i = 0; text.Length < targetBytes; i++) Interface(text, random, i);
        return text.ToString();
    }

    /// <summary>Writes the package into <paramref name="directory"/> as files of about 64 KB each (a package
    /// directory, as real packages are split over files); returns the total size in bytes.</summary>
    public static long WriteDirectory(string directory, int targetBytes)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        var random = new Random(20_251_204);
        long total = 0;
        int next = 0;
        for (int file = 0; total < targetBytes; file++)
        {
            var text = new StringBuilder(70_000);
            if (file == 0) text.Append("/// A generated package with the shape of the WASI packages.\npackage bench:generated@1.0.0;\n\n");
            // Whole groups of interfaces per file, so a file's `use`s stay within it or reach back.
            while (text.Length < 64 * 1024 && total + text.Length < targetBytes)
            {
                for (int k = 0; k < GroupSize; k++) Interface(text, random, next++);
            }
            string path = Path.Combine(directory, $"part{file:D4}.wit");
            var bytes = new UTF8Encoding(false).GetBytes(text.ToString());
            File.WriteAllBytes(path, bytes);
            total += bytes.Length;
        }
        return total;
    }

    private const int GroupSize = 10;

    private static void Interface(StringBuilder text, Random random, int i)
    {
        string W() => Words[random.Next(Words.Length)];
        void Docs(string indent, int lines, string first)
        {
            text.Append(indent).Append("/// ").Append(first).Append('\n');
            for (int l = 1; l < lines; l++) text.Append(indent).Append("/// ").Append(Sentences[random.Next(Sentences.Length)]).Append('\n');
        }
        const string Since = "@since(version = 1.0.0)";

        int group = i - i % GroupSize;
        var local = new List<string>();
        Docs("", 3 + random.Next(3), $"Types and functions for {W()} {W()} handling (interface {i}).");
        text.Append(Since).Append("\ninterface iface-").Append(i).Append(" {\n");
        // Types of earlier interfaces of the same group.
        var usedFrom = new HashSet<int>();
        for (int u = 0; i > group && u < 1 + random.Next(3); u++)
        {
            int j = random.Next(group, i);
            if (!usedFrom.Add(j)) continue;
            text.Append("  ").Append(Since).Append("\n  use iface-").Append(j).Append(".{rec-").Append(j)
                .Append(", kind-").Append(j).Append(" as kind-").Append(j).Append("-alias};\n");
            local.Add("rec-" + j);
            local.Add("kind-" + j + "-alias");
        }
        string T()
        {
            int r = random.Next(10);
            if (r < 5 || local.Count == 0) return Primitives[random.Next(Primitives.Length)];
            if (r < 7) return local[random.Next(local.Count)];
            if (r < 8) return "list<" + Primitives[random.Next(Primitives.Length)] + ">";
            if (r < 9) return "option<" + local[random.Next(local.Count)] + ">";
            return "tuple<u32, " + Primitives[random.Next(Primitives.Length)] + ">";
        }

        text.Append('\n');
        Docs("  ", 2 + random.Next(2), $"The kind of a {W()}.");
        text.Append("  ").Append(Since).Append("\n  enum kind-").Append(i).Append(" {\n");
        for (int c = 0, n = 3 + random.Next(4); c < n; c++)
        {
            Docs("    ", 1, $"The {W()} case.");
            text.Append("    ").Append(W()).Append("-case-").Append(c).Append(",\n");
        }
        text.Append("  }\n");
        local.Add("kind-" + i);

        text.Append('\n');
        Docs("  ", 2 + random.Next(3), $"A {W()} record.");
        text.Append("  ").Append(Since).Append("\n  record rec-").Append(i).Append(" {\n");
        for (int f = 0, n = 3 + random.Next(5); f < n; f++)
        {
            Docs("    ", 1 + random.Next(2), $"The {W()} of this record.");
            text.Append("    ").Append(W()).Append('-').Append(f).Append(": ").Append(T()).Append(",\n");
        }
        text.Append("  }\n");
        local.Add("rec-" + i);

        text.Append('\n');
        Docs("  ", 2, "Permissions.");
        text.Append("  ").Append(Since).Append("\n  flags perms-").Append(i).Append(" {\n");
        for (int f = 0, n = 2 + random.Next(4); f < n; f++) text.Append("    ").Append(W()).Append("-flag-").Append(f).Append(",\n");
        text.Append("  }\n");

        text.Append('\n');
        Docs("  ", 3, "Errors of this interface.");
        text.Append("  ").Append(Since).Append("\n  variant error-").Append(i).Append(" {\n");
        text.Append("    /// Nothing was found.\n    not-found,\n    /// The input was invalid; the text says why.\n    invalid(string),\n");
        text.Append("    /// Another failure, with the record that caused it.\n    other(rec-").Append(i).Append("),\n  }\n");

        text.Append('\n');
        Docs("  ", 2, "An identifier.");
        text.Append("  ").Append(Since).Append("\n  type id-").Append(i).Append(" = u64;\n");

        text.Append('\n');
        Docs("  ", 3 + random.Next(3), $"A {W()} resource.");
        text.Append("  ").Append(Since).Append("\n  resource res-").Append(i).Append(" {\n");
        Docs("    ", 2, "Creates one.");
        text.Append("    ").Append(Since).Append("\n    constructor(seed: u64);\n");
        for (int m = 0, n = 2 + random.Next(3); m < n; m++)
        {
            Docs("    ", 2 + random.Next(3), $"Operation {m} on the resource.");
            text.Append("    ").Append(Since).Append("\n    ").Append(W()).Append("-op-").Append(m)
                .Append(": func(arg: ").Append(T()).Append(", mode: perms-").Append(i).Append(") -> result<").Append(T())
                .Append(", error-").Append(i).Append(">;\n");
        }
        Docs("    ", 2, "Opens one by name.");
        text.Append("    ").Append(Since).Append("\n    open: static func(name: string) -> result<res-").Append(i)
            .Append(", error-").Append(i).Append(">;\n  }\n");

        for (int f = 0, n = 2 + random.Next(3); f < n; f++)
        {
            text.Append('\n');
            Docs("  ", 3 + random.Next(4), $"Does {W()} things.");
            text.Append("  ").Append(Since).Append("\n  ").Append(W()).Append("-fn-").Append(f).Append(": func(id: id-").Append(i)
                .Append(", input: ").Append(T()).Append(", r: borrow<res-").Append(i).Append(">) -> result<list<").Append(T())
                .Append(">, error-").Append(i).Append(">;\n");
        }
        text.Append("}\n\n");

        // A world per group: imports most interfaces of the group, exports the last one.
        if (i % GroupSize == GroupSize - 1)
        {
            Docs("", 3, "A world over the interfaces above.");
            text.Append(Since).Append("\nworld world-").Append(i).Append(" {\n");
            for (int k = group; k < i - 1; k += 2) text.Append("  ").Append(Since).Append("\n  import iface-").Append(k).Append(";\n");
            text.Append("  ").Append(Since).Append("\n  export iface-").Append(i).Append(";\n}\n\n");
        }
    }
}

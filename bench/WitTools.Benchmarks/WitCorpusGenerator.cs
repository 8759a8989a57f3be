using System.Text;

namespace WitTools.Benchmarks;

/// <summary>Generates a large, valid WIT package that exercises every type kind, for throughput runs.</summary>
public static class WitCorpusGenerator
{
    public static string Package(int targetBytes)
    {
        var text = new StringBuilder(targetBytes + 4096);
        text.Append("package bench:big@1.0.0;\n\n");
        for (int i = 0; text.Length < targetBytes; i++)
        {
            text.Append("/// Interface number ").Append(i).Append(" with a bit of documentation.\n");
            text.Append("interface iface").Append(i).Append(" {\n");
            if (i > 0) text.Append("    use iface").Append(i - 1).Append(".{rec").Append(i - 1).Append("};\n");
            text.Append("    record rec").Append(i).Append(" {\n        id: u64,\n        name: string,\n        tags: list<string>,\n        score: option<f64>,\n        pair: tuple<u32, s16>,\n    }\n");
            text.Append("    variant var").Append(i).Append(" { none, some(rec").Append(i).Append("), many(list<rec").Append(i).Append(">) }\n");
            text.Append("    enum color").Append(i).Append(" { red, green, blue, cyan, magenta }\n");
            text.Append("    flags perms").Append(i).Append(" { read, write, exec, admin }\n");
            text.Append("    resource res").Append(i).Append(" {\n        constructor(seed: u32);\n        get: func(key: string) -> result<rec").Append(i).Append(", string>;\n        make: static func() -> res").Append(i).Append(";\n    }\n");
            text.Append("    run: func(input: list<u8>, mode: color").Append(i).Append(", p: perms").Append(i).Append(") -> result<var").Append(i).Append(">;\n");
            if (i > 0) text.Append("    prev: func(r: rec").Append(i - 1).Append(") -> bool;\n");
            text.Append("}\n\n");
        }
        text.Append("world big {\n    import iface0;\n}\n");
        return text.ToString();
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace WitTools.BindGen.Guest;

/// <summary>WIT kebab-case names to C# identifiers, and per-scope collision handling.</summary>
public static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        // contextual keywords that break code in some positions
        "value", "var", "dynamic", "await", "async", "record", "required", "scoped", "file", "field", "nameof", "global",
    };

    /// <summary>Whether <paramref name="word"/> is a C# keyword, reserved or one of the contextual keywords that
    /// break code in some positions (such a word is never used as a name).</summary>
    public static bool IsKeyword(string word) => Keywords.Contains(word);

    /// <summary>"output-stream" → "OutputStream"; a leading digit gets a "_" (WIT words may start with digits after the first).</summary>
    public static string Pascal(string wit)
    {
        var sb = new StringBuilder(wit.Length);
        bool upper = true;
        foreach (char c in wit)
        {
            if (c == '-' || c == '_' || c == '.' || c == '%')
            {
                upper = true;
                continue;
            }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }

    /// <summary>"max-size" → "maxSize"; C# keywords get "@".</summary>
    public static string Camel(string wit)
    {
        string pascal = Pascal(wit);
        string camel = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    public static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}

/// <summary>
/// The names taken in one C# type (or namespace). Rule: a name equal to the enclosing type's name, a
/// reserved member name, or one already taken gets a "Wit" prefix, then a numeric suffix, so the result
/// is deterministic and depends only on declaration order.
/// </summary>
public sealed class NameScope
{
    private readonly HashSet<string> _taken = new();
    private readonly string? _owner;

    /// <summary>Members every C# type inherits from object; WIT names never hide them.</summary>
    private static readonly string[] ObjectMembers = { "GetType", "Equals", "GetHashCode", "ToString", "ReferenceEquals", "MemberwiseClone", "Finalize" };

    public NameScope(string? owner, params string[] reserved)
    {
        _owner = owner;
        foreach (var name in ObjectMembers) _taken.Add(name);
        foreach (var name in reserved) _taken.Add(name);
    }

    public string Claim(string name)
    {
        string candidate = name;
        if (candidate == _owner || _taken.Contains(candidate)) candidate = "Wit" + name;
        for (int i = 2; candidate == _owner || _taken.Contains(candidate); i++) candidate = "Wit" + name + i.ToString(CultureInfo.InvariantCulture);
        _taken.Add(candidate);
        return candidate;
    }
}

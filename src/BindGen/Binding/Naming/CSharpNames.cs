using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace WitTools.BindGen.Binding;

/// <summary>
/// WIT kebab-case names to C# identifiers (docs/type-mapping.md, "Names"), the C# keyword table, and
/// string literals. Per-scope collisions are <see cref="NameScope"/>'s.
/// </summary>
public static class CSharpNames
{
    private static readonly HashSet<string> ReservedKeywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    // Contextual keywords that change the meaning of code where generated names appear (parameters, locals).
    private static readonly HashSet<string> ContextualKeywords = new()
    {
        "value", "var", "dynamic", "await", "async", "record", "required", "scoped", "file", "field", "nameof", "global",
    };

    /// <summary>Whether <paramref name="word"/> is a C# keyword, reserved or one of the contextual keywords that
    /// break code in some positions (such a word is never used as a name).</summary>
    public static bool IsKeyword(string word) => ReservedKeywords.Contains(word) || ContextualKeywords.Contains(word);

    /// <summary>
    /// "output-stream" → "OutputStream". An all-uppercase word (a WIT acronym) of three or more letters is
    /// written like a word ("DNS-timeout" → "DnsTimeout", "HTTP" → "Http"), following the .NET naming
    /// guidelines; two letters stay as they are ("IO-error" → "IOError"). A result starting with a digit gets a "_".
    /// </summary>
    public static string Pascal(string wit)
    {
        var sb = new StringBuilder(wit.Length);
        foreach (var word in Words(wit)) sb.Append(PascalWord(word));
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }

    /// <summary>"max-size" → "maxSize", "DNS-timeout" → "dnsTimeout" (the first word in lower case, the others as in
    /// <see cref="Pascal"/>); keywords get "@".</summary>
    public static string Camel(string wit)
    {
        var words = Words(wit);
        var sb = new StringBuilder(wit.Length);
        for (int i = 0; i < words.Count; i++) sb.Append(i == 0 ? words[i].ToLowerInvariant() : PascalWord(words[i]));
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        string camel = sb.ToString();
        return IsKeyword(camel) ? "@" + camel : camel;
    }

    private static string PascalWord(string word) =>
        IsAcronym(word) && word.Length > 2
            ? word[0] + word.Substring(1).ToLowerInvariant()
            : char.ToUpperInvariant(word[0]) + word.Substring(1);

    private static List<string> Words(string wit)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (char c in wit)
        {
            if (c == '-' || c == '_' || c == '.' || c == '%' || c == ':' || c == '/' || c == '@')
            {
                if (current.Length > 0) words.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    private static bool IsAcronym(string word)
    {
        bool letters = false;
        foreach (char c in word)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) letters = true;
        }
        return letters;
    }

    /// <summary>A C# string literal.</summary>
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

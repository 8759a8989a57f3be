using System;

namespace WitTools.WitParser.Model;

/// <summary>
/// A semantic version with the parsing rules, error texts, ordering and formatting of the Rust `semver`
/// crate, which wit-parser uses for package versions and <c>@since</c>/<c>@deprecated</c> gates.
/// </summary>
public sealed class SemVersion : IEquatable<SemVersion>, IComparable<SemVersion>
{
    public SemVersion(ulong major, ulong minor, ulong patch, string pre = "", string build = "")
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Pre = pre ?? "";
        Build = build ?? "";
    }

    public ulong Major { get; }
    public ulong Minor { get; }
    public ulong Patch { get; }

    /// <summary>Pre-release identifiers without the leading '-', or "".</summary>
    public string Pre { get; }

    /// <summary>Build metadata without the leading '+', or "".</summary>
    public string Build { get; }

    public bool HasPre => Pre.Length != 0;

    public SemVersion WithMinor(ulong minor) => new(Major, minor, Patch, Pre, Build);
    public SemVersion WithPatch(ulong patch) => new(Major, Minor, patch, Pre, Build);
    public SemVersion WithoutBuild() => Build.Length == 0 ? this : new(Major, Minor, Patch, Pre, "");

    public override string ToString()
    {
        var s = Major + "." + Minor + "." + Patch;
        if (Pre.Length != 0) s += "-" + Pre;
        if (Build.Length != 0) s += "+" + Build;
        return s;
    }

    public static SemVersion Parse(string text) =>
        TryParse(text, out var version, out var error) ? version! : throw new FormatException(error);

    public static bool TryParse(string text, out SemVersion? version) => TryParse(text, out version, out _);

    /// <summary>Parses like <c>semver::Version::parse</c>; on failure <paramref name="error"/> is the crate's message.</summary>
    public static bool TryParse(string text, out SemVersion? version, out string? error)
    {
        version = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty string, expected a semver version";
            return false;
        }
        int pos = 0;
        if (!Numeric(text, ref pos, "major version number", out ulong major, out error)) return false;
        if (!Dot(text, ref pos, "major version number", out error)) return false;
        if (!Numeric(text, ref pos, "minor version number", out ulong minor, out error)) return false;
        if (!Dot(text, ref pos, "minor version number", out error)) return false;
        if (!Numeric(text, ref pos, "patch version number", out ulong patch, out error)) return false;
        string last = "patch version number";
        string pre = "", build = "";
        if (pos < text.Length && text[pos] == '-')
        {
            pos++;
            if (!Identifier(text, ref pos, "pre-release identifier", true, out pre, out error)) return false;
            last = "pre-release identifier";
        }
        if (pos < text.Length && text[pos] == '+')
        {
            pos++;
            if (!Identifier(text, ref pos, "build metadata", false, out build, out error)) return false;
            last = "build metadata";
        }
        if (pos < text.Length)
        {
            error = "unexpected character " + Quote(text[pos]) + " after " + last;
            return false;
        }
        version = new SemVersion(major, minor, patch, pre, build);
        return true;
    }

    private static bool Numeric(string text, ref int pos, string what, out ulong value, out string? error)
    {
        value = 0;
        error = null;
        int start = pos;
        while (pos < text.Length && text[pos] >= '0' && text[pos] <= '9')
        {
            if (value == 0 && pos > start)
            {
                error = "invalid leading zero in " + what;
                return false;
            }
            ulong digit = (ulong)(text[pos] - '0');
            if (value > (ulong.MaxValue - digit) / 10)
            {
                error = "value of " + what + " exceeds u64::MAX";
                return false;
            }
            value = value * 10 + digit;
            pos++;
        }
        if (pos > start) return true;
        error = pos < text.Length
            ? "unexpected character " + Quote(text[pos]) + " while parsing " + what
            : "unexpected end of input while parsing " + what;
        return false;
    }

    private static bool Dot(string text, ref int pos, string after, out string? error)
    {
        error = null;
        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            return true;
        }
        error = pos < text.Length
            ? "unexpected character " + Quote(text[pos]) + " after " + after
            : "unexpected end of input while parsing " + after;
        return false;
    }

    private static bool Identifier(string text, ref int pos, string what, bool isPre, out string value, out string? error)
    {
        value = "";
        error = null;
        int start = pos;
        while (true)
        {
            int segStart = pos;
            bool nonDigit = false;
            while (pos < text.Length && (IsAlnum(text[pos]) || text[pos] == '-'))
            {
                if (!(text[pos] >= '0' && text[pos] <= '9')) nonDigit = true;
                pos++;
            }
            int segLen = pos - segStart;
            if (segLen == 0)
            {
                error = "empty identifier segment in " + what;
                return false;
            }
            if (isPre && segLen > 1 && !nonDigit && text[segStart] == '0')
            {
                error = "invalid leading zero in " + what;
                return false;
            }
            if (pos < text.Length && text[pos] == '.')
            {
                pos++;
                continue;
            }
            value = text.Substring(start, pos - start);
            return true;
        }
    }

    private static bool IsAlnum(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static string Quote(char c) => c switch
    {
        '\0' => "'\\0'",
        '\n' => "'\\n'",
        '\r' => "'\\r'",
        '\t' => "'\\t'",
        '\'' => "'\\''",
        '\\' => "'\\\\'",
        _ => "'" + c + "'",
    };

    public bool Equals(SemVersion? other) =>
        other is not null && Major == other.Major && Minor == other.Minor && Patch == other.Patch
        && Pre == other.Pre && Build == other.Build;

    public override bool Equals(object? obj) => obj is SemVersion other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            int h = Major.GetHashCode();
            h = h * 31 + Minor.GetHashCode();
            h = h * 31 + Patch.GetHashCode();
            h = h * 31 + StringComparer.Ordinal.GetHashCode(Pre);
            return h * 31 + StringComparer.Ordinal.GetHashCode(Build);
        }
    }

    /// <summary>Semver precedence; like the Rust crate, build metadata breaks ties (so Equals agrees).</summary>
    public int CompareTo(SemVersion? other)
    {
        if (other is null) return 1;
        int c = Major.CompareTo(other.Major);
        if (c != 0) return c;
        c = Minor.CompareTo(other.Minor);
        if (c != 0) return c;
        c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        c = ComparePre(Pre, other.Pre);
        return c != 0 ? c : CompareBuild(Build, other.Build);
    }

    // A version without pre-release identifiers sorts after any with them.
    private static int ComparePre(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == 0 ? (b.Length == 0 ? 0 : 1) : -1;
        return CompareIdentifiers(a, b);
    }

    // Build metadata: none sorts first.
    private static int CompareBuild(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == 0 ? (b.Length == 0 ? 0 : -1) : 1;
        return CompareIdentifiers(a, b);
    }

    // Dot-separated identifiers: numeric ones compare numerically and before alphanumeric ones, which
    // compare in ASCII order; a prefix sorts first.
    private static int CompareIdentifiers(string a, string b)
    {
        var xs = a.Split('.');
        var ys = b.Split('.');
        for (int i = 0; i < xs.Length && i < ys.Length; i++)
        {
            string x = xs[i], y = ys[i];
            bool xn = IsNumeric(x), yn = IsNumeric(y);
            int c;
            if (xn && yn)
            {
                string xt = x.TrimStart('0'), yt = y.TrimStart('0');
                c = xt.Length.CompareTo(yt.Length);
                if (c == 0) c = string.CompareOrdinal(xt, yt);
                if (c == 0) c = x.Length.CompareTo(y.Length);
            }
            else if (xn != yn) c = xn ? -1 : 1;
            else c = string.CompareOrdinal(x, y);
            if (c != 0) return c < 0 ? -1 : 1;
        }
        return xs.Length.CompareTo(ys.Length);
    }

    private static bool IsNumeric(string s)
    {
        foreach (char c in s)
            if (c < '0' || c > '9') return false;
        return s.Length != 0;
    }

    public static bool operator ==(SemVersion? a, SemVersion? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(SemVersion? a, SemVersion? b) => !(a == b);
    public static bool operator <(SemVersion a, SemVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(SemVersion a, SemVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(SemVersion a, SemVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SemVersion a, SemVersion b) => a.CompareTo(b) >= 0;
}

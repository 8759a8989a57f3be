using System;
using System.Globalization;

namespace WitTools.WitParser.Syntax;

/// <summary>
/// A semantic version (major.minor.patch[-pre][+build]) as Cargo's semver crate parses it; parse errors use
/// that crate's messages because wit-parser reports them verbatim.
/// </summary>
public sealed class SemanticVersion : IEquatable<SemanticVersion>, IComparable<SemanticVersion>
{
    public SemanticVersion(ulong major, ulong minor, ulong patch, string pre = "", string build = "")
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Pre = pre;
        Build = build;
    }

    public ulong Major { get; }
    public ulong Minor { get; }
    public ulong Patch { get; }

    /// <summary>Pre-release identifiers without the leading '-' ("" when absent).</summary>
    public string Pre { get; }

    /// <summary>Build metadata without the leading '+' ("" when absent).</summary>
    public string Build { get; }

    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version, out var error) ? version! : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> is the semver crate's message.</summary>
    public static bool TryParse(string text, out SemanticVersion? version, out string? error)
    {
        version = null;
        int i = 0;
        if (!Numeric(text, ref i, "major version number", out ulong major, out error)) return false;
        if (!Dot(text, ref i, "major version number", out error)) return false;
        if (!Numeric(text, ref i, "minor version number", out ulong minor, out error)) return false;
        if (!Dot(text, ref i, "minor version number", out error)) return false;
        if (!Numeric(text, ref i, "patch version number", out ulong patch, out error)) return false;
        string position = "patch version number";
        string pre = "", build = "";
        if (i < text.Length && text[i] == '-')
        {
            i++;
            position = "pre-release identifier";
            if (!Identifier(text, ref i, position, true, out pre, out error)) return false;
            if (pre.Length == 0) { error = "empty identifier segment in " + position; return false; }
        }
        if (i < text.Length && text[i] == '+')
        {
            i++;
            position = "build metadata";
            if (!Identifier(text, ref i, position, false, out build, out error)) return false;
            if (build.Length == 0) { error = "empty identifier segment in " + position; return false; }
        }
        if (i < text.Length)
        {
            error = "unexpected character " + Quote(text, i) + " after " + position;
            return false;
        }
        version = new SemanticVersion(major, minor, patch, pre, build);
        error = null;
        return true;
    }

    private static bool Numeric(string text, ref int i, string position, out ulong value, out string? error)
    {
        value = 0;
        int start = i;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
        {
            if (value == 0 && i > start) { error = "invalid leading zero in " + position; return false; }
            ulong digit = (ulong)(text[i] - '0');
            if (value > (ulong.MaxValue - digit) / 10) { error = "value of " + position + " exceeds u64::MAX"; return false; }
            value = value * 10 + digit;
            i++;
        }
        if (i > start) { error = null; return true; }
        error = i < text.Length
            ? "unexpected character " + Quote(text, i) + " while parsing " + position
            : "unexpected end of input while parsing " + position;
        return false;
    }

    private static bool Dot(string text, ref int i, string position, out string? error)
    {
        if (i < text.Length && text[i] == '.') { i++; error = null; return true; }
        error = i < text.Length
            ? "unexpected character " + Quote(text, i) + " after " + position
            : "unexpected end of input while parsing " + position;
        return false;
    }

    // Dot-separated segments of [0-9A-Za-z-]; pre-release numeric segments may not have leading zeros.
    private static bool Identifier(string text, ref int i, string position, bool isPre, out string value, out string? error)
    {
        int start = i;
        int segmentStart = i;
        bool nonDigit = false;
        while (true)
        {
            char c = i < text.Length ? text[i] : '\0';
            bool inSegment = i < text.Length && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || (c >= '0' && c <= '9'));
            if (inSegment)
            {
                if (!(c >= '0' && c <= '9')) nonDigit = true;
                i++;
                continue;
            }
            bool isDot = i < text.Length && c == '.';
            int segmentLength = i - segmentStart;
            if (segmentLength == 0)
            {
                if (i == start && !isDot) { value = ""; error = null; return true; }
                value = "";
                error = "empty identifier segment in " + position;
                return false;
            }
            if (isPre && segmentLength > 1 && !nonDigit && text[segmentStart] == '0')
            {
                value = "";
                error = "invalid leading zero in " + position;
                return false;
            }
            if (!isDot)
            {
                value = text.Substring(start, i - start);
                error = null;
                return true;
            }
            i++;
            segmentStart = i;
            nonDigit = false;
        }
    }

    private static string Quote(string text, int index) =>
        Lexing.CharFacts.RustDebug(Lexing.CharFacts.CodePointAt(text, index, out _));

    public override string ToString()
    {
        var s = Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture) + "." +
                Patch.ToString(CultureInfo.InvariantCulture);
        if (Pre.Length > 0) s += "-" + Pre;
        if (Build.Length > 0) s += "+" + Build;
        return s;
    }

    public bool Equals(SemanticVersion? other) =>
        other is not null && Major == other.Major && Minor == other.Minor && Patch == other.Patch && Pre == other.Pre && Build == other.Build;

    public override bool Equals(object? obj) => Equals(obj as SemanticVersion);

    public override int GetHashCode() => unchecked((int)(Major * 31 + Minor * 17 + Patch) ^ Pre.GetHashCode() ^ Build.GetHashCode());

    /// <summary>semver ordering: numbers, then pre-release (absent &gt; present, identifiers compared piecewise),
    /// then build metadata (as the Rust crate does, so ordering is total).</summary>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        int c = Major.CompareTo(other.Major);
        if (c != 0) return c;
        c = Minor.CompareTo(other.Minor);
        if (c != 0) return c;
        c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        if (Pre.Length == 0 || other.Pre.Length == 0)
        {
            c = (Pre.Length == 0 ? 1 : 0) - (other.Pre.Length == 0 ? 1 : 0);
            if (c != 0) return c;
        }
        else
        {
            c = CompareIdentifiers(Pre, other.Pre);
            if (c != 0) return c;
        }
        return CompareIdentifiers(Build, other.Build);
    }

    private static int CompareIdentifiers(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length.CompareTo(b.Length);
        var left = a.Split('.');
        var right = b.Split('.');
        for (int i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            bool ln = IsNumeric(left[i]), rn = IsNumeric(right[i]);
            int c;
            if (ln && rn)
            {
                string l = left[i].TrimStart('0'), r = right[i].TrimStart('0');
                c = l.Length != r.Length ? l.Length.CompareTo(r.Length) : string.CompareOrdinal(l, r);
                if (c == 0) c = left[i].Length.CompareTo(right[i].Length);
            }
            else if (ln) c = -1;
            else if (rn) c = 1;
            else c = string.CompareOrdinal(left[i], right[i]);
            if (c != 0) return c;
        }
        return left.Length.CompareTo(right.Length);
    }

    private static bool IsNumeric(string s)
    {
        foreach (char c in s) if (c < '0' || c > '9') return false;
        return s.Length > 0;
    }

    public static bool operator ==(SemanticVersion? a, SemanticVersion? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(SemanticVersion? a, SemanticVersion? b) => !(a == b);
    public static bool operator <(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) >= 0;
}

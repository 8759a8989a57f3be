using System;

namespace WitTools.BindGen.Abi;

/// <summary>
/// The canonical option <c>string-encoding</c> (CanonicalABI.md): how a <c>string</c> sits in linear memory.
/// It does not change a string's size, alignment or flat form (a pointer and a length, two <c>i32</c>); it changes
/// what the length counts, the alignment of the bytes and how they are decoded.
/// </summary>
public enum StringEncoding
{
    /// <summary><c>utf8</c> (the default): length in bytes, alignment 1.</summary>
    Utf8,

    /// <summary><c>utf16</c>: little-endian UTF-16, length in code units, alignment 2.</summary>
    Utf16,

    /// <summary><c>latin1+utf16</c> (wit-component's "compact-utf16"): alignment 2; when the length's top bit
    /// (<see cref="StringEncodings.Utf16Tag"/>) is set, the rest of it counts UTF-16 code units, otherwise it counts
    /// Latin-1 bytes.</summary>
    Latin1Utf16,
}

/// <summary>Names, parsing and facts of <see cref="StringEncoding"/>.</summary>
public static class StringEncodings
{
    /// <summary><c>utf16_tag</c> for 32-bit memories: 1 &lt;&lt; 31.</summary>
    public const uint Utf16Tag = 0x8000_0000;

    /// <summary><c>MAX_STRING_BYTE_LENGTH</c>: lifting a longer string traps.</summary>
    public const int MaxStringByteLength = (1 << 28) - 1;

    /// <summary>The spellings users may type, for messages: the canonical ABI's names plus wit-component's
    /// <c>compact-utf16</c> (what <c>wasm-tools component embed --encoding</c> takes).</summary>
    public const string ValidNames = "`utf8`, `utf16`, `latin1+utf16` (also spelled `compact-utf16`)";

    /// <summary>The canonical-ABI name (<c>string-encoding=...</c> in component text).</summary>
    public static string CanonicalName(StringEncoding encoding) => encoding switch
    {
        StringEncoding.Utf16 => "utf16",
        StringEncoding.Latin1Utf16 => "latin1+utf16",
        _ => "utf8",
    };

    /// <summary>The value of <c>wasm-tools component embed --encoding</c> (wit-component's names).</summary>
    public static string EmbedName(StringEncoding encoding) => encoding switch
    {
        StringEncoding.Utf16 => "utf16",
        StringEncoding.Latin1Utf16 => "compact-utf16",
        _ => "utf8",
    };

    /// <summary>Alignment of a string's bytes: 1 for UTF-8, 2 for the others (also for Latin-1 strings of
    /// <c>latin1+utf16</c>).</summary>
    public static int Alignment(StringEncoding encoding) => encoding == StringEncoding.Utf8 ? 1 : 2;

    /// <summary>Parses a user's spelling, case-insensitively and ignoring surrounding blanks: <c>utf8</c>/<c>utf-8</c>,
    /// <c>utf16</c>/<c>utf-16</c>, <c>latin1+utf16</c>/<c>compact-utf16</c>. Empty means the default (UTF-8).</summary>
    public static bool TryParse(string? text, out StringEncoding encoding)
    {
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "":
            case "utf8":
            case "utf-8":
                encoding = StringEncoding.Utf8;
                return true;
            case "utf16":
            case "utf-16":
                encoding = StringEncoding.Utf16;
                return true;
            case "latin1+utf16":
            case "compact-utf16":
                encoding = StringEncoding.Latin1Utf16;
                return true;
            default:
                encoding = StringEncoding.Utf8;
                return false;
        }
    }

    /// <summary>The message for a spelling <see cref="TryParse"/> rejects.</summary>
    public static string UnknownMessage(string text) => "unknown string encoding `" + text.Trim() + "`; expected " + ValidNames;
}

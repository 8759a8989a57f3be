using System.Text;
using WitTools.WitParser.Lexing;

namespace WitTools.WitParser.Parsing;

/// <summary>
/// A small direct-mapped cache of identifier strings decoded from UTF-8, so a name repeated throughout a file
/// (field names, type names) is allocated and checked against the kebab-case rules once. A miss simply replaces
/// the slot; only valid names are cached.
/// </summary>
internal sealed class NameCache
{
    private const int Size = 1024;
    private readonly string?[] _slots = new string?[Size];

    /// <summary>The name written in text[start..start+length], and the kebab-case error for it (null when valid).</summary>
    public string Get(byte[] text, int start, int length, out string? error)
    {
        error = null;
        if (length > 48) return Decode(text, start, length, out error);
        uint hash = 2166136261;
        bool ascii = true;
        for (int i = 0; i < length; i++)
        {
            byte b = text[start + i];
            ascii &= b < 0x80;
            hash = (hash ^ b) * 16777619;
        }
        if (!ascii) return Decode(text, start, length, out error);
        int slot = (int)(hash & (Size - 1));
        var cached = _slots[slot];
        if (cached != null && cached.Length == length && SameAscii(cached, text, start)) return cached;
        string name = Decode(text, start, length, out error);
        if (error == null) _slots[slot] = name;
        return name;
    }

    private static string Decode(byte[] text, int start, int length, out string? error)
    {
        error = IdentifierRules.Validate(text, start, length);
        return Encoding.UTF8.GetString(text, start, length);
    }

    private static bool SameAscii(string cached, byte[] text, int start)
    {
        for (int i = 0; i < cached.Length; i++)
        {
            if (cached[i] != text[start + i]) return false;
        }
        return true;
    }
}

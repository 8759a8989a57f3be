using System.Text;

namespace WitTools.WitParser.Parsing;

/// <summary>
/// A small direct-mapped cache of identifier strings decoded from UTF-8, so a name repeated throughout a file
/// (field names, type names) is allocated once. A miss simply replaces the slot.
/// </summary>
internal sealed class NameCache
{
    private const int Size = 1024;
    private readonly string?[] _slots = new string?[Size];

    public string Get(byte[] text, int start, int length)
    {
        if (length > 48) return Encoding.UTF8.GetString(text, start, length);
        uint hash = 2166136261;
        bool ascii = true;
        for (int i = 0; i < length; i++)
        {
            byte b = text[start + i];
            ascii &= b < 0x80;
            hash = (hash ^ b) * 16777619;
        }
        if (!ascii) return Encoding.UTF8.GetString(text, start, length);
        int slot = (int)(hash & (Size - 1));
        var cached = _slots[slot];
        if (cached != null && cached.Length == length && SameAscii(cached, text, start)) return cached;
        return _slots[slot] = Encoding.UTF8.GetString(text, start, length);
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

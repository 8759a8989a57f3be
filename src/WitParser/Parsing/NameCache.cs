namespace WitTools.WitParser.Parsing;

/// <summary>
/// A small direct-mapped cache of identifier strings, so a name repeated throughout a file (field names,
/// type names) is allocated once. A miss simply replaces the slot.
/// </summary>
internal sealed class NameCache
{
    private const int Size = 1024;
    private readonly string?[] _slots = new string?[Size];

    public string Get(string text, int start, int length)
    {
        if (length > 32) return text.Substring(start, length);
        uint hash = 2166136261;
        for (int i = 0; i < length; i++) hash = (hash ^ text[start + i]) * 16777619;
        int slot = (int)(hash & (Size - 1));
        var cached = _slots[slot];
        if (cached != null && cached.Length == length && string.CompareOrdinal(cached, 0, text, start, length) == 0) return cached;
        return _slots[slot] = text.Substring(start, length);
    }
}

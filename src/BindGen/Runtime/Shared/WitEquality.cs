// Emitted when generated records, variants, Option or Result compare values that may hold arrays (WIT lists).
// Shared by guest and host bindings.
namespace WitTools.Runtime;

/// <summary>Structural equality for lists (arrays), maps and tuples holding them, so records compare by value.</summary>
internal static class WitEquality
{
    public static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        if (a is global::System.Array x && b is global::System.Array y)
        {
            if (x.Length != y.Length) return false;
            for (int i = 0; i < x.Length; i++)
            {
                if (!DeepEquals(x.GetValue(i), y.GetValue(i))) return false;
            }
            return true;
        }
        if (a is global::System.Runtime.CompilerServices.ITuple t && b is global::System.Runtime.CompilerServices.ITuple u && a.GetType() == b.GetType())
        {
            for (int i = 0; i < t.Length; i++)
            {
                if (!DeepEquals(t[i], u[i])) return false;
            }
            return true;
        }
        if (a is global::System.Collections.IDictionary d && b is global::System.Collections.IDictionary e)
        {
            if (d.Count != e.Count) return false;
            foreach (global::System.Collections.DictionaryEntry entry in d)
            {
                if (!e.Contains(entry.Key) || !DeepEquals(entry.Value, e[entry.Key])) return false;
            }
            return true;
        }
        return a.Equals(b);
    }

    public static int DeepHash(object? a)
    {
        switch (a)
        {
            case null:
                return 0;
            case global::System.Array array:
            {
                int hash = array.Length;
                foreach (var item in array) hash = hash * 31 + DeepHash(item);
                return hash;
            }
            case global::System.Runtime.CompilerServices.ITuple tuple:
            {
                int hash = tuple.Length;
                for (int i = 0; i < tuple.Length; i++) hash = hash * 31 + DeepHash(tuple[i]);
                return hash;
            }
            case global::System.Collections.IDictionary dictionary:
                return dictionary.Count;
            default:
                return a.GetHashCode();
        }
    }
}

using System.Collections.Generic;
using System.Globalization;

namespace WitTools.BindGen.Binding;

/// <summary>
/// The names taken in one C# type (or namespace). Rule: a name equal to the enclosing type's name (CS0542), a
/// reserved member name, or one already taken gets a "Wit" prefix, then a numeric suffix, so the result is
/// deterministic and depends only on the order of claims.
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

    /// <summary>The type this scope's names are members of (null for a namespace or a parameter list).</summary>
    public string? Owner => _owner;

    public bool IsTaken(string name) => name == _owner || _taken.Contains(name);

    public string Claim(string name)
    {
        string candidate = name;
        if (IsTaken(candidate)) candidate = "Wit" + name;
        for (int i = 2; IsTaken(candidate); i++) candidate = "Wit" + name + i.ToString(CultureInfo.InvariantCulture);
        _taken.Add(candidate);
        return candidate;
    }
}

using WitTools.WitParser.Text;

namespace WitTools.WitParser.Model;

/// <summary>An interface: named types and functions (wit-parser's Interface).</summary>
public sealed class Interface
{
    public Interface(string? name) => Name = name;

    /// <summary>The interface's name; null for interfaces written inline in a world.</summary>
    public string? Name { get; set; }

    /// <summary>Named types in declaration order (the names match <see cref="TypeDef.Name"/>).</summary>
    public OrderedMap<string, TypeId> Types
    {
        get => _types ??= new();
        set => _types = value;
    }

    // Created on first use (the builders usually set a presized one).
    private OrderedMap<string, TypeId>? _types;

    /// <summary>Functions by full name (<c>[method]r.f</c> etc.) in declaration order.</summary>
    public OrderedMap<string, Function> Functions
    {
        get => _functions ??= new();
        set => _functions = value;
    }

    // Created on first use (the builders usually set a presized one).
    private OrderedMap<string, Function>? _functions;

    public Docs Docs { get; set; }

    public Stability Stability { get; set; } = Stability.Unknown;

    /// <summary>The owning package (null only inside an UnresolvedPackage before pushing).</summary>
    public PackageId? Package { get; set; }

    public Span Span { get; set; } = Span.Unknown;

    /// <summary>The interface this one was cloned from, if any (wit-parser's clone_of).</summary>
    public InterfaceId? CloneOf { get; set; }

    public override string ToString() => Name ?? "<inline interface>";
}

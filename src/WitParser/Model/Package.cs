namespace WitTools.WitParser.Model;

/// <summary>A package in a Resolve: its name, docs, interfaces and worlds by name in declaration order.</summary>
public sealed class Package
{
    public Package(PackageName name) => Name = name;

    public PackageName Name { get; set; }

    public Docs Docs { get; set; }

    public OrderedMap<string, InterfaceId> Interfaces { get; set; } = new();

    public OrderedMap<string, WorldId> Worlds { get; set; } = new();

    public override string ToString() => Name.ToString();
}

using System;
using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Model;

/// <summary>What kind of function; all but the freestanding kinds belong to a resource (<see cref="Function.Resource"/>).</summary>
public enum FunctionKind
{
    Freestanding,
    AsyncFreestanding,

    /// <summary>A resource method; the first parameter is the implicit <c>self: borrow&lt;R&gt;</c>.</summary>
    Method,
    AsyncMethod,
    Static,
    AsyncStatic,

    /// <summary>A resource constructor; the result is normally <c>own&lt;R&gt;</c>.</summary>
    Constructor,
}

/// <summary>A function of an interface or world (wit-parser's Function).</summary>
public sealed class Function
{
    public Function(string name, FunctionKind kind, TypeId? resource = null)
    {
        Name = name;
        Kind = kind;
        Resource = resource;
    }

    /// <summary>The full name: <c>f</c>, <c>[method]r.f</c>, <c>[static]r.f</c> or <c>[constructor]r</c>.</summary>
    public string Name { get; set; }

    public FunctionKind Kind { get; set; }

    /// <summary>The resource of methods, statics and constructors; null for freestanding functions.</summary>
    public TypeId? Resource { get; set; }

    public List<Param> Params
    {
        get => _params ??= new();
        set => _params = value;
    }

    // Created on first use (the builders usually set a presized one).
    private List<Param>? _params;

    /// <summary>The single result type, or null when the function returns nothing.</summary>
    public WitType? Result { get; set; }

    public Docs Docs { get; set; }

    public Stability Stability { get; set; } = Stability.Unknown;

    public Span Span { get; set; } = Span.Unknown;

    /// <summary>The <c>@external-id("...")</c> attribute, if any.</summary>
    public string? ExternalId { get; set; }

    public bool IsAsync => Kind is FunctionKind.AsyncFreestanding or FunctionKind.AsyncMethod or FunctionKind.AsyncStatic;

    public bool IsFreestanding => Kind is FunctionKind.Freestanding or FunctionKind.AsyncFreestanding;

    public bool IsMethod => Kind is FunctionKind.Method or FunctionKind.AsyncMethod;

    public bool IsStatic => Kind is FunctionKind.Static or FunctionKind.AsyncStatic;

    /// <summary>The name as written in WIT: the part after the resource's dot, or "constructor".</summary>
    public string ItemName
    {
        get
        {
            switch (Kind)
            {
                case FunctionKind.Freestanding:
                case FunctionKind.AsyncFreestanding:
                    return Name;
                case FunctionKind.Constructor:
                    return "constructor";
                default:
                    int dot = Name.IndexOf('.');
                    return dot >= 0 ? Name.Substring(dot + 1) : Name;
            }
        }
    }

    /// <summary>Parameter types followed by the result type (not transitive).</summary>
    public IEnumerable<WitType> ParameterAndResultTypes()
    {
        foreach (var p in Params) yield return p.Type;
        if (Result is { } r) yield return r;
    }

    /// <summary>A deep copy (params are copied; types are ids, so they are shared by value).</summary>
    public Function Clone()
    {
        var copy = (Function)MemberwiseClone();
        copy.Params = new List<Param>(Params.Count);
        foreach (var p in Params) copy.Params.Add(new Param(p.Name, p.Type) { Span = p.Span });
        return copy;
    }

    public override string ToString() => Name;
}

public sealed class Param
{
    public Param(string name, WitType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; set; }
    public WitType Type { get; set; }
    public Span Span { get; set; } = Span.Unknown;
}

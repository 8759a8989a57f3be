using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using WitTools.Analyzers.Generation;

namespace WitTools.Analyzers.Diagnostics;

/// <summary>
/// WIT0202: a user type implementing a generated export contract (or deriving an exported resource class)
/// lacks a member the WIT declares, typically because the WIT changed. The compiler says CS0535/CS0534 with
/// C# names only; this names the WIT function, its WIT type and the exact C# signature to write. The WIT
/// facts come from the <c>[WitExport]</c>/<c>[WitFunction]</c> attributes on the generated contracts, so
/// nothing here reads WIT.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExportContractAnalyzer : DiagnosticAnalyzer
{
    public const string ExportAttributeName = "WitExportAttribute";
    public const string FunctionAttributeName = "WitFunctionAttribute";

    public static readonly DiagnosticDescriptor Mismatch = new(
        GeneratorDiagnosticIds.ImplementationMismatch,
        "Implementation no longer matches the WIT",
        "{0}",
        "WitTools",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A class implementing a WIT export contract, or deriving an exported WIT resource, must provide every function the WIT declares, with the C# signature the bindings generate.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Mismatch);

    public override void Initialize(AnalysisContext context)
    {
        // Only the user's types: the generated contracts themselves are not implementations.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        foreach (var diagnostic in Mismatches((INamedTypeSymbol)context.Symbol)) context.ReportDiagnostic(diagnostic);
    }

    /// <summary>WIT0202 for every member of a generated export contract (or abstract member of an exported resource
    /// class) that <paramref name="type"/> does not implement. Shared by this analyzer (the IDE, and builds without
    /// declaration errors) and the generator's build-only check (<see cref="ContractCheck"/>), because a command-line
    /// build stops before analyzers when the compiler already reported CS0535/CS0534.</summary>
    public static IEnumerable<Diagnostic> Mismatches(INamedTypeSymbol type)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)) yield break;

        foreach (var contract in type.AllInterfaces)
        {
            if (ExportName(contract) is not { } export) continue;
            foreach (var member in contract.GetMembers().OfType<IMethodSymbol>())
            {
                if (WitFunction(member) is not { } wit) continue;
                if (type.FindImplementationForInterfaceMember(member) is not null) continue;
                yield return Describe(type, member, export, wit, isOverride: false);
            }
        }

        if (type.IsAbstract) yield break;
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (ExportName(baseType) is not { } export) continue;
            foreach (var member in baseType.GetMembers().OfType<IMethodSymbol>())
            {
                if (!member.IsAbstract || WitFunction(member) is not { } wit) continue;
                if (IsOverridden(type, member, baseType)) continue;
                yield return Describe(type, member, export, wit, isOverride: true);
            }
        }
    }

    private static Diagnostic Describe(INamedTypeSymbol type, IMethodSymbol member, string export, (string Name, string Type) wit, bool isOverride)
    {
        string modifiers = "public " + (isOverride ? "override " : "");
        string expected = modifiers + member.ToDisplayString(SignatureFormats.Display);
        string function = $"WIT function '{wit.Name}' of '{export}' ({wit.Type})";
        // A same-named method is most likely the implementation the WIT change left behind: point at it.
        var stale = type.GetMembers(member.Name).OfType<IMethodSymbol>()
            .FirstOrDefault(m => m.MethodKind == MethodKind.Ordinary && !m.IsImplicitlyDeclared && m.Locations.Any(l => l.IsInSource));
        string message;
        Location location;
        if (stale is not null)
        {
            message = $"'{stale.ToDisplayString(SignatureFormats.UserMethod)}' does not match {function}: expected '{expected}'";
            location = stale.Locations.First(l => l.IsInSource);
        }
        else
        {
            message = $"'{type.Name}' does not implement {function}: add '{expected}'";
            location = type.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
        }
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(FixProperties.Expected, expected)
            .Add(FixProperties.ExpectedQualified, modifiers + member.ToDisplayString(SignatureFormats.Qualified));
        return Diagnostic.Create(Mismatch, location, properties, message);
    }

    /// <summary>Whether <paramref name="type"/> or a class between it and <paramref name="owner"/> overrides
    /// the abstract <paramref name="member"/> with a concrete method.</summary>
    private static bool IsOverridden(INamedTypeSymbol type, IMethodSymbol member, INamedTypeSymbol owner)
    {
        for (var current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current, owner); current = current.BaseType)
        {
            foreach (var candidate in current.GetMembers(member.Name).OfType<IMethodSymbol>())
            {
                if (candidate.IsAbstract) continue;
                for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, member.OriginalDefinition)) return true;
                }
            }
        }
        return false;
    }

    /// <summary>The WIT export a generated contract stands for, from its <c>[WitExport(name)]</c>.</summary>
    public static string? ExportName(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == ExportAttributeName && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
                return name;
        }
        return null;
    }

    /// <summary>The WIT name and type of a contract member, from its <c>[WitFunction(name, type)]</c>.</summary>
    public static (string Name, string Type)? WitFunction(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == FunctionAttributeName && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value is string name && attribute.ConstructorArguments[1].Value is string witType)
                return (name, witType);
        }
        return null;
    }
}

using WitTools.BindGen.Binding;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WitTools.Analyzers.Models;

namespace WitTools.Analyzers.Generation;

/// <summary>
/// WIT0201: an export nobody implements. The generated world class declares
/// <c>private static partial IContract CreateX();</c>; without the user's implementing part the compiler
/// reports CS8795 inside the generated file. Instead the generator looks (syntactically, so the pipeline
/// keeps only small equatable facts) for the user's <c>partial ... CreateX() { ... }</c>; when it is missing
/// the declaration becomes a non-partial placeholder and WIT0201 says what to write, at the user's class
/// that implements the contract when there is one, otherwise at the <c>export</c> in the WIT.
/// </summary>
public static class ExportImplementations
{
    // ------------------------------------------------------------------ syntax → facts

    /// <summary>Cheap filter: a partial method with a body (an implementing part).</summary>
    public static bool IsPartialImplementation(SyntaxNode node) =>
        node is MethodDeclarationSyntax { ParameterList.Parameters.Count: 0 } method
        && (method.Body is not null || method.ExpressionBody is not null)
        && method.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>"Namespace.Type.Method" of a partial method implementation.</summary>
    public static string QualifiedMethodName(MethodDeclarationSyntax method)
    {
        var (ns, type) = Container(method.Parent);
        return Join(Join(ns, type), method.Identifier.ValueText);
    }

    /// <summary>Cheap filter: a class, struct or record with a base list.</summary>
    public static bool IsTypeWithBases(SyntaxNode node) =>
        node is TypeDeclarationSyntax { BaseList: not null } and (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax);

    public static UserType DescribeType(TypeDeclarationSyntax type)
    {
        var (ns, outer) = Container(type.Parent);
        var bases = type.BaseList!.Types.Select(b => LastIdentifier(b.Type)).Where(n => n.Length > 0);
        var span = type.Identifier.Span;
        var lines = type.SyntaxTree.GetLineSpan(span);
        var location = new FileSpan(type.SyntaxTree.FilePath, span.Start, span.Length,
            lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character);
        return new UserType(ns, Join(outer, type.Identifier.ValueText), type.Modifiers.Any(SyntaxKind.AbstractKeyword),
            new ValueArray<string>(bases), location);
    }

    /// <summary>The namespace and the containing types ("Outer.Inner") of a declaration's parent.</summary>
    private static (string Namespace, string Types) Container(SyntaxNode? parent)
    {
        var types = new List<string>();
        var namespaces = new List<string>();
        for (var node = parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case TypeDeclarationSyntax t: types.Insert(0, t.Identifier.ValueText); break;
                case BaseNamespaceDeclarationSyntax n: namespaces.Insert(0, NameText(n.Name)); break;
            }
        }
        return (string.Join(".", namespaces), string.Join(".", types));
    }

    private static string NameText(NameSyntax name) => name switch
    {
        QualifiedNameSyntax q => NameText(q.Left) + "." + q.Right.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        _ => name.ToString(),
    };

    private static string LastIdentifier(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => "",
    };

    private static string Join(string left, string right) => left.Length == 0 ? right : right.Length == 0 ? left : left + "." + right;

    public static ValueArray<string> Distinct(ImmutableArray<string> names) =>
        new(names.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal));

    public static ValueArray<UserType> Sorted(ImmutableArray<UserType> types) =>
        new(types.OrderBy(t => t.Location.Path, StringComparer.Ordinal).ThenBy(t => t.Location.Start));

    // ------------------------------------------------------------------ sources

    /// <summary>The (merged) sources with a placeholder for every factory the user has not written.</summary>
    public static CompletedRoot Complete(ValueArray<GeneratedSource> generated, ValueArray<ExportInfo> exports, ValueArray<string> implemented)
    {
        var missing = exports
            .Where(e => !implemented.Contains(e.WorldNamespace + "." + e.WorldClass + "." + e.Factory))
            .ToList();
        if (missing.Count == 0) return new CompletedRoot(generated, ValueArray<ExportInfo>.Empty);
        var sources = generated.Select(source =>
        {
            string text = source.Text;
            foreach (var export in missing)
            {
                int at = text.IndexOf(export.Declaration, StringComparison.Ordinal);
                if (at < 0) continue;
                int lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                string indent = text.Substring(lineStart, at - lineStart);
                string placeholder =
                    $"// WIT0201: nothing implements this export yet; write `partial {export.Factory}()` in `partial class {export.WorldClass}` (see the error).\n"
                    + indent + $"private static {export.Contract} {export.Factory}() => throw new global::System.NotImplementedException({Literal(export.Name)});";
                text = text.Substring(0, at) + placeholder + text.Substring(at + export.Declaration.Length);
            }
            return ReferenceEquals(text, source.Text) ? source : new GeneratedSource(source.HintName, text);
        });
        return new CompletedRoot(new ValueArray<GeneratedSource>(sources), new ValueArray<ExportInfo>(missing));
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    // ------------------------------------------------------------------ diagnostics

    /// <summary>WIT0201 for one unimplemented export: at the user's (non-abstract) class implementing the
    /// contract when there is one, otherwise at the export in the WIT.</summary>
    public static DiagnosticInfo Missing(ExportInfo export, ValueArray<UserType> types)
    {
        string contractFull = export.Contract.StartsWith("global::", StringComparison.Ordinal) ? export.Contract.Substring(8) : export.Contract;
        string contract = contractFull.StartsWith(export.WorldNamespace + ".", StringComparison.Ordinal)
            ? contractFull.Substring(export.WorldNamespace.Length + 1)
            : contractFull;
        string shortName = contractFull.Substring(contractFull.LastIndexOf('.') + 1);
        var implementation = types.FirstOrDefault(t => !t.IsAbstract && t.BaseNames.Contains(shortName));

        var message = new StringBuilder();
        message.Append("world '").Append(export.World).Append("' exports ");
        bool world = export.Functions.Count > 0;
        if (world) message.Append(export.Functions.Count == 1 ? "function " : "functions ").Append(string.Join(", ", export.Functions.Select(f => "'" + f + "'")));
        else message.Append('\'').Append(export.Name).Append('\'');
        message.Append(" but nothing implements ").Append(world && export.Functions.Count > 1 ? "them" : "it").Append(": ");
        string target = implementation is null ? "MyImplementation"
            : implementation.Namespace == export.WorldNamespace || implementation.Namespace.Length == 0 ? implementation.Name
            : implementation.Namespace + "." + implementation.Name;
        if (implementation is null) message.Append("write a class implementing ").Append(contract).Append(" and ");
        message.Append("add 'private static partial ").Append(contract).Append(' ').Append(export.Factory)
            .Append("() => new ").Append(target).Append("();' to 'partial class ").Append(export.WorldClass)
            .Append("' in namespace '").Append(export.WorldNamespace).Append('\'');
        if (implementation is not null) message.Append(" (class '").Append(implementation.Name).Append("' implements ").Append(contract).Append(')');

        // What the code fix (WitTools.Analyzers.CodeFixes) needs to write the factory, and a skeleton class
        // when there is no implementation yet.
        var properties = new ValueArray<DiagnosticProperty>(new[]
        {
            new DiagnosticProperty(FixProperties.WorldNamespace, export.WorldNamespace),
            new DiagnosticProperty(FixProperties.WorldClass, export.WorldClass),
            new DiagnosticProperty(FixProperties.Factory, export.Factory),
            new DiagnosticProperty(FixProperties.Contract, export.Contract),
            new DiagnosticProperty(FixProperties.Implementation, implementation is null ? ""
                : implementation.Namespace.Length == 0 ? "global::" + implementation.Name
                : "global::" + implementation.Namespace + "." + implementation.Name),
        });
        var at = implementation?.Location ?? export.Location;
        return at is null
            ? new DiagnosticInfo(GeneratorDiagnosticIds.MissingImplementation, message.ToString(), true, null, 0, 0, 0, 0, 0, 0, properties)
            : new DiagnosticInfo(GeneratorDiagnosticIds.MissingImplementation, message.ToString(), true, at.Path, at.Start, at.Length,
                at.StartLine, at.StartCharacter, at.EndLine, at.EndCharacter, properties);
    }
}

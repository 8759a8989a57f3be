using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

using WitTools.Analyzers.Diagnostics;
using WitTools.Analyzers.Generation;

namespace WitTools.Analyzers.CodeFixes;

/// <summary>
/// WIT0201 (an export has no implementation): adds a file with the world class's missing factory
/// (<c>private static partial IContract CreateX() =&gt; new Impl();</c>) and, when no class implements the
/// contract yet, a skeleton class whose members throw <see cref="System.NotImplementedException"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingImplementationCodeFix)), Shared]
public sealed class MissingImplementationCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(FixProperties.MissingImplementationId);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var p = diagnostic.Properties;
            if (!p.TryGetValue(FixProperties.WorldNamespace, out var ns) || ns is null
                || !p.TryGetValue(FixProperties.WorldClass, out var world) || world is null
                || !p.TryGetValue(FixProperties.Factory, out var factory) || factory is null
                || !p.TryGetValue(FixProperties.Contract, out var contract) || contract is null)
                continue;
            p.TryGetValue(FixProperties.Implementation, out var implementation);
            string title = string.IsNullOrEmpty(implementation)
                ? $"Implement the export: add {factory}() and a skeleton class"
                : $"Add {factory}() to partial class {world}";
            var project = context.Document.Project;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddFactoryAsync(project, context.Document, ns, world, factory, contract, implementation, ct), equivalenceKey: title),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    private static async Task<Solution> AddFactoryAsync(Project project, Document near, string ns, string world, string factory,
        string contract, string? implementation, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        text.Append("namespace ").Append(ns).Append("\n{\n");
        string target = implementation ?? "";
        string? skeleton = null;
        if (target.Length == 0)
        {
            string shortName = contract.Substring(contract.LastIndexOf('.') + 1);
            string stem = (shortName.Length > 1 && shortName[0] == 'I' && char.IsUpper(shortName[1]) ? shortName.Substring(1) : shortName) + "Impl";
            string name = stem;
            for (int i = 2; compilation?.GetTypeByMetadataName(ns + "." + name) is not null; i++) name = stem + i;
            target = name;
            skeleton = Skeleton(compilation, name, contract);
        }
        text.Append("    static partial class ").Append(world).Append("\n    {\n");
        text.Append("        private static partial ").Append(contract).Append(' ').Append(factory).Append("() => new ").Append(target).Append("();\n");
        text.Append("    }\n");
        if (skeleton is not null) text.Append('\n').Append(skeleton);
        text.Append("}\n");

        string fileName = world + "." + factory + ".cs";
        string? directory = near.FilePath is { } path ? Path.GetDirectoryName(path) : null;
        var document = project.AddDocument(fileName, text.ToString(), near.Folders, directory is null ? null : Path.Combine(directory, fileName));
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        document = document.WithSyntaxRoot(root!.WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.Project.Solution;
    }

    /// <summary>A class implementing every method of the contract with a body that throws.</summary>
    private static string Skeleton(Compilation? compilation, string name, string contract)
    {
        var text = new StringBuilder();
        text.Append("    internal sealed class ").Append(name).Append(" : ").Append(contract).Append("\n    {\n");
        if (compilation is not null && FindType(compilation, contract) is { } type)
        {
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary && m.IsAbstract))
            {
                text.Append("        public ").Append(method.ToDisplayString(SignatureFormats.Qualified)).Append(" => throw new global::System.NotImplementedException();\n");
            }
        }
        text.Append("    }\n");
        return text.ToString();
    }

    /// <summary>A type by its C# full name ("global::A.B.Outer.Inner"), walking namespaces then nested types.</summary>
    private static INamedTypeSymbol? FindType(Compilation compilation, string fullName)
    {
        string name = fullName.StartsWith("global::", System.StringComparison.Ordinal) ? fullName.Substring(8) : fullName;
        INamespaceOrTypeSymbol current = compilation.GlobalNamespace;
        foreach (var part in name.Split('.'))
        {
            var next = current.GetMembers(part).OfType<INamespaceOrTypeSymbol>().FirstOrDefault();
            if (next is null) return null;
            current = next;
        }
        return current as INamedTypeSymbol;
    }
}

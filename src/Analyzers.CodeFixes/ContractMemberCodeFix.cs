using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

using WitTools.Analyzers.Generation;

namespace WitTools.Analyzers.CodeFixes;

/// <summary>
/// WIT0202 (an implementation no longer matches the WIT): adds the member the contract now expects, with
/// a body that throws <see cref="System.NotImplementedException"/>, after the stale same-named method
/// (whose body the user moves over) or at the end of the class.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ContractMemberCodeFix)), Shared]
public sealed class ContractMemberCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(FixProperties.ImplementationMismatchId);

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.ExpectedQualified, out var qualified) || qualified is null) continue;
            diagnostic.Properties.TryGetValue(FixProperties.Expected, out var expected);
            var node = root.FindNode(diagnostic.Location.SourceSpan);
            var anchor = node.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            var type = anchor as TypeDeclarationSyntax ?? anchor?.Parent as TypeDeclarationSyntax;
            if (type is null) continue;
            var after = anchor is TypeDeclarationSyntax ? null : anchor;
            string title = $"Add '{expected ?? qualified}'";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddMemberAsync(context.Document, type, after, qualified, ct), equivalenceKey: "WIT0202:" + qualified),
                diagnostic);
        }
    }

    private static async Task<Document> AddMemberAsync(Document document, TypeDeclarationSyntax type, MemberDeclarationSyntax? after,
        string qualified, CancellationToken cancellationToken)
    {
        var member = SyntaxFactory.ParseMemberDeclaration(qualified + " => throw new global::System.NotImplementedException();");
        if (member is null) return document;
        member = member
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        TypeDeclarationSyntax updated = after is not null && type.Members.Contains(after)
            ? type.WithMembers(type.Members.Insert(type.Members.IndexOf(after) + 1, member))
            : type.AddMembers(member);
        document = document.WithSyntaxRoot(root.ReplaceNode(type, updated));
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

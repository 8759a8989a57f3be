using SemVersion = WitTools.WitParser.Model.SemVersion;
using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Syntax;

/// <summary>
/// Base of all AST nodes. Every node has a <see cref="Span"/> (global offsets). For item-like nodes it covers the
/// whole construct; for types and a few others it is exactly the span wit-parser reports errors at (documented
/// on the node), so resolution can reproduce wit-parser's error locations.
/// </summary>
public abstract record SyntaxNode(Span Span);

/// <summary>A name: kebab-case identifier (a leading '%' already removed). <see cref="IsMissing"/> marks a
/// placeholder the parser synthesized after a syntax error.</summary>
public sealed record Identifier(Span Span, string Name, bool IsMissing = false) : SyntaxNode(Span)
{
    public override string ToString() => Name;
}

/// <summary>
/// The comments just before an item. wit-parser keeps every comment there (not only `///` and `/** */`), and
/// <see cref="Contents"/> is normalized exactly like wit-parser's docs (`docs.contents` in its JSON).
/// </summary>
public sealed class Docs
{
    public static readonly Docs None = new(System.Array.Empty<string>(), Span.Unknown);

    private string? _contents;
    private bool _computed;

    public Docs(IReadOnlyList<string> comments, Span span)
    {
        Comments = comments;
        Span = span;
    }

    /// <summary>Raw text of each comment, markers included (a line comment includes its newline).</summary>
    public IReadOnlyList<string> Comments { get; }

    /// <summary>From the first comment's start to the last comment's end (trailing whitespace excluded);
    /// <see cref="Span.Unknown"/> when there are none.</summary>
    public Span Span { get; }

    public bool IsEmpty => Comments.Count == 0;

    /// <summary>The normalized doc text, or null when there are no comments.</summary>
    public string? Contents
    {
        get
        {
            if (!_computed)
            {
                _contents = DocsText.Normalize(Comments);
                _computed = true;
            }
            return _contents;
        }
    }

    public override string ToString() => Contents ?? string.Empty;
}

/// <summary>
/// A `foo` or `ns:pkg/foo@1.0.0` reference. <see cref="Package"/> is null for a local name. <see cref="Name"/> is the
/// last identifier (what wit-parser's `UsePath::name()` returns).
/// </summary>
public sealed record UsePathSyntax(Span Span, PackageNameSyntax? Package, Identifier Name) : SyntaxNode(Span)
{
    public bool IsLocal => Package is null;
}

/// <summary>
/// `ns:name@version`. <see cref="SyntaxNode.Span"/> is wit-parser's package-name span: for a package declaration it
/// runs from the namespace to the end of the version (or name); inside a use path it ends at the package name.
/// </summary>
public sealed record PackageNameSyntax(
    Span Span,
    Docs Docs,
    Identifier Namespace,
    Identifier Name,
    SemVersion? Version,
    Span VersionSpan) : SyntaxNode(Span)
{
    /// <summary>`ns:name` or `ns:name@version`.</summary>
    public override string ToString() => Version is null ? $"{Namespace.Name}:{Name.Name}" : $"{Namespace.Name}:{Name.Name}@{Version}";
}

/// <summary>The parse result of one file: an optional `package ns:name;` header and the items (which may include
/// nested `package ns:name { ... }` blocks).</summary>
public sealed record SyntaxTree(Span Span, SourceFile File, PackageNameSyntax? Package, IReadOnlyList<DeclItemSyntax> Items)
    : SyntaxNode(Span)
{
    /// <summary>The nested package blocks among <see cref="Items"/>.</summary>
    public IEnumerable<NestedPackageSyntax> NestedPackages
    {
        get
        {
            foreach (var item in Items)
            {
                if (item is NestedPackageSyntax nested) yield return nested;
            }
        }
    }
}

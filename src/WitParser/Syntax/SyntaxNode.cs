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
/// placeholder the parser synthesized after a syntax error. A value (names are the most numerous part of a tree).</summary>
public readonly record struct Identifier(Span Span, string Name, bool IsMissing = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// The comments just before an item. wit-parser keeps every comment there (not only `///` and `/** */`), and
/// <see cref="Contents"/> is normalized exactly like wit-parser's docs (`docs.contents` in its JSON). A small value
/// pointing into the file's comments: nothing is copied or normalized until asked for.
/// </summary>
public readonly struct Docs : System.IEquatable<Docs>
{
    public static readonly Docs None = default;

    private readonly CommentTable? _table;
    private readonly int _first;
    private readonly int _count;

    internal Docs(CommentTable table, int first, int count)
    {
        _table = table;
        _first = first;
        _count = count;
    }

    /// <summary>Raw text of each comment, markers included (a line comment includes its newline).</summary>
    public IReadOnlyList<string> Comments
    {
        get
        {
            if (_count == 0) return System.Array.Empty<string>();
            var comments = new string[_count];
            for (int i = 0; i < _count; i++) comments[i] = _table!.File.GetText(_table.Spans[_first + i]);
            return comments;
        }
    }

    /// <summary>From the first comment's start to the last comment's end (trailing whitespace excluded);
    /// <see cref="Span.Unknown"/> when there are none.</summary>
    public Span Span
    {
        get
        {
            if (_count == 0) return Span.Unknown;
            var last = _table!.Spans[_first + _count - 1];
            int end = last.End;
            while (end > last.Start && DocsText.IsAsciiWhitespace(_table.File.ByteAt(end - 1 - _table.File.Offset))) end--;
            return new Span(_table.Spans[_first].Start, end);
        }
    }

    public bool IsEmpty => _count == 0;

    /// <summary>The normalized doc text, or null when there are no comments (computed on each call).</summary>
    public string? Contents => _count == 0 ? null : DocsText.Normalize(_table!, _first, _count);

    /// <summary>The model's docs for these comments, normalized on first use.</summary>
    internal Model.Docs ToModel() => _count == 0 ? Model.Docs.None : new Model.Docs(new Model.LazyDocs(_table!, _first, _count));

    public override string ToString() => Contents ?? string.Empty;

    /// <summary>The same comments of the same file (syntax records compare their members, docs included).</summary>
    public bool Equals(Docs other) => ReferenceEquals(_table, other._table) && _first == other._first && _count == other._count;

    public override bool Equals(object? obj) => obj is Docs other && Equals(other);

    public override int GetHashCode() => _count == 0 ? 0 : unchecked(_first * 31 + _count);
}

/// <summary>The spans of a file's comments, in order (what <see cref="Docs"/> points into).</summary>
internal sealed class CommentTable
{
    public CommentTable(SourceFile file, int capacity)
    {
        File = file;
        Spans = new List<Span>(capacity);
    }

    public SourceFile File { get; }

    public List<Span> Spans { get; }
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

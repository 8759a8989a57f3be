using SemVersion = WitTools.WitParser.Model.SemVersion;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Syntax;

/// <summary>A `@name(...)` attribute. <see cref="SyntaxNode.Span"/> is the attribute name (wit-parser's span).</summary>
public abstract record AttributeSyntax(Span Span) : SyntaxNode(Span);

/// <summary>`@since(version = x.y.z)`.</summary>
public sealed record SinceAttributeSyntax(Span Span, SemVersion Version, Span VersionSpan) : AttributeSyntax(Span);

/// <summary>`@unstable(feature = name)`.</summary>
public sealed record UnstableAttributeSyntax(Span Span, Identifier Feature) : AttributeSyntax(Span);

/// <summary>`@deprecated(version = x.y.z)`.</summary>
public sealed record DeprecatedAttributeSyntax(Span Span, SemVersion Version, Span VersionSpan) : AttributeSyntax(Span);

/// <summary>`@external-id("...")` (the decoded string).</summary>
public sealed record ExternalIdAttributeSyntax(Span Span, string Id) : AttributeSyntax(Span);

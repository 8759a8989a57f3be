using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Symbols;
using WitTools.LanguageServer.Text;
using WitTools.LanguageServer.Workspace;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Symbols;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Features;

/// <summary>
/// Completion from the tokens before the cursor and the scopes of the symbol index: the keywords that may
/// start an item where the cursor is (file, interface, world, resource body), types visible in the enclosing
/// interface or world (its own, <c>use</c>d ones, built-ins) where a type may stand, interface, world and
/// package names after <c>use</c>/<c>import</c>/<c>export</c>/<c>include</c>, the names an interface offers
/// inside <c>use path.{…}</c>, and feature names inside <c>@unstable(feature = …)</c>.
/// </summary>
public static class CompletionProvider
{
    private static readonly string[] TopLevelKeywords = { "package", "interface", "world", "use" };
    private static readonly string[] InterfaceKeywords = { "type", "record", "variant", "enum", "flags", "resource", "use" };
    private static readonly string[] WorldKeywords = { "import", "export", "include", "use", "type", "record", "variant", "enum", "flags", "resource" };
    private static readonly string[] Attributes = { "since", "unstable", "deprecated" };
    private static readonly string[] BuiltinTypes = { "bool", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64", "char", "string", "error-context" };
    private static readonly string[] TypeConstructors = { "list", "option", "result", "tuple", "borrow", "own", "future", "stream", "map" };

    private enum Brace { Top, Interface, World, Resource, Members, Package, UseList, IncludeWith }

    private readonly record struct Tok(TokenKind Kind, string Text);

    public static CompletionList Complete(RootAnalysis analysis, WitDocument document, Position position, IEnumerable<string> knownFeatures)
    {
        int cursor = document.Lines.ToIndex(position);
        var tokens = TokensBefore(document, cursor);
        var items = new List<CompletionItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string label, int kind, string? detail = null)
        {
            if (label.Length > 0 && seen.Add(label)) items.Add(new CompletionItem(label, kind, detail));
        }

        Tok At(int back) => back <= tokens.Count ? tokens[tokens.Count - back] : new Tok(TokenKind.EndOfFile, "");
        var (brace, openers) = Enclosing(tokens);
        var index = analysis.Symbols;
        int offset = document.ToGlobalFromIndex(cursor);

        // @unstable(feature = |)
        if (At(1).Kind == TokenKind.Equals && At(2).Text == "feature" && At(3).Kind == TokenKind.LeftParen && At(4).Text == "unstable")
        {
            var features = new SortedSet<string>(knownFeatures, StringComparer.Ordinal);
            foreach (var symbol in index.All) if (symbol.Stability.Feature is { } feature) features.Add(feature);
            foreach (var feature in features) Add(feature, CompletionItemKindNumbers.Property, "feature");
            return new CompletionList(false, items);
        }
        if (At(1).Kind == TokenKind.At)
        {
            foreach (var attribute in Attributes) Add(attribute, CompletionItemKindNumbers.Keyword, "attribute");
            return new CompletionList(false, items);
        }

        // Paths after use / import / export / include.
        int pathStart = PathKeywordBack(tokens);
        if (pathStart > 0)
        {
            var keyword = At(pathStart).Kind;
            bool worlds = keyword == TokenKind.Include;
            var package = index.PackageAt(document, offset);
            if (pathStart == 1)
            {
                if (package != null) AddItems(index, package, worlds, keyword == TokenKind.Use && brace == Brace.Top, Add);
                foreach (var other in index.Packages) Add(ShortName(other), CompletionItemKindNumbers.Module, "package " + other.QualifiedName);
            }
            else if (pathStart == 3 && At(1).Kind == TokenKind.Colon)
            {
                foreach (var other in index.Packages)
                {
                    if (other.PackageName is { } name && name.Namespace == At(2).Text) Add(name.Name, CompletionItemKindNumbers.Module, other.QualifiedName);
                }
            }
            else if (pathStart == 5 && At(1).Kind == TokenKind.Slash && At(3).Kind == TokenKind.Colon)
            {
                string name = At(4).Text + ":" + At(2).Text;
                foreach (var other in index.Packages)
                {
                    if (ShortName(other) == name) AddItems(index, other, worlds, keyword == TokenKind.Use && brace == Brace.Top, Add);
                }
            }
            return new CompletionList(false, items);
        }

        // use path.{ | }
        if (brace == Brace.UseList && openers.Count > 0)
        {
            var target = UseListTarget(index, document, offset, tokens, openers[^1]);
            if (target != null)
            {
                foreach (var symbol in index.ChildrenOf(target)) if (IsType(symbol)) Add(symbol.Name, KindOf(symbol), symbol.Definition.QualifiedName);
            }
            return new CompletionList(false, items);
        }

        if (IsTypePosition(tokens, brace))
        {
            bool resourcesOnly = At(1).Kind == TokenKind.LessThan && At(2).Kind is TokenKind.Borrow or TokenKind.Own;
            var scope = index.ScopeAt(document, offset);
            for (var s = scope; s != null; s = s.Kind is WitSymbolKind.Import or WitSymbolKind.Export ? s.Container : null)
            {
                foreach (var symbol in index.ChildrenOf(s))
                {
                    if (!IsType(symbol) || (resourcesOnly && symbol.Definition.Kind != WitSymbolKind.Resource)) continue;
                    Add(symbol.Name, KindOf(symbol), symbol.Definition.QualifiedName);
                }
            }
            if (!resourcesOnly)
            {
                foreach (var builtin in BuiltinTypes) Add(builtin, CompletionItemKindNumbers.Keyword, "built-in type");
                foreach (var constructor in TypeConstructors) Add(constructor, CompletionItemKindNumbers.Keyword, "type constructor");
            }
            return new CompletionList(false, items);
        }

        // `name:` in an interface, resource or world: what a function or extern starts with.
        if (At(1).Kind == TokenKind.Colon && At(2).Kind is TokenKind.Id or TokenKind.ExplicitId)
        {
            Add("func", CompletionItemKindNumbers.Keyword);
            Add("async", CompletionItemKindNumbers.Keyword);
            if (brace == Brace.Resource) Add("static", CompletionItemKindNumbers.Keyword);
            if (brace == Brace.World)
            {
                Add("interface", CompletionItemKindNumbers.Keyword);
                if (index.PackageAt(document, offset) is { } package) AddItems(index, package, worlds: false, topLevelUse: false, Add);
            }
            return new CompletionList(false, items);
        }

        if (AtItemStart(At(1).Kind))
        {
            var keywords = brace switch
            {
                Brace.Top => tokens.Any(t => t.Kind != TokenKind.EndOfFile) ? TopLevelKeywords.Skip(1).ToArray() : TopLevelKeywords,
                Brace.Package => TopLevelKeywords.Skip(1).ToArray(),
                Brace.Interface => InterfaceKeywords,
                Brace.World => WorldKeywords,
                Brace.Resource => new[] { "constructor" },
                _ => Array.Empty<string>(),
            };
            foreach (var keyword in keywords) Add(keyword, CompletionItemKindNumbers.Keyword);
        }
        return new CompletionList(false, items);
    }

    private static bool AtItemStart(TokenKind previous) =>
        previous is TokenKind.EndOfFile or TokenKind.Semicolon or TokenKind.LeftBrace or TokenKind.RightBrace or TokenKind.RightParen;

    private static bool IsTypePosition(List<Tok> tokens, Brace brace)
    {
        Tok At(int back) => back <= tokens.Count ? tokens[tokens.Count - back] : new Tok(TokenKind.EndOfFile, "");
        switch (At(1).Kind)
        {
            case TokenKind.RArrow:
            case TokenKind.LessThan:
                return true;
            case TokenKind.Equals:
                return At(3).Kind == TokenKind.Type;
            case TokenKind.LeftParen:
                return brace == Brace.Members && At(2).Kind is TokenKind.Id or TokenKind.ExplicitId;
            case TokenKind.Comma:
                return InnermostOpen(tokens) == TokenKind.LessThan;
            case TokenKind.Colon:
                if (At(2).Kind is not (TokenKind.Id or TokenKind.ExplicitId)) return false;
                // A parameter (inside parentheses) or a record field.
                return InnermostOpen(tokens) == TokenKind.LeftParen || brace == Brace.Members;
            default:
                return false;
        }
    }

    /// <summary>The innermost unclosed '(' or '&lt;' after the innermost unclosed '{', if any.</summary>
    private static TokenKind InnermostOpen(List<Tok> tokens)
    {
        int depth = 0;
        for (int i = tokens.Count - 1; i >= 0; i--)
        {
            var kind = tokens[i].Kind;
            if (kind is TokenKind.RightParen or TokenKind.GreaterThan) depth++;
            else if (kind is TokenKind.LeftParen or TokenKind.LessThan)
            {
                if (depth == 0) return kind;
                depth--;
            }
            else if (kind is TokenKind.LeftBrace or TokenKind.RightBrace or TokenKind.Semicolon) return TokenKind.EndOfFile;
        }
        return TokenKind.EndOfFile;
    }

    /// <summary>How many tokens back the <c>use</c>/<c>import</c>/<c>export</c>/<c>include</c> of a path being
    /// typed is (1: right after it; 3: after <c>ns:</c>; 5: after <c>ns:pkg/</c>), or 0.</summary>
    private static int PathKeywordBack(List<Tok> tokens)
    {
        bool IsPathKeyword(int back) => back <= tokens.Count && tokens[tokens.Count - back].Kind is TokenKind.Use or TokenKind.Import or TokenKind.Export or TokenKind.Include;
        TokenKind Kind(int back) => back <= tokens.Count ? tokens[tokens.Count - back].Kind : TokenKind.EndOfFile;
        if (IsPathKeyword(1)) return 1;
        if (Kind(1) == TokenKind.Colon && Kind(2) == TokenKind.Id && IsPathKeyword(3)) return 3;
        if (Kind(1) == TokenKind.Slash && Kind(2) == TokenKind.Id && Kind(3) == TokenKind.Colon && Kind(4) == TokenKind.Id && IsPathKeyword(5)) return 5;
        return 0;
    }

    /// <summary><c>ns:name</c> of a package symbol.</summary>
    private static string ShortName(WitSymbol package) =>
        package.PackageName is { } name ? name.Namespace + ":" + name.Name : package.Name;

    private static void AddItems(SymbolLookup index, WitSymbol package, bool worlds, bool topLevelUse, Action<string, int, string?> add)
    {
        foreach (var symbol in index.ChildrenOf(package))
        {
            var original = symbol.Definition;
            if (worlds ? original.Kind == WitSymbolKind.World : original.Kind == WitSymbolKind.Interface || (topLevelUse && original.Kind == WitSymbolKind.World))
            {
                add(symbol.Name, original.Kind == WitSymbolKind.World ? CompletionItemKindNumbers.Module : CompletionItemKindNumbers.Interface, original.QualifiedName);
            }
        }
    }

    private static bool IsType(WitSymbol symbol) => symbol.Definition.Kind is WitSymbolKind.Resource or WitSymbolKind.Record
        or WitSymbolKind.Variant or WitSymbolKind.Enum or WitSymbolKind.Flags or WitSymbolKind.TypeAlias
        || (symbol.Kind == WitSymbolKind.Use && symbol.Definition.Kind == WitSymbolKind.Use && symbol.Container?.Kind is not WitSymbolKind.Package);

    private static int KindOf(WitSymbol symbol) => symbol.Definition.Kind switch
    {
        WitSymbolKind.Resource => CompletionItemKindNumbers.Class,
        WitSymbolKind.Record => CompletionItemKindNumbers.Struct,
        WitSymbolKind.Variant or WitSymbolKind.Enum or WitSymbolKind.Flags => CompletionItemKindNumbers.Enum,
        _ => CompletionItemKindNumbers.TypeParameter,
    };

    /// <summary>The interface a <c>use path.{</c> names: the path tokens sit between <c>use</c> and the '.' before the '{'.</summary>
    private static WitSymbol? UseListTarget(SymbolLookup index, WitDocument document, int offset, List<Tok> tokens, int braceIndex)
    {
        int dot = braceIndex - 1;
        if (dot < 1 || tokens[dot].Kind != TokenKind.Period) return null;
        int use = dot - 1;
        while (use >= 0 && tokens[use].Kind != TokenKind.Use && dot - use < 16) use--;
        if (use < 0 || tokens[use].Kind != TokenKind.Use) return null;
        var path = tokens.GetRange(use + 1, dot - use - 1);
        if (path.Count == 1)
        {
            var package = index.PackageAt(document, offset);
            return package != null && index.ChildrenOf(package).FirstOrDefault(p => p.Name == path[0].Text) is { } local ? local.Definition : null;
        }
        if (path.Count >= 5 && path[1].Kind == TokenKind.Colon && path[3].Kind == TokenKind.Slash)
        {
            string packageName = path[0].Text + ":" + path[2].Text;
            string? version = path.Count > 6 && path[5].Kind == TokenKind.At ? string.Concat(path.Skip(6).Select(t => t.Text)) : null;
            foreach (var package in index.Packages)
            {
                if (ShortName(package) != packageName || (version != null && package.PackageName?.Version?.ToString() != version)) continue;
                var item = index.ChildrenOf(package).FirstOrDefault(p => p.Name == path[4].Text);
                if (item != null) return item.Definition;
            }
        }
        return null;
    }

    /// <summary>The kind of the innermost unclosed '{' before the cursor, and the token indexes of the open braces.</summary>
    private static (Brace Brace, List<int> Openers) Enclosing(List<Tok> tokens)
    {
        var stack = new List<(Brace Brace, int Index)>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.RightBrace)
            {
                if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                continue;
            }
            if (tokens[i].Kind != TokenKind.LeftBrace) continue;
            TokenKind Before(int back) => i - back >= 0 ? tokens[i - back].Kind : TokenKind.EndOfFile;
            Brace brace;
            if (Before(1) == TokenKind.Period) brace = Brace.UseList;
            else if (Before(1) == TokenKind.With) brace = Brace.IncludeWith;
            else if (Before(1) == TokenKind.Interface) brace = Brace.Interface;
            else
            {
                // Walk back over the name (and a package name's `ns:name@version`) to the keyword.
                int j = i - 1;
                while (j >= 0 && j > i - 12 && tokens[j].Kind is TokenKind.Id or TokenKind.ExplicitId or TokenKind.Colon or TokenKind.At
                    or TokenKind.Integer or TokenKind.Period or TokenKind.Minus or TokenKind.Plus) j--;
                brace = (j >= 0 ? tokens[j].Kind : TokenKind.EndOfFile) switch
                {
                    TokenKind.Interface => Brace.Interface,
                    TokenKind.World => Brace.World,
                    TokenKind.Resource => Brace.Resource,
                    TokenKind.Package => Brace.Package,
                    TokenKind.Record or TokenKind.Variant or TokenKind.Enum or TokenKind.Flags => Brace.Members,
                    _ => Brace.Members,
                };
            }
            stack.Add((brace, i));
        }
        var openers = stack.Select(s => s.Index).ToList();
        return (stack.Count == 0 ? Brace.Top : stack[^1].Brace, openers);
    }

    /// <summary>The significant tokens before the cursor; a word the cursor is in or just after is left out
    /// (it is what is being completed).</summary>
    private static List<Tok> TokensBefore(WitDocument document, int cursor)
    {
        var tokens = new List<Tok>();
        var lexer = new Lexer(document.Source, new DiagnosticBag());
        for (int guard = 0; guard <= document.Text.Length + 1; guard++)
        {
            var token = lexer.Next();
            if (token.Kind == TokenKind.EndOfFile) break;
            var (start, end) = SourcePositions.ToIndexes(document.Source, token.Span);
            if (start >= cursor) break;
            bool isWord = token.Kind is TokenKind.Id or TokenKind.ExplicitId || token.Kind.IsKeyword();
            if (end >= cursor && isWord) break;
            if (end > cursor) break;
            tokens.Add(new Tok(token.Kind, document.Text.Substring(start, end - start)));
        }
        return tokens;
    }
}

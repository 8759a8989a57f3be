using System;
using System.Collections.Generic;
using System.Text;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Parsing;
using WitTools.WitParser.Text;

namespace WitTools.LanguageServer.Formatting;

/// <summary>The outcome of <see cref="WitFormatter.Format"/>: the formatted text, or why there is none.</summary>
public sealed record FormatResult(string? Text, string? Error, WitDiagnostic? Diagnostic = null, SourceMap? Sources = null);

/// <summary>
/// Formats WIT text by changing only the whitespace between tokens: bodies are indented one unit per brace,
/// items, fields and cases go on lines of their own, spacing around punctuation is normalized
/// (<c>name: type</c>, <c>a:b/c@1.0.0</c>, <c>func(x: u32) -&gt; u32</c>), at most one blank line is kept,
/// trailing whitespace goes. Every comment stays where it was, attached to the same token (so doc comments
/// stay with their item), and block comments keep their inner lines verbatim; the token sequence is
/// checked to be unchanged, so the text resolves to the same model. Text with syntax errors is not formatted.
/// </summary>
public static class WitFormatter
{
    private sealed class Element
    {
        public Element(TokenKind kind, string text, int newlinesBefore, bool spaceBefore)
        {
            Kind = kind;
            Text = text;
            NewlinesBefore = newlinesBefore;
            SpaceBefore = spaceBefore;
        }

        public TokenKind Kind { get; }
        public string Text { get; }
        public int NewlinesBefore { get; }
        public bool SpaceBefore { get; }
        public bool IsComment => Kind == TokenKind.Comment;
        public bool IsLineComment => IsComment && Text.StartsWith("//", StringComparison.Ordinal);
        public bool IsPathColon { get; set; }

        /// <summary>For '{' and '}': which kind of brace pair this is.</summary>
        public BraceKind Brace { get; set; }

        public bool IsBlockBrace => Brace == BraceKind.Block;
    }

    public static FormatResult Format(string text, string indentUnit = "  ", string path = "input.wit")
    {
        text ??= string.Empty;
        var sources = new SourceMap();
        var file = sources.Add(path, text);
        var bag = new DiagnosticBag();
        Parser.Parse(file, bag);
        foreach (var diagnostic in bag.Items)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                return new FormatResult(null, "cannot format a file with syntax errors: " + diagnostic.Message, diagnostic, sources);
            }
        }

        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var elements = Elements(file);
        MarkContext(elements);
        string formatted = Emit(elements, indentUnit, newline);
        if (text.Length > 0 && text[0] == '\uFEFF') formatted = "\uFEFF" + formatted;

        // The guarantee: only whitespace changed. Anything else is a bug here, and the text is left alone.
        if (!SameTokens(text, formatted)) return new FormatResult(null, "internal error: formatting would change the tokens; the text was left as it is");
        return new FormatResult(formatted, null);
    }

    private static List<Element> Elements(SourceFile file)
    {
        var elements = new List<Element>();
        var lexer = new Lexer(file, new DiagnosticBag());
        int newlines = 0;
        bool space = false;
        for (int guard = 0; guard <= file.Text.Length + 1; guard++)
        {
            var token = lexer.NextRaw();
            if (token.Kind == TokenKind.EndOfFile) break;
            string tokenText = lexer.GetText(token.Start, token.End);
            if (token.Kind == TokenKind.Whitespace)
            {
                foreach (char c in tokenText) if (c == '\n') newlines++;
                space = true;
                continue;
            }
            if (token.Kind == TokenKind.Comment && tokenText.StartsWith("//", StringComparison.Ordinal))
            {
                // A line comment owns its newline; it counts before whatever follows.
                string body = tokenText.TrimEnd('\n', '\r');
                body = body.TrimEnd(' ', '\t');
                elements.Add(new Element(token.Kind, body, newlines, space));
                newlines = tokenText.EndsWith('\n') ? 1 : 0;
                space = true;
                continue;
            }
            elements.Add(new Element(token.Kind, tokenText, newlines, space));
            newlines = 0;
            space = false;
        }
        return elements;
    }

    private enum BraceKind { Block, UseList, With }

    private static void MarkContext(List<Element> elements)
    {
        var braces = new Stack<BraceKind>();
        var significant = new List<Element>();
        foreach (var element in elements) if (!element.IsComment) significant.Add(element);
        for (int i = 0; i < significant.Count; i++)
        {
            var element = significant[i];
            if (element.Kind == TokenKind.Colon)
            {
                element.IsPathColon = (i >= 2 && significant[i - 2].Kind == TokenKind.Package)
                    || (i + 2 < significant.Count && significant[i + 2].Kind == TokenKind.Slash);
            }
            else if (element.Kind == TokenKind.LeftBrace)
            {
                var previous = i == 0 ? TokenKind.EndOfFile : significant[i - 1].Kind;
                element.Brace = previous == TokenKind.Period ? BraceKind.UseList : previous == TokenKind.With ? BraceKind.With : BraceKind.Block;
                braces.Push(element.Brace);
            }
            else if (element.Kind == TokenKind.RightBrace)
            {
                element.Brace = braces.Count > 0 ? braces.Pop() : BraceKind.Block;
            }
        }
    }

    private enum Open { Block, Inline, Paren }

    private static string Emit(List<Element> elements, string indentUnit, string newline)
    {
        var output = new StringBuilder();
        var stack = new List<Open>();
        Element? previous = null;          // previous element (comments included)
        Element? previousToken = null;     // previous significant token
        bool forceBreak = false;           // the next element must start a new line
        bool afterBlockOpen = false;

        for (int i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            bool closesBlock = element.Kind == TokenKind.RightBrace && stack.Count > 0 && stack[^1] == Open.Block;
            bool closesInline = (element.Kind is TokenKind.RightParen or TokenKind.GreaterThan && stack.Count > 0 && stack[^1] == Open.Paren)
                || (element.Kind == TokenKind.RightBrace && stack.Count > 0 && stack[^1] == Open.Inline);
            if (closesBlock || closesInline) stack.RemoveAt(stack.Count - 1);

            int newlines;
            if (previous == null) newlines = 0;
            else if (element.IsComment && element.NewlinesBefore == 0 && !(previous.IsLineComment)) newlines = 0; // trailing comment stays
            else
            {
                newlines = Math.Min(element.NewlinesBefore, 2);
                if (previous.IsLineComment || forceBreak || (closesBlock && !(previousToken?.Kind == TokenKind.LeftBrace && previous == previousToken))) newlines = Math.Max(newlines, 1);
                if (afterBlockOpen || closesBlock) newlines = Math.Min(newlines, 1);
            }

            if (previous != null)
            {
                if (newlines > 0)
                {
                    for (int n = 0; n < newlines; n++) output.Append(newline);
                    int depth = 0;
                    foreach (var open in stack) depth++;
                    for (int d = 0; d < depth; d++) output.Append(indentUnit);
                }
                else if (NeedsSpace(previous, element, previousToken))
                {
                    output.Append(' ');
                }
            }
            output.Append(element.Text);

            afterBlockOpen = false;
            forceBreak = false;
            if (!element.IsComment)
            {
                switch (element.Kind)
                {
                    case TokenKind.LeftBrace:
                        stack.Add(element.IsBlockBrace ? Open.Block : Open.Inline);
                        if (element.IsBlockBrace)
                        {
                            afterBlockOpen = true;
                            // `{}` stays together; anything else starts on the next line.
                            forceBreak = !(i + 1 < elements.Count && elements[i + 1].Kind == TokenKind.RightBrace);
                        }
                        break;
                    case TokenKind.LeftParen:
                    case TokenKind.LessThan:
                        stack.Add(Open.Paren);
                        break;
                    case TokenKind.Semicolon:
                        forceBreak = stack.Count == 0 || stack[^1] == Open.Block;
                        break;
                    case TokenKind.Comma:
                        forceBreak = stack.Count > 0 && stack[^1] == Open.Block;
                        break;
                    case TokenKind.RightBrace:
                        forceBreak = closesBlock;
                        break;
                }
                previousToken = element;
            }
            // A break owed after a token is still owed after a trailing comment.
            if (element.IsComment && i > 0 && PendingBreakBefore(elements, i)) forceBreak = true;
            previous = element;
        }
        output.Append(newline);
        return output.ToString();
    }

    /// <summary>Whether a line break was owed before comment <paramref name="i"/> (it trails a `;`, `,` in a
    /// block, `{` or `}`), so the token after the comment still goes on a new line.</summary>
    private static bool PendingBreakBefore(List<Element> elements, int i)
    {
        for (int j = i - 1; j >= 0; j--)
        {
            var element = elements[j];
            if (element.IsComment) continue;
            return element.Kind is TokenKind.Semicolon or TokenKind.Comma or TokenKind.RightBrace || (element.Kind == TokenKind.LeftBrace && element.IsBlockBrace);
        }
        return false;
    }

    private static bool NeedsSpace(Element previous, Element current, Element? previousToken)
    {
        if (current.IsComment || previous.IsComment) return true;
        var a = previous.Kind;
        var b = current.Kind;
        bool Word(TokenKind k) => k is TokenKind.Id or TokenKind.ExplicitId or TokenKind.Integer || k.IsKeyword();

        if (b is TokenKind.Comma or TokenKind.Semicolon or TokenKind.RightParen or TokenKind.GreaterThan or TokenKind.Period) return false;
        if (a is TokenKind.LeftParen or TokenKind.LessThan or TokenKind.Period or TokenKind.At or TokenKind.Slash) return false;
        if (b is TokenKind.LeftParen or TokenKind.LessThan or TokenKind.Slash) return false;
        if (b == TokenKind.Colon) return false;
        if (a == TokenKind.Colon) return !previous.IsPathColon;
        if (b == TokenKind.At) return !(a is TokenKind.Id or TokenKind.ExplicitId);
        if (a == TokenKind.LeftBrace && b == TokenKind.RightBrace) return false;
        if (a == TokenKind.LeftBrace) return previous.Brace != BraceKind.UseList;
        if (b == TokenKind.RightBrace) return current.Brace != BraceKind.UseList;
        if (b == TokenKind.LeftBrace) return current.Brace != BraceKind.UseList;
        if (a is TokenKind.Minus or TokenKind.Plus || b is TokenKind.Minus or TokenKind.Plus) return current.SpaceBefore;
        if (a is TokenKind.Equals or TokenKind.RArrow or TokenKind.Comma || b is TokenKind.Equals or TokenKind.RArrow) return true;
        if (Word(a) && Word(b)) return true;
        return current.SpaceBefore;
    }

    /// <summary>Both texts lex to the same tokens and comments (comments compared without trailing blanks).</summary>
    public static bool SameTokens(string before, string after)
    {
        var a = Significant(before);
        var b = Significant(after);
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    private static List<(TokenKind, string)> Significant(string text)
    {
        var map = new SourceMap();
        var file = map.Add("x.wit", text);
        var lexer = new Lexer(file, new DiagnosticBag());
        var list = new List<(TokenKind, string)>();
        for (int guard = 0; guard <= text.Length + 1; guard++)
        {
            var token = lexer.NextRaw();
            if (token.Kind == TokenKind.EndOfFile) break;
            if (token.Kind == TokenKind.Whitespace) continue;
            string tokenText = lexer.GetText(token.Start, token.End);
            if (token.Kind == TokenKind.Comment) tokenText = tokenText.TrimEnd(' ', '\t', '\r', '\n');
            list.Add((token.Kind, tokenText));
        }
        return list;
    }
}

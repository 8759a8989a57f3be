using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Lexing;

/// <summary>
/// Turns the UTF-8 bytes of one <see cref="SourceFile"/> into tokens, on demand. Never throws: a bad character
/// is reported (with wit-parser's message) and skipped, an unterminated comment or string ends at end of file.
/// Offsets are global (file offset + byte index).
/// </summary>
public sealed class Lexer
{
    private readonly byte[] _text;
    private readonly int _length;
    private readonly int _offset;
    private readonly Action<WitDiagnostic> _report;
    private readonly Syntax.CommentTable _commentTable;
    private readonly List<Span> _comments;
    private readonly bool[]? _forbidden;
    private int _pos;

    public Lexer(SourceFile file, DiagnosticBag diagnostics) : this(file, diagnostics.Add) { }

    internal Lexer(SourceFile file, Action<WitDiagnostic> report)
    {
        File = file;
        _commentTable = new Syntax.CommentTable(file, file.Length / 64);
        _comments = _commentTable.Spans;
        _text = file.Bytes;
        _length = _text.Length;
        _offset = file.Offset;
        _report = report;
        _forbidden = ScanForbidden();
        // A UTF-8 byte order mark at the very start is ignored.
        if (_length >= 3 && _text[0] == 0xEF && _text[1] == 0xBB && _text[2] == 0xBF) _pos = 3;
    }

    public SourceFile File { get; }

    /// <summary>Spans of all comments seen so far, in order (tokens index into this list).</summary>
    public IReadOnlyList<Span> Comments => _comments;

    /// <summary>The same comments, as the table <see cref="Syntax.Docs"/> values point into.</summary>
    internal Syntax.CommentTable CommentTable => _commentTable;

    /// <summary>Global offset of the end of the file (where "found eof" errors point).</summary>
    public int EndOffset => _offset + _length;

    /// <summary>Lexes a whole file into significant tokens (ending with one <see cref="TokenKind.EndOfFile"/>).</summary>
    public static List<Token> Tokenize(SourceFile file, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(file, diagnostics);
        var tokens = new List<Token>();
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfFile) return tokens;
        }
    }

    /// <summary>The text of a span of this file.</summary>
    public string GetText(int globalStart, int globalEnd) => File.GetText(globalStart, globalEnd);

    /// <summary>The next significant token; comments before it are recorded in <see cref="Comments"/>.</summary>
    public Token Next()
    {
        int firstComment = _comments.Count;
        while (true)
        {
            // Whitespace is skipped here without making tokens of it (NextRaw still handles the odd cases).
            var text = _text;
            int pos = _pos;
            while (pos < text.Length)
            {
                byte c = text[pos];
                if (c == ' ' || c == '\n' || c == '\t') pos++;
                else if (c == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n') pos += 2;
                else break;
            }
            _pos = pos;
            var token = NextRaw();
            if (token.Kind == TokenKind.Whitespace) continue;
            if (token.Kind == TokenKind.Comment)
            {
                _comments.Add(token.Span);
                continue;
            }
            return new Token(token.Kind, token.Start, token.End, firstComment, _comments.Count - firstComment);
        }
    }

    /// <summary>The next token including whitespace and comment trivia.</summary>
    public Token NextRaw()
    {
        while (true)
        {
            if (_pos >= _length) return new Token(TokenKind.EndOfFile, EndOffset, EndOffset);
            int start = _pos;
            byte c = _text[_pos];
            TokenKind kind;
            switch ((char)c)
            {
                case ' ':
                case '\t':
                case '\n':
                    _pos++;
                    SkipWhitespace();
                    kind = TokenKind.Whitespace;
                    break;
                case '\r':
                    if (_pos + 1 < _length && _text[_pos + 1] == '\n')
                    {
                        _pos += 2;
                        SkipWhitespace();
                        kind = TokenKind.Whitespace;
                        break;
                    }
                    Unexpected(start);
                    continue;
                case '/':
                    _pos++;
                    if (Eat('/'))
                    {
                        int nl = System.Array.IndexOf(_text, (byte)'\n', _pos);
                        _pos = nl < 0 ? _length : nl + 1;
                        kind = TokenKind.Comment;
                    }
                    else if (Eat('*'))
                    {
                        BlockComment(start);
                        kind = TokenKind.Comment;
                    }
                    else kind = TokenKind.Slash;
                    break;
                case '=': _pos++; kind = TokenKind.Equals; break;
                case ',': _pos++; kind = TokenKind.Comma; break;
                case ':': _pos++; kind = TokenKind.Colon; break;
                case '.': _pos++; kind = TokenKind.Period; break;
                case ';': _pos++; kind = TokenKind.Semicolon; break;
                case '(': _pos++; kind = TokenKind.LeftParen; break;
                case ')': _pos++; kind = TokenKind.RightParen; break;
                case '{': _pos++; kind = TokenKind.LeftBrace; break;
                case '}': _pos++; kind = TokenKind.RightBrace; break;
                case '<': _pos++; kind = TokenKind.LessThan; break;
                case '>': _pos++; kind = TokenKind.GreaterThan; break;
                case '*': _pos++; kind = TokenKind.Star; break;
                case '@': _pos++; kind = TokenKind.At; break;
                case '+': _pos++; kind = TokenKind.Plus; break;
                case '-':
                    _pos++;
                    kind = Eat('>') ? TokenKind.RArrow : TokenKind.Minus;
                    break;
                case '%':
                    _pos++;
                    if (_pos < _length && IsKeylikeStart(_pos, out int idLength))
                    {
                        _pos += idLength;
                        SkipKeylikeContinue();
                    }
                    kind = TokenKind.ExplicitId;
                    break;
                case '"':
                    _pos++;
                    StringLiteral(start);
                    kind = TokenKind.StringLiteral;
                    break;
                default:
                    if (c >= '0' && c <= '9')
                    {
                        _pos++;
                        while (_pos < _length && _text[_pos] >= '0' && _text[_pos] <= '9') _pos++;
                        kind = TokenKind.Integer;
                    }
                    else if (IsKeylikeStart(_pos, out int keyLength))
                    {
                        _pos += keyLength;
                        SkipKeylikeContinue();
                        kind = Keyword(start, _pos - start);
                    }
                    else
                    {
                        Unexpected(start);
                        continue;
                    }
                    break;
            }
            return new Token(kind, _offset + start, _offset + _pos);
        }
    }

    private bool Eat(char c)
    {
        if (_pos < _length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void SkipWhitespace()
    {
        var text = _text;
        int pos = _pos;
        while (pos < text.Length)
        {
            byte c = text[pos];
            if (c == ' ' || c == '\t' || c == '\n') pos++;
            else if (c == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n') pos += 2;
            else break;
        }
        _pos = pos;
    }

    private bool IsKeylikeStart(int index, out int length)
    {
        byte c = _text[index];
        if (c < 0x80)
        {
            length = 1;
            return c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return CharFacts.IsXidStart(Utf8Text.Decode(_text, index, _length, out length));
    }

    // ASCII bytes that continue a keyword or identifier: letters, digits, '-' and '_'.
    private static readonly bool[] AsciiKeylike = BuildAsciiKeylike();

    private static bool[] BuildAsciiKeylike()
    {
        var table = new bool[128];
        for (int c = 0; c < 128; c++)
        {
            table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        }
        return table;
    }

    private void SkipKeylikeContinue()
    {
        var text = _text;
        var keylike = AsciiKeylike;
        int pos = _pos;
        while (pos < text.Length)
        {
            byte c = text[pos];
            if (c < 0x80)
            {
                if (keylike[c]) pos++;
                else break;
            }
            else
            {
                int cp = Utf8Text.Decode(text, pos, text.Length, out int length);
                if (!CharFacts.IsXidContinue(cp)) break;
                pos += length;
            }
        }
        _pos = pos;
    }

    private void BlockComment(int start)
    {
        int depth = 1;
        while (depth > 0)
        {
            if (_pos >= _length)
            {
                Error("unterminated block comment", start);
                return;
            }
            byte c = _text[_pos++];
            if (c == '/' && Eat('*')) depth++;
            else if (c == '*' && Eat('/')) depth--;
        }
    }

    // Scans to the closing quote (skipping escaped characters), then validates the contents the way
    // wit-parser does, reporting the first problem.
    private void StringLiteral(int start)
    {
        int contentStart = _pos;
        while (_pos < _length)
        {
            byte c = _text[_pos];
            if (c == '"') break;
            if (c == '\\' && _pos + 1 < _length) _pos++;
            _pos++;
        }
        int contentEnd = _pos;
        bool terminated = _pos < _length;
        if (terminated) _pos++;
        var error = StringLiterals.Decode(_text, contentStart, contentEnd, terminated, out _, out int errorAt);
        if (error != null) Error(error, errorAt == -1 ? start : errorAt);
    }

    private void Unexpected(int start)
    {
        int cp = Utf8Text.Decode(_text, start, _length, out int length);
        // Characters rejected by the up-front scan were reported already.
        if (_forbidden == null || !_forbidden[start]) Error("unexpected character " + CharFacts.RustDebug(cp), start);
        _pos = start + length;
    }

    private void Error(string message, int relativeStart)
    {
        int at = _offset + relativeStart;
        _report(new WitDiagnostic(message, new Span(at, at + 1)));
    }

    // wit-parser rejects a file containing control codes (other than tab and newlines), bidirectional
    // override codepoints or a few deprecated codepoints anywhere, even inside comments, before lexing.
    private unsafe bool[]? ScanForbidden()
    {
        // The loader's UTF-8 check already saw that the file is plain ASCII.
        if (File.PlainAscii) return null;
        bool[]? forbidden = null;
        var text = _text;
        for (int i = 0; i < text.Length; i++)
        {
            // Eight bytes at a time while they are printable ASCII, tabs and line ends (the common case).
            fixed (byte* p = text)
            {
                while (i + 8 <= text.Length && Utf8Text.IsPlainAsciiWord(*(ulong*)(p + i))) i += 8;
            }
            if (i >= text.Length) break;
            byte b = text[i];
            if (b >= 0x20 && b < 0x7f) continue;
            if (b == '\n' || b == '\r' || b == '\t') continue;
            int cp = Utf8Text.Decode(text, i, text.Length, out int length);
            string? message = null;
            if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
            {
                message = "Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('" + CharFacts.RustEscapeUnicode(cp) + "'))";
            }
            else if (cp == 0x149 || cp == 0x673 || cp == 0xf77 || cp == 0xf79 || cp == 0x17a3 || cp == 0x17a4 || cp == 0x17b4 || cp == 0x17b5)
            {
                message = "Codepoint EscapeUnicode(EscapeIterInner('" + CharFacts.RustEscapeUnicode(cp) + "')) is discouraged by Unicode";
            }
            else if (CharFacts.IsControl(cp))
            {
                message = "Control code '" + CharFacts.RustEscapeUnicode(cp) + "'";
            }
            if (message != null)
            {
                Error(message, i);
                forbidden ??= new bool[text.Length];
                forbidden[i] = true;
            }
            i += length - 1;
        }
        return forbidden;
    }

    // Keyword lookup without allocating the token text.
    private TokenKind Keyword(int start, int length)
    {
        switch (length)
        {
            case 1:
                return _text[start] == (byte)'_' ? TokenKind.Underscore : TokenKind.Id;
            case 2:
                if (Is(start, "u8")) return TokenKind.U8;
                if (Is(start, "s8")) return TokenKind.S8;
                if (Is(start, "as")) return TokenKind.As;
                return TokenKind.Id;
            case 3:
                switch ((char)_text[start])
                {
                    case 'u':
                        if (Is(start, "use")) return TokenKind.Use;
                        if (Is(start, "u16")) return TokenKind.U16;
                        if (Is(start, "u32")) return TokenKind.U32;
                        if (Is(start, "u64")) return TokenKind.U64;
                        break;
                    case 's':
                        if (Is(start, "s16")) return TokenKind.S16;
                        if (Is(start, "s32")) return TokenKind.S32;
                        if (Is(start, "s64")) return TokenKind.S64;
                        break;
                    case 'f':
                        if (Is(start, "f32")) return TokenKind.F32;
                        if (Is(start, "f64")) return TokenKind.F64;
                        break;
                    case 'o':
                        if (Is(start, "own")) return TokenKind.Own;
                        break;
                    case 'm':
                        if (Is(start, "map")) return TokenKind.Map;
                        break;
                }
                return TokenKind.Id;
            case 4:
                switch ((char)_text[start])
                {
                    case 't': if (Is(start, "type")) return TokenKind.Type; break;
                    case 'f':
                        if (Is(start, "func")) return TokenKind.Func;
                        if (Is(start, "from")) return TokenKind.From;
                        break;
                    case 'c': if (Is(start, "char")) return TokenKind.Char; break;
                    case 'e': if (Is(start, "enum")) return TokenKind.Enum; break;
                    case 'b': if (Is(start, "bool")) return TokenKind.Bool; break;
                    case 'l': if (Is(start, "list")) return TokenKind.List; break;
                    case 'w': if (Is(start, "with")) return TokenKind.With; break;
                }
                return TokenKind.Id;
            case 5:
                switch ((char)_text[start])
                {
                    case 'f': if (Is(start, "flags")) return TokenKind.Flags; break;
                    case 't': if (Is(start, "tuple")) return TokenKind.Tuple; break;
                    case 'w': if (Is(start, "world")) return TokenKind.World; break;
                    case 'a': if (Is(start, "async")) return TokenKind.Async; break;
                }
                return TokenKind.Id;
            case 6:
                switch ((char)_text[start])
                {
                    case 'r':
                        if (Is(start, "record")) return TokenKind.Record;
                        if (Is(start, "result")) return TokenKind.Result;
                        break;
                    case 'b': if (Is(start, "borrow")) return TokenKind.Borrow; break;
                    case 's':
                        if (Is(start, "string")) return TokenKind.String;
                        if (Is(start, "stream")) return TokenKind.Stream;
                        if (Is(start, "static")) return TokenKind.Static;
                        break;
                    case 'o': if (Is(start, "option")) return TokenKind.Option; break;
                    case 'f': if (Is(start, "future")) return TokenKind.Future; break;
                    case 'i': if (Is(start, "import")) return TokenKind.Import; break;
                    case 'e': if (Is(start, "export")) return TokenKind.Export; break;
                }
                return TokenKind.Id;
            case 7:
                if (Is(start, "variant")) return TokenKind.Variant;
                if (Is(start, "package")) return TokenKind.Package;
                if (Is(start, "include")) return TokenKind.Include;
                return TokenKind.Id;
            case 8:
                return Is(start, "resource") ? TokenKind.Resource : TokenKind.Id;
            case 9:
                return Is(start, "interface") ? TokenKind.Interface : TokenKind.Id;
            case 11:
                return Is(start, "constructor") ? TokenKind.Constructor : TokenKind.Id;
            case 13:
                return Is(start, "error-context") ? TokenKind.ErrorContext : TokenKind.Id;
            default:
                return TokenKind.Id;
        }
    }

    private bool Is(int start, string keyword)
    {
        var text = _text;
        for (int i = 0; i < keyword.Length; i++)
        {
            if (text[start + i] != keyword[i]) return false;
        }
        return true;
    }
}

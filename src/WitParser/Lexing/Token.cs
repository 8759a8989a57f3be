using WitTools.WitParser.Text;

namespace WitTools.WitParser.Lexing;

/// <summary>
/// One token: its kind and global UTF-8 byte offsets. Comments are not tokens of their own for the parser; each
/// significant token remembers the comments just before it (<see cref="FirstComment"/>, <see cref="CommentCount"/>
/// index <see cref="Lexer.Comments"/>) so doc comments can be attached to the item that follows them.
/// </summary>
public readonly struct Token
{
    public Token(TokenKind kind, int start, int end, int firstComment = 0, int commentCount = 0)
    {
        Kind = kind;
        Start = start;
        End = end;
        FirstComment = firstComment;
        CommentCount = commentCount;
    }

    public TokenKind Kind { get; }

    /// <summary>Global offset of the first character.</summary>
    public int Start { get; }

    /// <summary>Global offset one past the last character.</summary>
    public int End { get; }

    public Span Span => new(Start, End);

    public int FirstComment { get; }
    public int CommentCount { get; }

    public override string ToString() => $"{Kind}@{Start}..{End}";
}

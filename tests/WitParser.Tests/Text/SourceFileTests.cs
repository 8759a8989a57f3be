using System.Text;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Text;

/// <summary>Spans count UTF-8 bytes; SourceFile converts them to lines, wit-parser's byte columns, and the
/// UTF-16 positions of editors.</summary>
public class SourceFileTests
{
    // "é" is 2 bytes / 1 UTF-16 unit, "€" 3 / 1, "😀" 4 / 2.
    private const string Text = "ab\r\né€😀x\n\nlast";

    private static SourceFile File(out SourceMap map)
    {
        map = new SourceMap();
        map.Add("first.wit", "0123");
        return map.Add("second.wit", Text);
    }

    private static int ByteOffset(string text, int charIndex) => Encoding.UTF8.GetByteCount(text.Substring(0, charIndex));

    [Fact]
    public void Offsets_are_utf8_bytes_after_the_previous_file()
    {
        var file = File(out var map);
        Assert.Equal(5, file.Offset);
        Assert.Equal(Encoding.UTF8.GetByteCount(Text), file.Length);
        Assert.Equal(file.Offset + file.Length, file.End);
        Assert.Same(file, map.FileAt(file.End));
        Assert.Equal(Text, file.Text);
    }

    [Fact]
    public void Locate_gives_byte_and_utf16_columns()
    {
        var file = File(out _);
        int x = file.Offset + ByteOffset(Text, Text.IndexOf('x'));
        var location = file.Locate(x);
        Assert.Equal(2, location.Line);
        Assert.Equal(1 + 2 + 3 + 4, location.Column);
        Assert.Equal(1 + 1 + 1 + 2, location.CharColumn);
        Assert.Equal("second.wit:2:10", location.ToString());
    }

    [Fact]
    public void Lsp_positions_round_trip_at_every_character_boundary()
    {
        var file = File(out _);
        for (int i = 0; i <= Text.Length; i++)
        {
            if (i > 0 && i < Text.Length && char.IsLowSurrogate(Text[i])) continue;
            // Between "\r" and "\n" is no position an editor can name.
            if (i > 0 && Text[i - 1] == '\r') continue;
            int offset = file.Offset + ByteOffset(Text, i);
            var position = file.PositionOf(offset);
            Assert.Equal(offset, file.OffsetOf(position));
            Assert.Equal(i, file.CharIndex(offset));
            Assert.Equal(offset, file.OffsetOfCharIndex(i));
        }
    }

    [Fact]
    public void Positions_inside_a_character_or_past_a_line_are_clamped()
    {
        var file = File(out _);
        int emoji = file.Offset + ByteOffset(Text, Text.IndexOf("😀", System.StringComparison.Ordinal));
        // Inside the 4-byte emoji: the character's start.
        Assert.Equal(new TextPosition(1, 2), file.PositionOf(emoji + 2));
        // Between the two UTF-16 halves: the pair's start.
        Assert.Equal(emoji, file.OffsetOf(1, 3));
        // Past the end of line 0 ("ab\r\n"): its end, before the terminator.
        Assert.Equal(file.Offset + 2, file.OffsetOf(0, 99));
        Assert.Equal(file.End, file.OffsetOf(99, 0));
        Assert.Equal(file.Offset, file.OffsetOf(-1, 0));
    }

    [Fact]
    public void Lines_exclude_their_terminators()
    {
        var file = File(out _);
        Assert.Equal(4, file.LineCount);
        Assert.Equal("ab", file.LineText(0));
        Assert.Equal("é€😀x", file.LineText(1));
        Assert.Equal("", file.LineText(2));
        Assert.Equal("last", file.LineText(3));
        Assert.Equal(4, file.LineStart(1));
    }

    [Fact]
    public void GetText_decodes_a_span()
    {
        var file = File(out _);
        int start = file.Offset + ByteOffset(Text, Text.IndexOf('€'));
        Assert.Equal("€😀", file.GetText(new Span(start, start + 7)));
    }

    [Fact]
    public void Bytes_with_a_byte_order_mark_keep_it_in_the_text()
    {
        var map = new SourceMap();
        var file = map.Add("bom.wit", new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a' });
        Assert.Equal("\uFEFFa", file.Text);
        Assert.Equal(4, file.Locate(file.Offset + 3).Column);
        Assert.Equal(2, file.Locate(file.Offset + 3).CharColumn);
    }
}

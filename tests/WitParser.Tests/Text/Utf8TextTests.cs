using System;
using System.Text;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Text;

/// <summary>The byte scanners: eight bytes at a time must agree with the byte-by-byte rules.</summary>
public class Utf8TextTests
{
    private static bool Plain(byte b) => (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r';

    [Fact]
    public void Every_byte_value_in_every_position_of_a_word_is_classified_exactly()
    {
        for (int value = 0; value < 256; value++)
        {
            for (int position = 0; position < 8; position++)
            {
                var word = Encoding.ASCII.GetBytes("aZ9 -\t\n}");
                word[position] = (byte)value;
                bool expected = Array.TrueForAll(word, Plain);
                Assert.Equal(expected, Utf8Text.IsPlainAsciiWord(BitConverter.ToUInt64(word, 0)));
            }
        }
    }

    [Fact]
    public void Check_agrees_with_a_strict_decoder_on_random_bytes()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var random = new Random(7);
        for (int round = 0; round < 3000; round++)
        {
            var bytes = new byte[random.Next(0, 40)];
            for (int i = 0; i < bytes.Length; i++)
            {
                // Mostly plain text, with some high bytes and control codes mixed in.
                int r = random.Next(10);
                bytes[i] = (byte)(r < 6 ? random.Next(0x20, 0x7F) : r < 8 ? random.Next(0x80, 0x100) : random.Next(0, 0x20));
            }
            bool valid;
            try
            {
                strict.GetString(bytes);
                valid = true;
            }
            catch (DecoderFallbackException)
            {
                valid = false;
            }
            Assert.Equal(valid, Utf8Text.Check(bytes, out bool plain));
            if (valid) Assert.Equal(Array.TrueForAll(bytes, Plain), plain);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace WitTools.AbiOracle.Types;

/// <summary>
/// Parses the inline component WAT syntax of a value type (no <c>$name</c> references).
/// Nesting is bounded so hostile input cannot overflow the stack.
/// </summary>
internal sealed class WatTypeParser
{
    private const int MaxDepth = 200;

    private readonly string _text;
    private int _pos;

    private WatTypeParser(string text) => _text = text;

    public static WitValueType Parse(string text)
    {
        if (text == null) throw new ArgumentNullException(nameof(text));
        var parser = new WatTypeParser(text);
        var type = parser.ParseType(0);
        parser.SkipSpace();
        if (parser._pos != text.Length) throw parser.Error("unexpected text after the type");
        return type;
    }

    private WitValueType ParseType(int depth)
    {
        if (depth > MaxDepth) throw Error("type nesting too deep");
        SkipSpace();
        if (!TryConsume('('))
        {
            var word = ReadWord();
            return word switch
            {
                "bool" => WitValueType.Bool,
                "s8" => WitValueType.S8,
                "u8" => WitValueType.U8,
                "s16" => WitValueType.S16,
                "u16" => WitValueType.U16,
                "s32" => WitValueType.S32,
                "u32" => WitValueType.U32,
                "s64" => WitValueType.S64,
                "u64" => WitValueType.U64,
                "f32" or "float32" => WitValueType.F32,
                "f64" or "float64" => WitValueType.F64,
                "char" => WitValueType.Char,
                "string" => WitValueType.String,
                "" => throw Error("expected a type"),
                _ => throw Error($"unsupported type `{word}`"),
            };
        }

        var keyword = ReadWord();
        WitValueType result;
        switch (keyword)
        {
            case "list":
                result = new ListType(ParseType(depth + 1));
                break;
            case "option":
                result = new OptionType(ParseType(depth + 1));
                break;
            case "tuple":
            {
                var items = new List<WitValueType>();
                while (!PeekClose()) items.Add(ParseType(depth + 1));
                result = new TupleType(items);
                break;
            }
            case "result":
            {
                WitValueType? ok = null, err = null;
                if (!PeekClose() && !PeekKeyword("error")) ok = ParseType(depth + 1);
                if (!PeekClose())
                {
                    Expect('(');
                    if (ReadWord() != "error") throw Error("expected `(error ...)`");
                    err = ParseType(depth + 1);
                    SkipSpace();
                    Expect(')');
                }
                result = new ResultType(ok, err);
                break;
            }
            case "record":
            {
                var fields = new List<NamedType>();
                while (!PeekClose())
                {
                    Expect('(');
                    if (ReadWord() != "field") throw Error("expected `(field ...)`");
                    var name = ReadString();
                    fields.Add(new NamedType(name, ParseType(depth + 1)));
                    SkipSpace();
                    Expect(')');
                }
                result = new RecordType(fields);
                break;
            }
            case "variant":
            {
                var cases = new List<NamedType>();
                while (!PeekClose())
                {
                    Expect('(');
                    if (ReadWord() != "case") throw Error("expected `(case ...)`");
                    var name = ReadString();
                    var payload = PeekClose() ? null : ParseType(depth + 1);
                    SkipSpace();
                    Expect(')');
                    cases.Add(new NamedType(name, payload));
                }
                result = new VariantType(cases);
                break;
            }
            case "enum":
            case "flags":
            {
                var names = new List<string>();
                while (!PeekClose()) names.Add(ReadString());
                result = keyword == "enum" ? new EnumType(names) : new FlagsType(names);
                break;
            }
            default:
                throw Error($"unsupported type `({keyword}`");
        }
        SkipSpace();
        Expect(')');
        return result;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_pos])) _pos++;
            else if (_text[_pos] == ';' && _pos + 1 < _text.Length && _text[_pos + 1] == ';')
            {
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            }
            else break;
        }
    }

    private bool PeekClose()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw Error("unexpected end of text");
        return _text[_pos] == ')';
    }

    private bool PeekKeyword(string keyword)
    {
        SkipSpace();
        var save = _pos;
        try
        {
            return TryConsume('(') && ReadWord() == keyword;
        }
        finally
        {
            _pos = save;
        }
    }

    private bool TryConsume(char c)
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c)) throw Error($"expected `{c}`");
    }

    private string ReadWord()
    {
        SkipSpace();
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '_' or '$' or '.'))
            _pos++;
        return _text.Substring(start, _pos - start);
    }

    private string ReadString()
    {
        SkipSpace();
        if (_pos >= _text.Length || _text[_pos] != '"') throw Error("expected a quoted name");
        var sb = new StringBuilder();
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            if (_text[_pos] == '\\') throw Error("escapes in names are not supported");
            sb.Append(_text[_pos++]);
        }
        if (_pos >= _text.Length) throw Error("unterminated string");
        _pos++;
        return sb.ToString();
    }

    private FormatException Error(string message) => new($"{message} at offset {_pos}");
}

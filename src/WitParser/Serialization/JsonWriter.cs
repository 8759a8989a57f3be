using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace WitTools.WitParser.Serialization;

/// <summary>
/// A minimal JSON writer producing exactly serde_json's pretty format: two-space indentation,
/// <c>"key": value</c>, empty containers as <c>{}</c>/<c>[]</c>, serde_json's string escapes, no trailing
/// newline. Callers are responsible for well-formed nesting.
/// </summary>
public sealed class JsonWriter
{
    private readonly StringBuilder _out = new();

    // One entry per open container: whether it already has an element.
    private readonly List<bool> _hasElements = new();
    private bool _afterKey;

    public void BeginObject() => Open('{');
    public void EndObject() => Close('}');
    public void BeginArray() => Open('[');
    public void EndArray() => Close(']');

    public void PropertyName(string name)
    {
        BeforeValue();
        WriteString(name);
        _out.Append(": ");
        _afterKey = true;
    }

    public void String(string value)
    {
        BeforeValue();
        WriteString(value);
    }

    public void Number(long value)
    {
        BeforeValue();
        _out.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Number(ulong value)
    {
        BeforeValue();
        _out.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Bool(bool value)
    {
        BeforeValue();
        _out.Append(value ? "true" : "false");
    }

    public void Null()
    {
        BeforeValue();
        _out.Append("null");
    }

    /// <summary>Shorthand for a property with a string value.</summary>
    public void Property(string name, string value)
    {
        PropertyName(name);
        String(value);
    }

    /// <summary>Shorthand for a property with an integer value.</summary>
    public void Property(string name, long value)
    {
        PropertyName(name);
        Number(value);
    }

    public override string ToString() => _out.ToString();

    private void Open(char bracket)
    {
        BeforeValue();
        _out.Append(bracket);
        _hasElements.Add(false);
    }

    private void Close(char bracket)
    {
        int depth = _hasElements.Count;
        if (depth == 0) throw new InvalidOperationException("no open JSON container");
        bool had = _hasElements[depth - 1];
        _hasElements.RemoveAt(depth - 1);
        if (had)
        {
            _out.Append('\n');
            Indent(depth - 1);
        }
        _out.Append(bracket);
    }

    // Separator and indentation before an array element or object key; nothing after a key.
    private void BeforeValue()
    {
        if (_afterKey)
        {
            _afterKey = false;
            return;
        }
        int depth = _hasElements.Count;
        if (depth == 0) return;
        _out.Append(_hasElements[depth - 1] ? ",\n" : "\n");
        _hasElements[depth - 1] = true;
        Indent(depth);
    }

    private void Indent(int depth)
    {
        for (int i = 0; i < depth; i++) _out.Append("  ");
    }

    // serde_json escapes: quote, backslash, the short control escapes, other C0 controls as \u00xx;
    // everything else (including non-ASCII and DEL) is written as is.
    private void WriteString(string value)
    {
        _out.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': _out.Append("\\\""); break;
                case '\\': _out.Append("\\\\"); break;
                case '\b': _out.Append("\\b"); break;
                case '\f': _out.Append("\\f"); break;
                case '\n': _out.Append("\\n"); break;
                case '\r': _out.Append("\\r"); break;
                case '\t': _out.Append("\\t"); break;
                default:
                    if (c < 0x20) _out.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else _out.Append(c);
                    break;
            }
        }
        _out.Append('"');
    }
}

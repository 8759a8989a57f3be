using System.Linq;
using WitTools.BindGen.Binding;

namespace WitTools.BindGen.Guest;

/// <summary>Prints the binding model's <see cref="CsType"/>s as C# source (fully qualified, so user <c>using</c>s never change them).</summary>
internal sealed class CsTypeText
{
    private readonly string _root;

    public CsTypeText(string rootNamespace) => _root = rootNamespace;

    /// <summary>A type of the runtime support code in the root namespace ("global::Wit.WitMemory").</summary>
    public string Runtime(string name) => "global::" + _root + "." + name;

    public string Of(CsType? type) => type switch
    {
        null => "void",
        CsPrimitiveType p => Primitive(p.Kind),
        CsArrayType a => Of(a.Element) + "[]",
        CsReadOnlySpanType s => "global::System.ReadOnlySpan<" + Of(s.Element) + ">",
        CsNullableType n => Of(n.Inner) + "?",
        CsTupleType { Items.Count: 0 } => "global::System.ValueTuple",
        CsTupleType { Items.Count: 1 } t => "global::System.ValueTuple<" + Of(t.Items[0]) + ">",
        CsTupleType t => "(" + string.Join(", ", t.Items.Select(Of)) + ")",
        CsDictionaryType d => "global::System.Collections.Generic.IReadOnlyDictionary<" + Of(d.Key) + ", " + Of(d.Value) + ">",
        CsOptionType o => Runtime("Option<" + Of(o.Inner) + ">"),
        CsResultType r => Runtime("Result<" + Of(r.Ok) + ", " + Of(r.Error) + ">"),
        CsDeclaredType d => d.Name.ToString(),
        CsTaskType { Result: null } => "global::System.Threading.Tasks.ValueTask",
        CsTaskType t => "global::System.Threading.Tasks.ValueTask<" + Of(t.Result) + ">",
        CsCancellationTokenType => "global::System.Threading.CancellationToken",
        CsStreamType s => Runtime("WitStreamReader<" + Of(s.Element) + ">"),
        CsFutureType f => Runtime("WitFutureReader<" + Of(f.Element) + ">"),
        CsErrorContextType => Runtime("WitErrorContext"),
        _ => throw new System.InvalidOperationException("unknown C# type " + type),
    };

    /// <summary>An array creation expression: <c>new T[length]</c>, with jagged ranks after the length (<c>new T[n][]</c>).</summary>
    public string NewArray(CsType element, string length)
    {
        int ranks = 0;
        while (element is CsArrayType inner)
        {
            element = inner.Element;
            ranks++;
        }
        return "new " + Of(element) + "[" + length + "]" + string.Concat(Enumerable.Repeat("[]", ranks));
    }

    public static string Primitive(CsPrimitive kind) => kind switch
    {
        CsPrimitive.Bool => "bool",
        CsPrimitive.SByte => "sbyte",
        CsPrimitive.Byte => "byte",
        CsPrimitive.Short => "short",
        CsPrimitive.UShort => "ushort",
        CsPrimitive.Int => "int",
        CsPrimitive.UInt => "uint",
        CsPrimitive.Long => "long",
        CsPrimitive.ULong => "ulong",
        CsPrimitive.Float => "float",
        CsPrimitive.Double => "double",
        CsPrimitive.Rune => "global::System.Text.Rune",
        _ => "string",
    };
}

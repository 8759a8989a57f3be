using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;

namespace WitTools.BindGen.Host;

/// <summary>
/// Prints the conversion of one value between C# and a Wasmtime component value (<c>WitVal</c>), following the type's
/// structure: named types and anonymous list elements go through their host codec (<see cref="HostCodecIndex"/>),
/// everything else is converted in place. C# types, declarations and resource kinds come from the model; the printer
/// decides nothing.
/// </summary>
internal sealed class HostValueWriter
{
    private readonly SourceWriter _w;
    private readonly HostModel _model;
    private readonly BindingSide _side;
    private readonly CsName _user;
    private readonly string _store;
    private readonly AbiType? _root;
    private readonly string? _rootNames;
    private int _temp;

    /// <param name="user">The class the code is printed in (anonymous element codecs are per class).</param>
    /// <param name="store">The expression of the <c>WitStore</c> in scope.</param>
    /// <param name="root">When printing a codec: its own type (converted here, not by calling itself) and its name table.</param>
    public HostValueWriter(SourceWriter writer, HostModel model, BindingSide side, CsName user, string store, AbiType? root = null, string? rootNames = null)
    {
        _w = writer;
        _model = model;
        _side = side;
        _user = user;
        _store = store;
        _root = root;
        _rootNames = rootNames;
    }

    private CsTypeText Types => _model.Types;

    private string Values => Types.Runtime("WitHostValues");

    private string Val => Types.Runtime("WitVal");

    public string Temp(string stem) => "__" + stem + _temp++;

    private HostCodecBinding? Codec(AbiType type, PlanDirection direction) =>
        ReferenceEquals(type, _root) ? null : _model.Codecs.Find(type, direction, _side, _user);

    private static string Literal(string text) => CSharpNames.Literal(text);

    private string Describe(AbiType type) => Literal(type.ToString());

    /// <summary>The member access through a pointer expression: <c>p-></c>, or <c>x.</c> for <c>&amp;x</c>.</summary>
    private static string M(string pointer) => pointer.StartsWith("&", System.StringComparison.Ordinal) ? pointer.Substring(1) + "." : pointer + "->";

    // ------------------------------------------------------------------ C# -> component value

    /// <summary>Writes statements storing <paramref name="value"/> (a C# expression, evaluated once) of
    /// <paramref name="type"/> into the value at <paramref name="destination"/> (a <c>WitVal*</c> expression).</summary>
    public void Lower(AbiType type, string value, string destination)
    {
        if (Codec(type, PlanDirection.Lower) is { } codec)
        {
            _w.Line($"{codec.Home}.{codec.Method}({value}, {destination}, {_store});");
            return;
        }
        switch (type.Kind)
        {
            case AbiTypeKind.Bool: _w.Line($"{Values}.LowerBool({value}, {destination});"); return;
            case AbiTypeKind.S8: _w.Line($"{Values}.LowerS8({value}, {destination});"); return;
            case AbiTypeKind.U8: _w.Line($"{Values}.LowerU8({value}, {destination});"); return;
            case AbiTypeKind.S16: _w.Line($"{Values}.LowerS16({value}, {destination});"); return;
            case AbiTypeKind.U16: _w.Line($"{Values}.LowerU16({value}, {destination});"); return;
            case AbiTypeKind.S32: _w.Line($"{Values}.LowerS32({value}, {destination});"); return;
            case AbiTypeKind.U32: _w.Line($"{Values}.LowerU32({value}, {destination});"); return;
            case AbiTypeKind.S64: _w.Line($"{Values}.LowerS64({value}, {destination});"); return;
            case AbiTypeKind.U64: _w.Line($"{Values}.LowerU64({value}, {destination});"); return;
            case AbiTypeKind.F32: _w.Line($"{Values}.LowerF32({value}, {destination});"); return;
            case AbiTypeKind.F64: _w.Line($"{Values}.LowerF64({value}, {destination});"); return;
            case AbiTypeKind.Char: _w.Line($"{Values}.LowerChar({value}, {destination});"); return;
            case AbiTypeKind.String: _w.Line($"{Types.Runtime("WitHostStrings")}.Lower({value}, {destination}, {_store}.Arena);"); return;
            case AbiTypeKind.List:
                LowerList(type, value, destination);
                return;
            case AbiTypeKind.Map:
                LowerMap(type, value, destination);
                return;
            case AbiTypeKind.Record:
                LowerRecord(type, value, destination);
                return;
            case AbiTypeKind.Tuple:
            {
                string items = Temp("t");
                string v = Temp("v");
                _w.Line($"var {v} = {value};");
                _w.Line($"{Val}* {items} = {_store}.Arena.Values({type.Fields.Count});");
                for (int i = 0; i < type.Fields.Count; i++) Lower(type.Fields[i].Type, $"{v}.Item{i + 1}", $"&{items}[{i}]");
                _w.Line($"{M(destination)}Kind = {Val}.Tuple;");
                _w.Line($"{M(destination)}Vec.Size = {type.Fields.Count};");
                _w.Line($"{M(destination)}Vec.Data = {items};");
                return;
            }
            case AbiTypeKind.Option:
                LowerOption(type, value, destination);
                return;
            case AbiTypeKind.Result:
                LowerResult(type, value, destination);
                return;
            case AbiTypeKind.Variant:
                LowerVariant(type, value, destination);
                return;
            case AbiTypeKind.Enum:
            {
                string names = RootNames(type);
                string index = Temp("e");
                _w.Line($"int {index} = (int){value};");
                _w.Line($"if ((uint){index} >= {type.Cases.Count}u) throw new global::System.ArgumentOutOfRangeException(null, {index}, {Literal("not a case of enum `" + type + "`")});");
                _w.Line($"{M(destination)}Kind = {Val}.Enum;");
                _w.Line($"{M(destination)}Vec = {names}[{index}];");
                return;
            }
            case AbiTypeKind.Flags:
                _w.Line($"{Values}.LowerFlags((ulong){value}, {RootNames(type)}, {destination}, {_store}.Arena);");
                return;
            case AbiTypeKind.Own:
            case AbiTypeKind.Borrow:
                LowerHandle(type, value, destination);
                return;
        }
        throw new System.InvalidOperationException("internal: the host bindings cannot lower `" + type + "`");
    }

    private void LowerList(AbiType type, string value, string destination)
    {
        var element = type.Element!;
        if (ScalarKind(element) is { } kind)
        {
            _w.Line($"{Values}.LowerList<{Types.Of(_model.Projection.Of(element, _side))}>({value}, {Val}.{kind}, {destination}, {_store}.Arena);");
            return;
        }
        string items = Temp("items");
        string elements = Temp("e");
        string i = Temp("i");
        _w.Line($"var {items} = {value} ?? throw new global::System.ArgumentNullException(null, {Literal("a WIT list cannot be null")});");
        _w.Line($"{Val}* {elements} = {_store}.Arena.Values({items}.Length);");
        _w.Open($"for (int {i} = 0; {i} < {items}.Length; {i}++)");
        Lower(element, $"{items}[{i}]", $"&{elements}[{i}]");
        _w.Close();
        _w.Line($"{M(destination)}Kind = {Val}.List;");
        _w.Line($"{M(destination)}Vec.Size = (nuint){items}.Length;");
        _w.Line($"{M(destination)}Vec.Data = {elements};");
    }

    private void LowerMap(AbiType type, string value, string destination)
    {
        string map = Temp("map");
        string entries = Temp("m");
        string n = Temp("n");
        string pair = Temp("kv");
        string entry = Types.Runtime("WitValEntry");
        _w.Line($"var {map} = {value} ?? throw new global::System.ArgumentNullException(null, {Literal("a WIT map cannot be null")});");
        _w.Line($"var {entries} = ({entry}*){_store}.Arena.Alloc((nuint)({map}.Count * sizeof({entry})));");
        _w.Line($"int {n} = 0;");
        _w.Open($"foreach (var {pair} in {map})");
        Lower(type.Key!, $"{pair}.Key", $"&{entries}[{n}].Key");
        Lower(type.Value!, $"{pair}.Value", $"&{entries}[{n}].Value");
        _w.Line($"{n}++;");
        _w.Close();
        _w.Line($"{M(destination)}Kind = {Val}.Map;");
        _w.Line($"{M(destination)}Vec.Size = (nuint){n};");
        _w.Line($"{M(destination)}Vec.Data = {entries};");
    }

    private void LowerRecord(AbiType type, string value, string destination)
    {
        var declaration = (RecordDeclaration)_model.Projection.Declaration(type, _side);
        string names = RootNames(type);
        string fields = Temp("f");
        string v = Temp("v");
        string field = Types.Runtime("WitValField");
        _w.Line($"var {v} = {value} ?? throw new global::System.ArgumentNullException(null, {Literal("a `" + type + "` cannot be null")});");
        _w.Line($"var {fields} = ({field}*){_store}.Arena.Alloc((nuint)({type.Fields.Count} * sizeof({field})));");
        for (int i = 0; i < type.Fields.Count; i++)
        {
            _w.Line($"{fields}[{i}].Name = {names}[{i}];");
            Lower(type.Fields[i].Type, $"{v}.{declaration.Fields[i].PropertyName}", $"&{fields}[{i}].Value");
        }
        _w.Line($"{M(destination)}Kind = {Val}.Record;");
        _w.Line($"{M(destination)}Vec.Size = {type.Fields.Count};");
        _w.Line($"{M(destination)}Vec.Data = {fields};");
    }

    private void LowerOption(AbiType type, string value, string destination)
    {
        var inner = type.Cases[1].Type!;
        bool option = _model.Projection.Of(type, _side) is CsOptionType;
        string payload = Temp("p");
        _w.Line($"{M(destination)}Kind = {Val}.Option;");
        if (option)
        {
            string v = Temp("o");
            _w.Line($"var {v} = {value};");
            _w.Open($"if ({v}.HasValue)");
            _w.Line($"{Val}* {payload} = {_store}.Arena.Values(1);");
            Lower(inner, $"{v}.Value", payload);
        }
        else
        {
            string some = Temp("some");
            _w.Open($"if ({value} is {{ }} {some})");
            _w.Line($"{Val}* {payload} = {_store}.Arena.Values(1);");
            Lower(inner, some, payload);
        }
        _w.Line($"{M(destination)}Pointer = {payload};");
        _w.Close();
        _w.Line($"else {M(destination)}Pointer = null;");
    }

    private void LowerResult(AbiType type, string value, string destination)
    {
        string v = Temp("r");
        _w.Line($"var {v} = {value} ?? throw new global::System.ArgumentNullException(null, {Literal("a WIT result cannot be null")});");
        _w.Line($"{M(destination)}Kind = {Val}.Result;");
        _w.Line($"{M(destination)}ResultPayload = null;");
        for (int c = 0; c < 2; c++)
        {
            _w.Open(c == 0 ? $"if ({v}.IsOk)" : "else");
            _w.Line($"{M(destination)}IsOk = {(c == 0 ? 1 : 0)};");
            if (type.Cases[c].Type is { } payloadType)
            {
                string payload = Temp("p");
                _w.Line($"{Val}* {payload} = {_store}.Arena.Values(1);");
                Lower(payloadType, c == 0 ? $"{v}.Value" : $"{v}.Error", payload);
                _w.Line($"{M(destination)}ResultPayload = {payload};");
            }
            _w.Close();
        }
    }

    private void LowerVariant(AbiType type, string value, string destination)
    {
        var declaration = (VariantDeclaration)_model.Projection.Declaration(type, _side);
        string names = RootNames(type);
        string c = Temp("c");
        _w.Line($"{M(destination)}Kind = {Val}.Variant;");
        _w.Line($"{M(destination)}VariantPayload = null;");
        _w.Open($"switch ({value})");
        for (int i = 0; i < type.Cases.Count; i++)
        {
            var @case = declaration.Cases[i];
            string caseClass = declaration.Name + "." + @case.ClassName;
            if (type.Cases[i].Type is { } payloadType)
            {
                _w.Line($"case {caseClass} {c}{i}:");
                _w.Indent();
                _w.Line($"{M(destination)}Vec = {names}[{i}];");
                Block();
                string payload = Temp("p");
                _w.Line($"{Val}* {payload} = {_store}.Arena.Values(1);");
                Lower(payloadType, $"{c}{i}.{declaration.PayloadProperty}", payload);
                _w.Line($"{M(destination)}VariantPayload = {payload};");
                _w.Close();
                _w.Line("break;");
                _w.Outdent();
            }
            else
            {
                _w.Line($"case {caseClass}: {M(destination)}Vec = {names}[{i}]; break;");
            }
        }
        _w.Line($"default: throw new global::System.ArgumentNullException(null, {Literal("a `" + type + "` cannot be null")});");
        _w.Close();
    }

    private void LowerHandle(AbiType type, string value, string destination)
    {
        var resource = _model.Resource(type, _side);
        bool own = type.Kind == AbiTypeKind.Own;
        string cs = resource.Name.ToString();
        string resources = Types.Runtime("WitHostResources");
        if (resource.Implemented)
        {
            _w.Line($"{resources}.{(own ? "LowerOwn" : "LowerBorrow")}<{cs}>({value}, {destination}, {_store});");
            return;
        }
        string handle = value == "this" ? value : $"({value} ?? throw new global::System.ArgumentNullException(null, {Literal("a `" + resource.WitName + "` cannot be null")}))";
        _w.Line($"{resources}.LowerHandle({handle}.{(own ? ResourceMembers.LowerOwn : ResourceMembers.LowerBorrow)}(), {(own ? "true" : "false")}, {destination}, {_store});");
    }

    // ------------------------------------------------------------------ component value -> C#

    /// <summary>Returns a C# expression for the value of <paramref name="type"/> at <paramref name="source"/> (a
    /// <c>WitVal*</c> expression), writing any statements it needs first.</summary>
    public string Lift(AbiType type, string source)
    {
        if (Codec(type, PlanDirection.Lift) is { } codec) return $"{codec.Home}.{codec.Method}({source}, {_store})";
        switch (type.Kind)
        {
            case AbiTypeKind.Bool: return $"{Values}.LiftBool({source})";
            case AbiTypeKind.S8: return $"{Values}.LiftS8({source})";
            case AbiTypeKind.U8: return $"{Values}.LiftU8({source})";
            case AbiTypeKind.S16: return $"{Values}.LiftS16({source})";
            case AbiTypeKind.U16: return $"{Values}.LiftU16({source})";
            case AbiTypeKind.S32: return $"{Values}.LiftS32({source})";
            case AbiTypeKind.U32: return $"{Values}.LiftU32({source})";
            case AbiTypeKind.S64: return $"{Values}.LiftS64({source})";
            case AbiTypeKind.U64: return $"{Values}.LiftU64({source})";
            case AbiTypeKind.F32: return $"{Values}.LiftF32({source})";
            case AbiTypeKind.F64: return $"{Values}.LiftF64({source})";
            case AbiTypeKind.Char: return $"{Values}.LiftChar({source})";
            case AbiTypeKind.String: return $"{Types.Runtime("WitHostStrings")}.Lift({source})";
            case AbiTypeKind.List: return LiftList(type, source);
            case AbiTypeKind.Map: return LiftMap(type, source);
            case AbiTypeKind.Record: return LiftRecord(type, source);
            case AbiTypeKind.Tuple:
            {
                string items = Temp("t");
                _w.Line($"var {items} = {Values}.Items({source}, {type.Fields.Count}, {Describe(type)});");
                var parts = new List<string>();
                for (int i = 0; i < type.Fields.Count; i++)
                {
                    string item = Temp("v");
                    _w.Line($"var {item} = {Lift(type.Fields[i].Type, $"&{items}[{i}]")};");
                    parts.Add(item);
                }
                string cs = Types.Of(_model.Projection.Of(type, _side));
                return parts.Count == 1 ? $"new {cs}({parts[0]})" : "(" + string.Join(", ", parts) + ")";
            }
            case AbiTypeKind.Option: return LiftOption(type, source);
            case AbiTypeKind.Result: return LiftResult(type, source);
            case AbiTypeKind.Variant: return LiftVariant(type, source);
            case AbiTypeKind.Enum:
                return $"({Types.Of(_model.Projection.Of(type, _side))}){Values}.LiftEnum({source}, {RootNames(type)}, {Describe(type)})";
            case AbiTypeKind.Flags:
                return $"({Types.Of(_model.Projection.Of(type, _side))}){Values}.LiftFlags({source}, {RootNames(type)}, {Describe(type)})";
            case AbiTypeKind.Own:
            case AbiTypeKind.Borrow:
                return LiftHandle(type, source);
        }
        throw new System.InvalidOperationException("internal: the host bindings cannot lift `" + type + "`");
    }

    private string LiftList(AbiType type, string source)
    {
        var element = type.Element!;
        string elementType = Types.Of(_model.Projection.Of(element, _side));
        if (ScalarKind(element) is { } kind) return $"{Values}.LiftList<{elementType}>({source}, {Val}.{kind}, {Describe(type)})";
        string elements = Temp("e");
        string n = Temp("n");
        string array = Temp("a");
        string i = Temp("i");
        _w.Line($"var {elements} = {Values}.Elements({source}, {Describe(type)}, out int {n});");
        _w.Line($"var {array} = {Types.NewArray(_model.Projection.Of(element, _side), n)};");
        _w.Open($"for (int {i} = 0; {i} < {n}; {i}++)");
        _w.Line($"{array}[{i}] = {Lift(element, $"&{elements}[{i}]")};");
        _w.Close();
        return array;
    }

    private string LiftMap(AbiType type, string source)
    {
        string entries = Temp("m");
        string n = Temp("n");
        string map = Temp("map");
        string i = Temp("i");
        string key = Types.Of(_model.Projection.Of(type.Key!, _side));
        string value = Types.Of(_model.Projection.Of(type.Value!, _side));
        _w.Line($"var {entries} = {Values}.Entries({source}, {Describe(type)}, out int {n});");
        _w.Line($"var {map} = new global::System.Collections.Generic.Dictionary<{key}, {value}>({n});");
        _w.Open($"for (int {i} = 0; {i} < {n}; {i}++)");
        string k = Lift(type.Key!, $"&{entries}[{i}].Key");
        string v = Lift(type.Value!, $"&{entries}[{i}].Value");
        _w.Line($"{map}[{k}] = {v};");
        _w.Close();
        return map;
    }

    private string LiftRecord(AbiType type, string source)
    {
        var declaration = (RecordDeclaration)_model.Projection.Declaration(type, _side);
        string fields = Temp("f");
        _w.Line($"var {fields} = {Values}.Fields({source}, {type.Fields.Count}, {Describe(type)});");
        var values = new List<string>();
        for (int i = 0; i < type.Fields.Count; i++)
        {
            string v = Temp("v");
            _w.Line($"var {v} = {Lift(type.Fields[i].Type, $"&{fields}[{i}].Value")};");
            values.Add(v);
        }
        return $"new {declaration.Name}({string.Join(", ", values)})";
    }

    private string LiftOption(AbiType type, string source)
    {
        var inner = type.Cases[1].Type!;
        var cs = _model.Projection.Of(type, _side);
        string result = Temp("o");
        _w.Line($"{Types.Of(cs)} {result};");
        _w.Line($"if ({M(source)}Kind != {Val}.Option) throw {Values}.Mismatch({source}, {Describe(type)});");
        _w.Line(cs is CsOptionType ? $"if ({M(source)}Pointer == null) {result} = {Types.Of(cs)}.None;" : $"if ({M(source)}Pointer == null) {result} = default;");
        _w.Open("else");
        string value = Lift(inner, $"{M(source)}Pointer");
        _w.Line(cs is CsOptionType ? $"{result} = {Types.Of(cs)}.Some({value});" : $"{result} = {value};");
        _w.Close();
        return result;
    }

    private string LiftResult(AbiType type, string source)
    {
        var cs = (CsResultType)_model.Projection.Of(type, _side);
        string text = Types.Of(cs);
        string result = Temp("r");
        _w.Line($"{text} {result};");
        _w.Line($"if ({M(source)}Kind != {Val}.Result) throw {Values}.Mismatch({source}, {Describe(type)});");
        for (int c = 0; c < 2; c++)
        {
            _w.Open(c == 0 ? $"if ({M(source)}IsOk != 0)" : "else");
            string payload = "default";
            if (type.Cases[c].Type is { } payloadType)
            {
                _w.Line($"if ({M(source)}ResultPayload == null) throw {Values}.Mismatch({source}, {Describe(type)});");
                payload = Lift(payloadType, $"{M(source)}ResultPayload");
            }
            _w.Line($"{result} = {text}.{(c == 0 ? "Ok" : "Err")}({payload});");
            _w.Close();
        }
        return result;
    }

    /// <summary>A <c>result</c> lifted straight into "return T, or throw <c>WitException&lt;E&gt;</c>": writes the return
    /// and throw statements.</summary>
    public void LiftResultAsReturn(AbiType type, string source, bool returnsValue, CsType error)
    {
        _w.Line($"if ({M(source)}Kind != {Val}.Result) throw {Values}.Mismatch({source}, {Describe(type)});");
        _w.Open($"if ({M(source)}IsOk != 0)");
        if (type.Cases[0].Type is { } ok)
        {
            _w.Line($"if ({M(source)}ResultPayload == null) throw {Values}.Mismatch({source}, {Describe(type)});");
            string value = Lift(ok, $"{M(source)}ResultPayload");
            _w.Line(returnsValue ? $"return {value};" : "return;");
        }
        else
        {
            _w.Line("return;");
        }
        _w.Close();
        string payload = "default";
        if (type.Cases[1].Type is { } err)
        {
            _w.Line($"if ({M(source)}ResultPayload == null) throw {Values}.Mismatch({source}, {Describe(type)});");
            payload = Lift(err, $"{M(source)}ResultPayload");
        }
        _w.Line($"throw new {Types.Runtime("WitException")}<{Types.Of(error)}>({payload});");
    }

    private string LiftVariant(AbiType type, string source)
    {
        var declaration = (VariantDeclaration)_model.Projection.Declaration(type, _side);
        string result = Temp("v");
        _w.Line($"{declaration.Name} {result};");
        _w.Open($"switch ({Values}.LiftVariant({source}, {RootNames(type)}, {Describe(type)}))");
        for (int i = 0; i < type.Cases.Count; i++)
        {
            string caseClass = declaration.Name + "." + declaration.Cases[i].ClassName;
            if (type.Cases[i].Type is { } payloadType)
            {
                _w.Line($"case {i}:");
                Block();
                _w.Line($"if ({M(source)}VariantPayload == null) throw {Values}.Mismatch({source}, {Describe(type)});");
                string value = Lift(payloadType, $"{M(source)}VariantPayload");
                _w.Line($"{result} = new {caseClass}({value});");
                _w.Line("break;");
                _w.Close();
            }
            else
            {
                _w.Line($"case {i}: {result} = new {caseClass}(); break;");
            }
        }
        _w.Line($"default: throw {Values}.Mismatch({source}, {Describe(type)});");
        _w.Close();
        return result;
    }

    private string LiftHandle(AbiType type, string source)
    {
        var resource = _model.Resource(type, _side);
        string cs = resource.Name.ToString();
        string resources = Types.Runtime("WitHostResources");
        if (resource.Implemented)
            return $"{resources}.{(type.Kind == AbiTypeKind.Own ? "LiftOwn" : "LiftBorrow")}<{cs}>({source}, {_store}, {Literal(resource.WitName)})";
        return $"{cs}.{ResourceMembers.LiftOwn}({_store}, {source})";
    }

    // ------------------------------------------------------------------ helpers

    private void Block()
    {
        _w.Line("{");
        _w.Indent();
    }

    /// <summary>The name table of a record, variant, enum or flags type (its codec class declares it).</summary>
    private string RootNames(AbiType type) =>
        ReferenceEquals(type, _root) && _rootNames is not null ? _rootNames
            : throw new System.InvalidOperationException("internal: `" + type + "` is converted outside its codec");

    /// <summary>The value kind of list elements copied by the runtime's generic loop (numbers, bool, char).</summary>
    private static string? ScalarKind(AbiType element) => element.Kind switch
    {
        AbiTypeKind.Bool => "Bool",
        AbiTypeKind.S8 => "S8",
        AbiTypeKind.U8 => "U8",
        AbiTypeKind.S16 => "S16",
        AbiTypeKind.U16 => "U16",
        AbiTypeKind.S32 => "S32",
        AbiTypeKind.U32 => "U32",
        AbiTypeKind.S64 => "S64",
        AbiTypeKind.U64 => "U64",
        AbiTypeKind.F32 => "F32",
        AbiTypeKind.F64 => "F64",
        AbiTypeKind.Char => "Char",
        _ => null,
    };
}

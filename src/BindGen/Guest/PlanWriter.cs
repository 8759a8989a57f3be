using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;

namespace WitTools.BindGen.Guest;

/// <summary>
/// Prints the statements that lift or lower the values of one method body (an import, an export shim or a codec)
/// from the ABI plans: every location, offset, bitcast and discriminant comes from the plan, every C# type and
/// name from the binding model, every shared type from its codec. Holds the method's per-body state (generated
/// locals are numbered per method, so diffs stay stable).
/// </summary>
internal sealed class PlanWriter
{
    private readonly SourceWriter _w;
    private readonly TypeProjection _projection;
    private readonly CsTypeText _types;
    private readonly BindingSide _side;
    private readonly CsName _codecUser;
    private int _temp;

    /// <param name="cleanup">The expression of the <c>WitCleanup</c> lowering allocates through.</param>
    /// <param name="borrows">The <c>WitBorrowScope</c> collecting borrowed handles of imported resources lifted here, if any.</param>
    public PlanWriter(SourceWriter writer, TypeProjection projection, CsTypeText types, BindingSide side, CsName codecUser, string cleanup, string? borrows)
    {
        _w = writer;
        _projection = projection;
        _types = types;
        _side = side;
        _codecUser = codecUser;
        Cleanup = cleanup;
        Borrows = borrows;
    }

    public string Cleanup { get; }
    public string? Borrows { get; set; }

    /// <summary>Span parameters of an import → their pinned pointer variables.</summary>
    public Dictionary<string, string> Pinned { get; } = new();

    /// <summary>The variables holding the flat slots of the current frame (core params or results).</summary>
    public string[] Slots { get; private set; } = Array.Empty<string>();

    private CoreType[] _slotTypes = Array.Empty<CoreType>();
    private bool[] _declared = Array.Empty<bool>();
    private int _branches;

    /// <summary>
    /// Sets the frame a lowering writes: slot variables not yet declared are declared where first assigned, except
    /// those a flat variant assigns in its branches, which are declared up front (without a value: every branch
    /// assigns them).
    /// </summary>
    public void LowerFrame(string[] slots, IReadOnlyList<CoreType> types, IEnumerable<ValuePlan> plans)
    {
        Slots = slots;
        _slotTypes = types.ToArray();
        _declared = new bool[slots.Length];
        foreach (var plan in plans)
            foreach (int index in BranchSlots(plan))
            {
                if (_declared[index]) continue;
                _declared[index] = true;
                _w.Line($"{CoreType(_slotTypes[index])} {slots[index]};");
            }
    }

    /// <summary>Declares a slot of the lowering frame the plans do not write (a params area or an out-pointer), with its
    /// value, or without one when the caller assigns it next.</summary>
    public void DeclareSlot(int index, string? value)
    {
        _declared[index] = true;
        _w.Line($"{CoreType(_slotTypes[index])} {Slots[index]}{(value is null ? "" : " = " + value)};");
    }

    /// <summary>Sets the frame a lifting reads (already declared variables).</summary>
    public void LiftFrame(string[] slots) => Slots = slots;

    /// <summary>The slots flat variants in <paramref name="plan"/> assign inside their branches.</summary>
    private static IEnumerable<int> BranchSlots(ValuePlan plan)
    {
        var stack = new Stack<ValuePlan>();
        stack.Push(plan);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case VariantPlan { Discriminant: FlatLocation discriminant } variant when variant.Type.Kind != AbiTypeKind.Enum:
                    for (int i = 0; i < variant.Type.Flat.Count; i++) yield return discriminant.Index + i;
                    break;
                case RecordPlan record:
                    foreach (var field in record.Fields) stack.Push(field.Plan);
                    break;
                case FixedListPlan { Elements: { } elements }:
                    foreach (var element in elements) stack.Push(element);
                    break;
            }
        }
    }

    private string Memory => _types.Runtime("WitMemory");

    public string Temp(string stem) => "__" + stem + Int(_temp++);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Addr(string? @base, long offset) => offset == 0 ? @base! : @base + " + " + Int(offset);

    public static string CoreType(CoreType type) => type switch
    {
        Abi.CoreType.I32 => "int",
        Abi.CoreType.I64 => "long",
        Abi.CoreType.F32 => "float",
        _ => "double",
    };

    private static string Zero(CoreType type) => type switch
    {
        Abi.CoreType.I32 => "0",
        Abi.CoreType.I64 => "0L",
        Abi.CoreType.F32 => "0f",
        _ => "0d",
    };

    private string Cs(AbiType type) => _types.Of(_projection.Of(type, _side));

    // ---------------------------------------------------------------- reading and writing one location

    private string Read(ValueLocation location, string? @base)
    {
        switch (location)
        {
            case FlatLocation flat:
            {
                string slot = Slots[flat.Index];
                return flat.Bitcast switch
                {
                    Bitcast.None => slot,
                    Bitcast.I32ToF32 => $"global::System.BitConverter.Int32BitsToSingle({slot})",
                    Bitcast.I64ToF64 => $"global::System.BitConverter.Int64BitsToDouble({slot})",
                    Bitcast.I64ToI32 => $"unchecked((int){slot})",
                    Bitcast.I64ToF32 => $"global::System.BitConverter.Int32BitsToSingle(unchecked((int){slot}))",
                    _ => throw new InvalidOperationException("internal: lowering bitcast in a lift plan"),
                };
            }
            case MemoryLocation memory:
                return $"{Memory}.{LoadName(memory.Access)}({Addr(@base, memory.Offset)})";
            default:
                throw new InvalidOperationException("internal: unknown location");
        }
    }

    private static string LoadName(MemoryAccess access) => access switch
    {
        MemoryAccess.U8 => "LoadU8",
        MemoryAccess.S8 => "LoadS8",
        MemoryAccess.U16 => "LoadU16",
        MemoryAccess.S16 => "LoadS16",
        MemoryAccess.I32 => "LoadI32",
        MemoryAccess.I64 => "LoadI64",
        MemoryAccess.F32 => "LoadF32",
        _ => "LoadF64",
    };

    /// <summary>Writes a core value (int/long/float/double expression) to a location.</summary>
    private void Write(ValueLocation location, string? @base, string value) => _w.Line(Store(location, @base, value));

    /// <summary>The statement writing a core value to a location (declaring a slot variable at its first assignment).</summary>
    private string Store(ValueLocation location, string? @base, string value)
    {
        switch (location)
        {
            case FlatLocation flat:
            {
                string converted = flat.Bitcast switch
                {
                    Bitcast.None => value,
                    Bitcast.F32ToI32 => $"global::System.BitConverter.SingleToInt32Bits({value})",
                    Bitcast.F64ToI64 => $"global::System.BitConverter.DoubleToInt64Bits({value})",
                    Bitcast.I32ToI64 => $"(long)unchecked((uint)({value}))",
                    Bitcast.F32ToI64 => $"(long)unchecked((uint)global::System.BitConverter.SingleToInt32Bits({value}))",
                    _ => throw new InvalidOperationException("internal: lifting bitcast in a lower plan"),
                };
                if (flat.Index < _declared.Length && !_declared[flat.Index] && _branches == 0)
                {
                    _declared[flat.Index] = true;
                    return $"{CoreType(_slotTypes[flat.Index])} {Slots[flat.Index]} = {converted};";
                }
                return $"{Slots[flat.Index]} = {converted};";
            }
            case MemoryLocation memory:
            {
                string address = Addr(@base, memory.Offset);
                string call = memory.Access switch
                {
                    MemoryAccess.U8 or MemoryAccess.S8 => $"StoreU8({address}, unchecked((byte)({value})))",
                    MemoryAccess.U16 or MemoryAccess.S16 => $"StoreU16({address}, unchecked((ushort)({value})))",
                    MemoryAccess.I32 => $"StoreI32({address}, {value})",
                    MemoryAccess.I64 => $"StoreI64({address}, {value})",
                    MemoryAccess.F32 => $"StoreF32({address}, {value})",
                    _ => $"StoreF64({address}, {value})",
                };
                return $"{Memory}.{call};";
            }
            default:
                throw new InvalidOperationException("internal: unknown location");
        }
    }

    // ---------------------------------------------------------------- scalars

    private string LiftScalar(AbiType type, string raw)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool: return $"{Memory}.LiftBool({raw})";
            case AbiTypeKind.Char: return $"{Memory}.LiftChar({raw})";
            case AbiTypeKind.Own:
            case AbiTypeKind.Borrow:
            {
                var resource = (ResourceDeclaration)_projection.Declaration(type, _side);
                string cls = resource.Name.ToString();
                bool own = type.Kind == AbiTypeKind.Own;
                if (resource.IsExported) return own ? $"{cls}.{ResourceMembers.LiftOwn}({raw})" : $"{cls}.{ResourceMembers.FromRep}({raw})";
                string lifted = $"new {cls}(new {_types.Runtime("WitHandle")}({raw}, {(own ? "true" : "false")}))";
                return !own && Borrows is not null ? $"{Borrows}.Add({lifted})" : lifted;
            }
            case AbiTypeKind.F32:
            case AbiTypeKind.F64:
                return raw;
            case AbiTypeKind.Stream:
            case AbiTypeKind.Future:
            case AbiTypeKind.ErrorContext:
                // the handle becomes ours: a reader of the stream or future (its payload type's vtable), or an error context
                return $"new {Cs(type)}({raw})";
            default:
                // integers and flags
                return $"unchecked(({Cs(type)}){raw})";
        }
    }

    private string LowerScalar(AbiType type, string value)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool: return $"({value} ? 1 : 0)";
            case AbiTypeKind.Char: return $"{value}.Value";
            case AbiTypeKind.S64:
            case AbiTypeKind.U64:
                return $"unchecked((long){value})";
            case AbiTypeKind.F32:
            case AbiTypeKind.F64:
                return value;
            case AbiTypeKind.Own:
            case AbiTypeKind.Borrow:
            {
                var resource = (ResourceDeclaration)_projection.Declaration(type, _side);
                string cls = resource.Name.ToString();
                bool own = type.Kind == AbiTypeKind.Own;
                if (resource.IsExported) return own ? $"{cls}.{ResourceMembers.LowerOwn}({value})" : $"{cls}.{ResourceMembers.LowerBorrow}({value})";
                return own ? $"{value}.{ResourceMembers.TakeHandle}()" : $"{value}.{ResourceMembers.BorrowHandle}()";
            }
            case AbiTypeKind.Stream:
            case AbiTypeKind.Future:
                // the readable end moves to the other side
                return $"{value}.WitTakeHandle()";
            case AbiTypeKind.ErrorContext:
                // the other side gets a handle of its own; ours is dropped with the cleanup list when the value was given away
                return $"{Cleanup}.Keep({value}, {value}.Handle)";
            default:
                return $"unchecked((int){value})";
        }
    }

    /// <summary>The runtime helper moving a string in the plan's encoding (alignment, tag bit and traps live in the helper).</summary>
    private static string StringHelper(string direction, StringPlan str) => str.Encoding switch
    {
        StringEncoding.Utf16 => direction + "StringUtf16",
        StringEncoding.Latin1Utf16 => direction + "StringLatin1Utf16",
        _ => direction + "String",
    };

    private CodecBinding Codec(AbiType type, PlanDirection direction) => _projection.Codec(type, direction, _side, _codecUser);

    private string CallLift(AbiType type, string address)
    {
        var codec = Codec(type, PlanDirection.Lift);
        string borrows = codec.TakesBorrowScope ? ", " + (Borrows ?? "null!") : "";
        return $"{codec.Home}.{codec.Method}({address}{borrows})";
    }

    private void CallLower(AbiType type, string value, string address)
    {
        var codec = Codec(type, PlanDirection.Lower);
        _w.Line($"{codec.Home}.{codec.Method}({value}, {address}, {Cleanup});");
    }

    // ---------------------------------------------------------------- lifting

    /// <summary>Prints statements that lift <paramref name="plan"/> and returns an expression of its value.</summary>
    public string Lift(ValuePlan plan, string? @base)
    {
        switch (plan)
        {
            case ScalarPlan scalar:
                return LiftScalar(plan.Type, Read(scalar.Location, @base));
            case SharedTypePlan shared:
            {
                string t = Temp("v");
                _w.Line($"var {t} = {CallLift(plan.Type, Addr(@base, shared.Offset))};");
                return t;
            }
            case StringPlan str:
            {
                string t = Temp("s");
                _w.Line($"string {t} = {Memory}.{StringHelper("Lift", str)}({Read(str.Pointer, @base)}, {Read(str.Length, @base)});");
                return t;
            }
            case ListPlan list:
                return LiftList(list, @base);
            case FixedListPlan fixedList:
            {
                string result = Temp("array");
                if (fixedList.Elements is { } elements)
                {
                    var items = elements.Select(e => Lift(e, @base)).ToList();
                    _w.Line($"{Cs(plan.Type)} {result} = [{string.Join(", ", items)}];");
                    return result;
                }
                string i = Temp("i"), b = Temp("base");
                var element = _projection.Of(plan.Type.Element!, _side);
                _w.Line($"var {result} = {_types.NewArray(element, Int(fixedList.Length))};");
                _w.Open($"for (int {i} = 0; {i} < {Int(fixedList.Length)}; {i}++)");
                _w.Line($"int {b} = {Addr(@base, fixedList.Offset)} + {i} * {Int(fixedList.ElementSize)};");
                string item = LiftElement(fixedList.Element!, b);
                _w.Line($"{result}[{i}] = {item};");
                _w.Close();
                return result;
            }
            case RecordPlan record:
            {
                var values = record.Fields.Select(field => Lift(field.Plan, @base)).ToList();
                string result = Temp("rec");
                if (plan.Type.Kind == AbiTypeKind.Tuple)
                {
                    string tuple = values.Count switch
                    {
                        0 => "default(global::System.ValueTuple)",
                        1 => $"new {Cs(plan.Type)}({values[0]})",
                        _ => "(" + string.Join(", ", values) + ")",
                    };
                    _w.Line($"{Cs(plan.Type)} {result} = {tuple};");
                }
                else
                {
                    _w.Line($"var {result} = new {Cs(plan.Type)}({string.Join(", ", values)});");
                }
                return result;
            }
            case VariantPlan variant:
                return LiftVariant(variant, @base);
            default:
                throw new InvalidOperationException("internal: unknown plan");
        }
    }

    /// <summary>One element at <paramref name="base"/>: a codec call for shared element types, else inline.</summary>
    private string LiftElement(ValuePlan element, string @base) =>
        element is SharedTypePlan shared ? CallLift(element.Type, Addr(@base, shared.Offset)) : Lift(element, @base);

    private string LiftList(ListPlan list, string? @base)
    {
        var type = list.Type;
        string ptr = Temp("ptr"), len = Temp("len"), result = Temp("list");
        _w.Line($"int {ptr} = {Read(list.Pointer, @base)};");
        _w.Line($"int {len} = {Read(list.Length, @base)};");
        if (list.IsCanonical && type.Kind != AbiTypeKind.Map)
        {
            _w.Line($"var {result} = {Memory}.LiftArray<{Cs(type.Element!)}>({ptr}, {len}, {Int(list.ElementAlign)});");
            return result;
        }
        _w.Line($"{Memory}.CheckAlign({ptr}, {Int(list.ElementAlign)});");
        string i = Temp("i"), b = Temp("base");
        if (type.Kind == AbiTypeKind.Map)
        {
            string key = Cs(type.Key!), value = Cs(type.Value!);
            _w.Line($"var {result} = new global::System.Collections.Generic.Dictionary<{key}, {value}>({len});");
            _w.Open($"for (int {i} = 0; {i} < {len}; {i}++)");
            _w.Line($"int {b} = {ptr} + {i} * {Int(list.ElementSize)};");
            if (list.Element is SharedTypePlan)
            {
                string entry = Temp("entry");
                _w.Line($"var {entry} = {LiftElement(list.Element, b)};");
                _w.Line($"{result}[{entry}.Item1] = {entry}.Item2;");
            }
            else
            {
                var fields = ((RecordPlan)list.Element).Fields;
                string k = Lift(fields[0].Plan, b);
                string v = Lift(fields[1].Plan, b);
                _w.Line($"{result}[{k}] = {v};");
            }
        }
        else
        {
            _w.Line($"var {result} = {_types.NewArray(_projection.Of(type.Element!, _side), len)};");
            _w.Open($"for (int {i} = 0; {i} < {len}; {i}++)");
            _w.Line($"int {b} = {ptr} + {i} * {Int(list.ElementSize)};");
            string item = LiftElement(list.Element, b);
            _w.Line($"{result}[{i}] = {item};");
        }
        _w.Close();
        // the other side allocated the elements through our cabi_realloc: they are ours to free once read
        _w.Line($"if ({len} > 0) {Memory}.Free({ptr});");
        return result;
    }

    private string LiftVariant(VariantPlan variant, string? @base)
    {
        var type = variant.Type;
        var cs = _projection.Of(type, _side);
        string csText = _types.Of(cs);
        if (type.Kind == AbiTypeKind.Enum)
        {
            string d = Temp("d");
            _w.Line($"int {d} = {Read(variant.Discriminant, @base)};");
            _w.Line($"if (unchecked((uint){d}) >= {Int(variant.Cases.Count)}u) throw {Memory}.BadDiscriminant({d}, {CSharpNames.Literal(type.ToString())});");
            return $"({csText}){d}";
        }
        var declaration = type.Kind == AbiTypeKind.Variant ? (VariantDeclaration)_projection.Declaration(type, _side) : null;
        string result = Temp("v");
        _w.Line($"{csText} {result};");
        LiftCases(variant, @base, (c, payload) =>
        {
            string value = type.Kind switch
            {
                AbiTypeKind.Option when c == 0 => "default",
                AbiTypeKind.Option when cs is CsOptionType => $"{csText}.Some({payload})",
                AbiTypeKind.Option => payload!,
                AbiTypeKind.Result => $"{csText}.{(c == 0 ? "Ok" : "Err")}({payload ?? "default"})",
                _ => $"new {csText}.{declaration!.Cases[c].ClassName}({payload})",
            };
            return $"{result} = {value}; break;";
        });
        return result;
    }

    /// <summary>
    /// Dispatches on a variant's discriminant: for each case, lifts its payload and prints the statement
    /// <paramref name="complete"/> makes of it (case index, payload expression or null; it must leave the case:
    /// <c>break</c>, <c>return</c> or <c>throw</c>). A case without payload is one line.
    /// </summary>
    public void LiftCases(VariantPlan variant, string? @base, Func<int, string?, string> complete)
    {
        string d = Temp("d");
        _w.Line($"int {d} = {Read(variant.Discriminant, @base)};");
        _w.Open($"switch ({d})");
        for (int c = 0; c < variant.Cases.Count; c++)
        {
            var @case = variant.Cases[c];
            if (@case.Payload is null)
            {
                _w.Line($"case {Int(@case.Discriminant)}: {complete(c, null)}");
                continue;
            }
            int mark = _w.Mark;
            _w.Line($"case {Int(@case.Discriminant)}:");
            int body = _w.Mark;
            _w.Indent();
            string payload = Lift(@case.Payload, @base);
            _w.Outdent();
            if (_w.Mark == body)
            {
                // the payload is one expression: the whole case on one line
                _w.TruncateTo(mark);
                _w.Line($"case {Int(@case.Discriminant)}: {complete(c, payload)}");
                continue;
            }
            _w.Indent();
            _w.Line(complete(c, payload));
            _w.Outdent();
        }
        _w.Line($"default: throw {Memory}.BadDiscriminant({d}, {CSharpNames.Literal(variant.Type.ToString())});");
        _w.Close();
    }

    // ---------------------------------------------------------------- lowering

    /// <summary>Prints statements that lower the value of expression <paramref name="value"/> per <paramref name="plan"/>.</summary>
    public void Lower(ValuePlan plan, string value, string? @base)
    {
        switch (plan)
        {
            case ScalarPlan scalar:
                Write(scalar.Location, @base, LowerScalar(plan.Type, value));
                break;
            case SharedTypePlan shared:
                CallLower(plan.Type, value, Addr(@base, shared.Offset));
                break;
            case StringPlan str:
            {
                string ptr = Temp("ptr"), len = Temp("len");
                _w.Line($"int {ptr} = {Memory}.{StringHelper("Lower", str)}({value}, {Cleanup}, out int {len});");
                Write(str.Pointer, @base, ptr);
                Write(str.Length, @base, len);
                break;
            }
            case ListPlan list:
                LowerList(list, value, @base);
                break;
            case FixedListPlan fixedList:
            {
                string items = Temp("items");
                _w.Line($"var {items} = {value};");
                _w.Line($"if ({items}.Length != {Int(fixedList.Length)}) throw new global::System.ArgumentException(\"expected {Int(fixedList.Length)} elements\");");
                if (fixedList.Elements is { } elements)
                {
                    for (int e = 0; e < elements.Count; e++) Lower(elements[e], $"{items}[{Int(e)}]", @base);
                    break;
                }
                string i = Temp("i"), b = Temp("base");
                _w.Open($"for (int {i} = 0; {i} < {Int(fixedList.Length)}; {i}++)");
                _w.Line($"int {b} = {Addr(@base, fixedList.Offset)} + {i} * {Int(fixedList.ElementSize)};");
                Lower(fixedList.Element!, $"{items}[{i}]", b);
                _w.Close();
                break;
            }
            case RecordPlan record:
            {
                string rec = Temp("rec");
                _w.Line($"var {rec} = {value};");
                ValueArray<FieldBinding>? fields = plan.Type.Kind == AbiTypeKind.Tuple ? null : ((RecordDeclaration)_projection.Declaration(plan.Type, _side)).Fields;
                for (int i = 0; i < record.Fields.Count; i++)
                {
                    string access = fields is { } named ? $"{rec}.{named[i].PropertyName}" : $"{rec}.Item{Int(i + 1)}";
                    Lower(record.Fields[i].Plan, access, @base);
                }
                break;
            }
            case VariantPlan variant:
                LowerVariant(variant, value, @base);
                break;
        }
    }

    private void LowerList(ListPlan list, string value, string? @base)
    {
        var type = list.Type;
        string items = Temp("items"), ptr = Temp("ptr");
        _w.Line($"var {items} = {value};");
        if (list.IsCanonical && type.Kind != AbiTypeKind.Map)
        {
            string element = Cs(type.Element!);
            if (Pinned.TryGetValue(value, out var pin))
            {
                // a pinned span is passed in place; emulated memory is a separate array, so it copies
                _w.Line("#if WIT_EMULATED_MEMORY");
                _w.Line($"int {ptr} = {Memory}.LowerArray<{element}>({items}, {Int(list.ElementAlign)}, {Cleanup});");
                _w.Line("#else");
                _w.Line($"int {ptr} = (int)(nint){pin};");
                _w.Line("#endif");
            }
            else
            {
                _w.Line($"int {ptr} = {Memory}.LowerArray<{element}>({items}, {Int(list.ElementAlign)}, {Cleanup});");
            }
            Write(list.Pointer, @base, ptr);
            Write(list.Length, @base, items + ".Length");
            return;
        }
        bool map = type.Kind == AbiTypeKind.Map;
        string count = items + (map ? ".Count" : ".Length");
        _w.Line($"int {ptr} = {Cleanup}.Alloc({count} * {Int(list.ElementSize)}, {Int(list.ElementAlign)});");
        string i = Temp("i"), b = Temp("base");
        if (map)
        {
            string kv = Temp("entry");
            _w.Line($"int {i} = 0;");
            _w.Open($"foreach (var {kv} in {items})");
            _w.Line($"int {b} = {ptr} + {i} * {Int(list.ElementSize)};");
            if (list.Element is SharedTypePlan)
            {
                CallLower(list.Element.Type, $"({kv}.Key, {kv}.Value)", b);
            }
            else
            {
                var fields = ((RecordPlan)list.Element).Fields;
                Lower(fields[0].Plan, kv + ".Key", b);
                Lower(fields[1].Plan, kv + ".Value", b);
            }
            _w.Line($"{i}++;");
            _w.Close();
        }
        else
        {
            _w.Open($"for (int {i} = 0; {i} < {count}; {i}++)");
            _w.Line($"int {b} = {ptr} + {i} * {Int(list.ElementSize)};");
            Lower(list.Element, $"{items}[{i}]", b);
            _w.Close();
        }
        Write(list.Pointer, @base, ptr);
        Write(list.Length, @base, count);
    }

    /// <summary>The statements zeroing the payload slots a flat case leaves unused, on one line (empty when none).</summary>
    private string Zeros(CasePlan @case) =>
        string.Join(" ", @case.UnusedSlots.Select(slot => Store(slot, null, Zero(slot.SlotType))));

    /// <summary>The statements of one case inside a branch: its discriminant, its payload, zeros for the slots it leaves
    /// unused. A case without payload is one line (returned for the caller to place); otherwise printed, and null returned.</summary>
    private string? LowerCase(CasePlan @case, string? payload, string? @base, VariantPlan variant)
    {
        _branches++;
        try
        {
            string discriminant = Store(variant.Discriminant, @base, Int(@case.Discriminant));
            if (@case.Payload is null) return (discriminant + " " + Zeros(@case)).TrimEnd();
            _w.Line(discriminant);
            Lower(@case.Payload, payload!, @base);
            string zeros = Zeros(@case);
            if (zeros.Length > 0) _w.Line(zeros);
            return null;
        }
        finally
        {
            _branches--;
        }
    }

    /// <summary>One branch of an if/else: the case's statements inside braces.</summary>
    private void LowerBranch(string header, CasePlan @case, string? payload, string? @base, VariantPlan variant)
    {
        _w.Open(header);
        if (LowerCase(@case, payload, @base, variant) is { } line) _w.Line(line);
        _w.Close();
    }

    private void LowerVariant(VariantPlan variant, string value, string? @base)
    {
        var type = variant.Type;
        var cs = _projection.Of(type, _side);
        string v = Temp("v");
        _w.Line($"var {v} = {value};");
        switch (type.Kind)
        {
            case AbiTypeKind.Enum:
                Write(variant.Discriminant, @base, $"(int){v}");
                return;
            case AbiTypeKind.Option:
            {
                string x = Temp("some");
                bool wrapped = cs is CsOptionType;
                LowerBranch(wrapped ? $"if ({v}.HasValue)" : $"if ({v} is {{ }} {x})", variant.Cases[1], wrapped ? v + ".Value" : x, @base, variant);
                LowerBranch("else", variant.Cases[0], null, @base, variant);
                return;
            }
            case AbiTypeKind.Result:
                LowerBranch($"if ({v}.IsOk)", variant.Cases[0], v + ".Value", @base, variant);
                LowerBranch("else", variant.Cases[1], v + ".Error", @base, variant);
                return;
            default:
            {
                var declaration = (VariantDeclaration)_projection.Declaration(type, _side);
                string csText = _types.Of(cs);
                _w.Open($"switch ({v})");
                for (int c = 0; c < variant.Cases.Count; c++)
                {
                    string caseClass = $"{csText}.{declaration.Cases[c].ClassName}";
                    if (variant.Cases[c].Payload is null)
                    {
                        _w.Line($"case {caseClass}: {LowerCase(variant.Cases[c], null, @base, variant)} break;");
                        continue;
                    }
                    string x = Temp("case");
                    _w.Line($"case {caseClass} {x}:");
                    _w.Indent();
                    LowerCase(variant.Cases[c], $"{x}.{declaration.PayloadProperty}", @base, variant);
                    _w.Line("break;");
                    _w.Outdent();
                }
                _w.Line($"default: throw new global::System.ArgumentNullException({CSharpNames.Literal(value)});");
                _w.Close();
                return;
            }
        }
    }
}

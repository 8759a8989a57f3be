using System;
using System.Linq;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Guest;

public static partial class GuestGenerator
{
    /// <summary>Where the flat slots of a plan live (variable names) and which cleanup list lowering allocates through.</summary>
    private sealed class Frame
    {
        public Frame(SourceWriter writer, string[] slots, string cleanup)
        {
            W = writer;
            Slots = slots;
            Cleanup = cleanup;
        }

        public SourceWriter W { get; }
        public string[] Slots { get; }
        public string Cleanup { get; }
    }

    private sealed partial class Emitter
    {
        private string Mem => G("WitMemory");

        private static string Addr(string? @base, long offset) =>
            offset == 0 ? @base! : @base + " + " + Int(offset);

        private static string CoreCs(CoreType type) => type switch
        {
            CoreType.I32 => "int",
            CoreType.I64 => "long",
            CoreType.F32 => "float",
            _ => "double",
        };

        private static string Zero(CoreType type) => type switch
        {
            CoreType.I32 => "0",
            CoreType.I64 => "0L",
            CoreType.F32 => "0f",
            _ => "0d",
        };

        // ---------------------------------------------------------------- reading and writing one location

        private string Read(ValueLocation location, string? @base, Frame f)
        {
            switch (location)
            {
                case FlatLocation flat:
                {
                    string slot = f.Slots[flat.Index];
                    return flat.Bitcast switch
                    {
                        Bitcast.None => slot,
                        Bitcast.I32ToF32 => $"global::System.BitConverter.Int32BitsToSingle({slot})",
                        Bitcast.I64ToF64 => $"global::System.BitConverter.Int64BitsToDouble({slot})",
                        Bitcast.I64ToI32 => $"unchecked((int){slot})",
                        Bitcast.I64ToF32 => $"global::System.BitConverter.Int32BitsToSingle(unchecked((int){slot}))",
                        _ => throw new GenerationException("internal: lowering bitcast in a lift plan"),
                    };
                }
                case MemoryLocation memory:
                    return $"{Mem}.{LoadName(memory.Access)}({Addr(@base, memory.Offset)})";
                default:
                    throw new GenerationException("internal: unknown location");
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
        private void Write(ValueLocation location, string? @base, string value, Frame f)
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
                        _ => throw new GenerationException("internal: lifting bitcast in a lower plan"),
                    };
                    f.W.Line($"{f.Slots[flat.Index]} = {converted};");
                    break;
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
                    f.W.Line($"{Mem}.{call};");
                    break;
                }
            }
        }

        // ---------------------------------------------------------------- scalars

        private string LiftScalar(AbiType type, string raw)
        {
            switch (type.Kind)
            {
                case AbiTypeKind.Bool: return $"{Mem}.LiftBool({raw})";
                case AbiTypeKind.Char: return $"{Mem}.LiftChar({raw})";
                case AbiTypeKind.Own:
                case AbiTypeKind.Borrow:
                {
                    var resource = ResourceOf(type);
                    string cls = NominalName(resource);
                    bool own = type.Kind == AbiTypeKind.Own;
                    if (IsExportedResource(resource)) return own ? $"{cls}.WitLiftOwn({raw})" : $"{cls}.WitFromRep({raw})";
                    string lifted = $"new {cls}(new {G("WitHandle")}({raw}, {(own ? "true" : "false")}))";
                    return !own && _borrowScope is not null ? $"{_borrowScope}.Add({lifted})" : lifted;
                }
                case AbiTypeKind.Flags:
                case AbiTypeKind.S8:
                case AbiTypeKind.U8:
                case AbiTypeKind.S16:
                case AbiTypeKind.U16:
                case AbiTypeKind.S32:
                case AbiTypeKind.U32:
                case AbiTypeKind.S64:
                case AbiTypeKind.U64:
                    return $"unchecked(({Cs(type)}){raw})";
                case AbiTypeKind.F32:
                case AbiTypeKind.F64:
                    return raw;
                default:
                    throw new GenerationException("`" + type + "` is not supported by the C# guest bindings");
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
                    var resource = ResourceOf(type);
                    string cls = NominalName(resource);
                    bool own = type.Kind == AbiTypeKind.Own;
                    if (IsExportedResource(resource)) return own ? $"{cls}.WitLowerOwn({value})" : $"{cls}.WitLowerBorrow({value})";
                    return own ? $"{value}.WitTakeHandle()" : $"{value}.WitBorrowHandle()";
                }
                default:
                    return $"unchecked((int){value})";
            }
        }

        /// <summary>The runtime helper moving a string in the plan's encoding (alignment, tag bit and traps live
        /// in the helper; the plan decided which one), and the runtime part it needs.</summary>
        private string StringHelper(string direction, StringPlan str)
        {
            switch (str.Encoding)
            {
                case StringEncoding.Utf16:
                    _features.Utf16Strings = true;
                    return direction + "StringUtf16";
                case StringEncoding.Latin1Utf16:
                    _features.Utf16Strings = _features.Latin1Utf16Strings = true;
                    return direction + "StringLatin1Utf16";
                default:
                    return direction + "String";
            }
        }

        // ---------------------------------------------------------------- lifting

        /// <summary>Prints statements that lift <paramref name="plan"/> and returns an expression of its value.</summary>
        private string Lift(ValuePlan plan, string? @base, Frame f)
        {
            var w = f.W;
            switch (plan)
            {
                case ScalarPlan scalar:
                    return LiftScalar(plan.Type, Read(scalar.Location, @base, f));
                case StringPlan str:
                {
                    string t = Temp("s");
                    w.Line($"string {t} = {Mem}.{StringHelper("Lift", str)}({Read(str.Pointer, @base, f)}, {Read(str.Length, @base, f)});");
                    return t;
                }
                case ListPlan list:
                {
                    string ptr = Temp("ptr"), len = Temp("len"), result = Temp("list");
                    w.Line($"int {ptr} = {Read(list.Pointer, @base, f)};");
                    w.Line($"int {len} = {Read(list.Length, @base, f)};");
                    if (plan.Type.Kind == AbiTypeKind.Map)
                    {
                        var entry = (RecordPlan)list.Element;
                        string key = Cs(plan.Type.Key), value = Cs(plan.Type.Value);
                        w.Line($"var {result} = new global::System.Collections.Generic.Dictionary<{key}, {value}>({len});");
                        w.Line($"{Mem}.CheckAlign({ptr}, {Int(list.ElementAlign)});");
                        string i = Temp("i"), b = Temp("base");
                        w.Open($"for (int {i} = 0; {i} < {len}; {i}++)");
                        w.Line($"int {b} = {ptr} + {i} * {Int(list.ElementSize)};");
                        string k = Lift(entry.Fields[0].Plan, b, f);
                        string v = Lift(entry.Fields[1].Plan, b, f);
                        w.Line($"{result}[{k}] = {v};");
                        w.Close();
                        w.Line($"if ({len} > 0) {Mem}.Free({ptr});");
                        return result;
                    }
                    string element = Cs(plan.Type.Element);
                    if (list.IsCanonical)
                    {
                        w.Line($"var {result} = {Mem}.LiftArray<{element}>({ptr}, {len}, {Int(list.ElementAlign)});");
                        return result;
                    }
                    w.Line($"{Mem}.CheckAlign({ptr}, {Int(list.ElementAlign)});");
                    w.Line($"var {result} = new global::System.Collections.Generic.List<{element}>({len});");
                    {
                        string i = Temp("i"), b = Temp("base");
                        w.Open($"for (int {i} = 0; {i} < {len}; {i}++)");
                        w.Line($"int {b} = {ptr} + {i} * {Int(list.ElementSize)};");
                        string item = Lift(list.Element, b, f);
                        w.Line($"{result}.Add({item});");
                        w.Close();
                    }
                    w.Line($"if ({len} > 0) {Mem}.Free({ptr});");
                    return result + ".ToArray()";
                }
                case FixedListPlan fixedList:
                {
                    string type = Cs(plan.Type);
                    string result = Temp("array");
                    if (fixedList.Elements is { } elements)
                    {
                        var items = elements.Select(e => Lift(e, @base, f)).ToList();
                        w.Line($"{type} {result} = [{string.Join(", ", items)}];");
                        return result;
                    }
                    string list = Temp("list"), i = Temp("i"), b = Temp("base");
                    w.Line($"var {list} = new global::System.Collections.Generic.List<{Cs(plan.Type.Element)}>({Int(fixedList.Length)});");
                    w.Open($"for (int {i} = 0; {i} < {Int(fixedList.Length)}; {i}++)");
                    w.Line($"int {b} = {Addr(@base, fixedList.Offset)} + {i} * {Int(fixedList.ElementSize)};");
                    string item = Lift(fixedList.Element!, b, f);
                    w.Line($"{list}.Add({item});");
                    w.Close();
                    w.Line($"{type} {result} = {list}.ToArray();");
                    return result;
                }
                case RecordPlan record:
                {
                    var values = record.Fields.Select(field => Lift(field.Plan, @base, f)).ToList();
                    string result = Temp("rec");
                    if (plan.Type.Kind == AbiTypeKind.Tuple)
                    {
                        string tuple = values.Count switch
                        {
                            0 => "default(global::System.ValueTuple)",
                            1 => $"new {Cs(plan.Type)}({values[0]})",
                            _ => "(" + string.Join(", ", values) + ")",
                        };
                        w.Line($"{Cs(plan.Type)} {result} = {tuple};");
                    }
                    else
                    {
                        w.Line($"var {result} = new {Cs(plan.Type)}({string.Join(", ", values)});");
                    }
                    return result;
                }
                case VariantPlan variant:
                    return LiftVariant(variant, @base, f);
                default:
                    throw new GenerationException("internal: unknown plan");
            }
        }

        private string LiftVariant(VariantPlan variant, string? @base, Frame f)
        {
            var w = f.W;
            var type = variant.Type;
            string cs = Cs(type);
            string d = Temp("d"), result = Temp("v");
            w.Line($"int {d} = {Read(variant.Discriminant, @base, f)};");
            if (type.Kind == AbiTypeKind.Enum)
            {
                w.Line($"if (unchecked((uint){d}) >= {Int(variant.Cases.Count)}u) throw {Mem}.BadDiscriminant({d}, {CSharpNames.Literal(type.ToString())});");
                return $"({cs}){d}";
            }
            w.Line($"{cs} {result};");
            w.Open($"switch ({d})");
            for (int c = 0; c < variant.Cases.Count; c++)
            {
                var @case = variant.Cases[c];
                w.Open($"case {Int(@case.Discriminant)}:");
                string? payload = @case.Payload is null ? null : Lift(@case.Payload, @base, f);
                string value = type.Kind switch
                {
                    AbiTypeKind.Option when c == 0 => "default",
                    AbiTypeKind.Option when cs.StartsWith(G("Option<"), StringComparison.Ordinal) => $"{cs}.Some({payload})",
                    AbiTypeKind.Option => payload!,
                    AbiTypeKind.Result => $"{cs}.{(c == 0 ? "Ok" : "Err")}({payload ?? "default"})",
                    _ => $"new {cs}.{CaseClass(type, c)}({payload})",
                };
                w.Line($"{result} = {value};");
                w.Line("break;");
                w.Close();
            }
            w.Line($"default: throw {Mem}.BadDiscriminant({d}, {CSharpNames.Literal(type.ToString())});");
            w.Close();
            return result;
        }

        /// <summary>The C# name of case <paramref name="index"/> of a variant (as declared by EmitType).</summary>
        private string CaseClass(AbiType variant, int index)
        {
            var scope = new NameScope(Short(Cs(variant)), RecordReserved);
            string name = "";
            for (int i = 0; i <= index; i++) name = scope.Claim(CSharpNames.Pascal(variant.Cases[i].Name));
            return name;
        }

        /// <summary>The payload property of a variant's case records: "Value", unless a case class takes that
        /// name (a nested type would hide it), then the next free of "Payload", "Item", "WitValue".</summary>
        private string CaseProperty(AbiType variant)
        {
            var scope = new NameScope(Short(Cs(variant)), RecordReserved);
            var names = new System.Collections.Generic.HashSet<string>(variant.Cases.Select(c => scope.Claim(CSharpNames.Pascal(c.Name))));
            return new[] { "Value", "Payload", "Item", "WitValue" }.First(n => !names.Contains(n));
        }

        // ---------------------------------------------------------------- lowering

        /// <summary>Prints statements that lower the value of expression <paramref name="value"/> per <paramref name="plan"/>.</summary>
        private void Lower(ValuePlan plan, string value, string? @base, Frame f)
        {
            var w = f.W;
            switch (plan)
            {
                case ScalarPlan scalar:
                    Write(scalar.Location, @base, LowerScalar(plan.Type, value), f);
                    break;
                case StringPlan str:
                {
                    string ptr = Temp("ptr"), len = Temp("len");
                    w.Line($"int {ptr} = {Mem}.{StringHelper("Lower", str)}({value}, {f.Cleanup}, out int {len});");
                    Write(str.Pointer, @base, ptr, f);
                    Write(str.Length, @base, len, f);
                    break;
                }
                case ListPlan list:
                {
                    string items = Temp("items"), ptr = Temp("ptr");
                    w.Line($"var {items} = {value};");
                    if (list.IsCanonical && _pinned.TryGetValue(value, out var pin))
                    {
                        w.Line("#if WIT_EMULATED_MEMORY");
                        w.Line($"int {ptr} = {Mem}.LowerArray<{Cs(plan.Type.Element)}>({items}, {Int(list.ElementAlign)}, {f.Cleanup});");
                        w.Line("#else");
                        w.Line($"int {ptr} = (int)(nint){pin};");
                        w.Line("#endif");
                        Write(list.Pointer, @base, ptr, f);
                        Write(list.Length, @base, items + ".Length", f);
                        break;
                    }
                    if (list.IsCanonical)
                    {
                        w.Line($"int {ptr} = {Mem}.LowerArray<{Cs(plan.Type.Element)}>({items}, {Int(list.ElementAlign)}, {f.Cleanup});");
                        Write(list.Pointer, @base, ptr, f);
                        Write(list.Length, @base, items + ".Length", f);
                        break;
                    }
                    bool map = plan.Type.Kind == AbiTypeKind.Map;
                    string count = items + (map ? ".Count" : ".Length");
                    w.Line($"int {ptr} = {f.Cleanup}.Alloc({count} * {Int(list.ElementSize)}, {Int(list.ElementAlign)});");
                    string i = Temp("i"), b = Temp("base");
                    if (map)
                    {
                        var entry = (RecordPlan)list.Element;
                        string kv = Temp("entry");
                        w.Line($"int {i} = 0;");
                        w.Open($"foreach (var {kv} in {items})");
                        w.Line($"int {b} = {ptr} + {i} * {Int(list.ElementSize)};");
                        Lower(entry.Fields[0].Plan, kv + ".Key", b, f);
                        Lower(entry.Fields[1].Plan, kv + ".Value", b, f);
                        w.Line($"{i}++;");
                        w.Close();
                    }
                    else
                    {
                        w.Open($"for (int {i} = 0; {i} < {count}; {i}++)");
                        w.Line($"int {b} = {ptr} + {i} * {Int(list.ElementSize)};");
                        Lower(list.Element, $"{items}[{i}]", b, f);
                        w.Close();
                    }
                    Write(list.Pointer, @base, ptr, f);
                    Write(list.Length, @base, count, f);
                    break;
                }
                case FixedListPlan fixedList:
                {
                    string items = Temp("items");
                    w.Line($"var {items} = {value};");
                    w.Line($"if ({items}.Length != {Int(fixedList.Length)}) throw new global::System.ArgumentException(\"expected {Int(fixedList.Length)} elements\");");
                    if (fixedList.Elements is { } elements)
                    {
                        for (int e = 0; e < elements.Count; e++) Lower(elements[e], $"{items}[{Int(e)}]", @base, f);
                        break;
                    }
                    string i = Temp("i"), b = Temp("base");
                    w.Open($"for (int {i} = 0; {i} < {Int(fixedList.Length)}; {i}++)");
                    w.Line($"int {b} = {Addr(@base, fixedList.Offset)} + {i} * {Int(fixedList.ElementSize)};");
                    Lower(fixedList.Element!, $"{items}[{i}]", b, f);
                    w.Close();
                    break;
                }
                case RecordPlan record:
                {
                    string rec = Temp("rec");
                    w.Line($"var {rec} = {value};");
                    var names = plan.Type.Kind == AbiTypeKind.Tuple ? null : RecordProperties(plan.Type);
                    for (int i = 0; i < record.Fields.Count; i++)
                    {
                        string access = names is null ? $"{rec}.Item{Int(i + 1)}" : $"{rec}.{names[i]}";
                        Lower(record.Fields[i].Plan, access, @base, f);
                    }
                    break;
                }
                case VariantPlan variant:
                    LowerVariant(variant, value, @base, f);
                    break;
            }
        }

        private string[] RecordProperties(AbiType record)
        {
            var scope = new NameScope(Short(Cs(record)), RecordReserved);
            return record.Fields.Select(field => scope.Claim(CSharpNames.Pascal(field.Name))).ToArray();
        }

        private void LowerCase(CasePlan @case, string? payload, string? @base, Frame f, VariantPlan variant)
        {
            Write(variant.Discriminant, @base, Int(@case.Discriminant), f);
            if (@case.Payload is not null) Lower(@case.Payload, payload!, @base, f);
            foreach (var slot in @case.UnusedSlots) f.W.Line($"{f.Slots[slot.Index]} = {Zero(slot.SlotType)};");
        }

        private void LowerVariant(VariantPlan variant, string value, string? @base, Frame f)
        {
            var w = f.W;
            var type = variant.Type;
            string cs = Cs(type);
            string v = Temp("v");
            w.Line($"var {v} = {value};");
            switch (type.Kind)
            {
                case AbiTypeKind.Enum:
                    Write(variant.Discriminant, @base, $"(int){v}", f);
                    return;
                case AbiTypeKind.Option:
                {
                    string x = Temp("some");
                    bool wrapped = cs.StartsWith(G("Option<"), StringComparison.Ordinal);
                    w.Open(wrapped ? $"if ({v}.HasValue)" : $"if ({v} is {{ }} {x})");
                    LowerCase(variant.Cases[1], wrapped ? v + ".Value" : x, @base, f, variant);
                    w.Close();
                    w.Open("else");
                    LowerCase(variant.Cases[0], null, @base, f, variant);
                    w.Close();
                    return;
                }
                case AbiTypeKind.Result:
                    w.Open($"if ({v}.IsOk)");
                    LowerCase(variant.Cases[0], v + ".Value", @base, f, variant);
                    w.Close();
                    w.Open("else");
                    LowerCase(variant.Cases[1], v + ".Error", @base, f, variant);
                    w.Close();
                    return;
                default:
                {
                    w.Open($"switch ({v})");
                    for (int c = 0; c < variant.Cases.Count; c++)
                    {
                        string caseClass = CaseClass(type, c);
                        string x = Temp("case");
                        w.Open($"case {cs}.{caseClass} {x}:");
                        LowerCase(variant.Cases[c], $"{x}.{CaseProperty(type)}", @base, f, variant);
                        w.Line("break;");
                        w.Close();
                    }
                    w.Line($"default: throw new global::System.ArgumentNullException({CSharpNames.Literal(value)});");
                    w.Close();
                    return;
                }
            }
        }
    }
}

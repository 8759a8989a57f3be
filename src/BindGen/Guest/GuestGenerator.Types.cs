using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Guest;

public static partial class GuestGenerator
{
    private sealed partial class Emitter
    {
        private static readonly string[] RecordReserved =
            { "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize", "Clone" };

        private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Emits the C# declaration of a named WIT type (records, variants, enums, flags, resources);
        /// structural types (lists, options, tuples, ...) have no declaration.</summary>
        private void EmitType(SourceWriter w, TypeId id)
        {
            if (!_typeNames.TryGetValue(id, out var full)) return;
            var def = _resolve.Types[id];
            string name = Short(full);
            var abi = _abi.Type(id);
            switch (def.Kind)
            {
                case RecordKind record:
                {
                    var scope = new NameScope(name, RecordReserved);
                    var fields = record.Fields.Select((f, i) => (Field: f, Prop: scope.Claim(CSharpNames.Pascal(f.Name)), Type: abi.Fields[i].Type)).ToList();
                    WriteDocs(w, def.Docs.Contents, fields.Where(f => !f.Field.Docs.IsEmpty).Select(f => (f.Prop, f.Field.Docs.Contents!)));
                    string parameters = string.Join(", ", fields.Select(f => Cs(f.Type) + " " + f.Prop));
                    if (fields.Any(f => NeedsDeepEquality(f.Type)))
                    {
                        _features.Equality = true;
                        w.Open($"public sealed record {name}({parameters})");
                        WriteDeepEquality(w, name, fields.Select(f => (f.Prop, f.Type)).ToList());
                        w.Close();
                    }
                    else
                    {
                        w.Line($"public sealed record {name}({parameters});");
                    }
                    break;
                }
                case VariantKind variant:
                {
                    w.Docs(def.Docs.Contents);
                    w.Open($"public abstract record {name}");
                    w.Line($"private {name}() {{ }}");
                    var scope = new NameScope(name, RecordReserved);
                    for (int i = 0; i < variant.Cases.Count; i++)
                    {
                        var @case = variant.Cases[i];
                        string caseName = scope.Claim(CSharpNames.Pascal(@case.Name));
                        w.Line();
                        w.Docs(@case.Docs.Contents);
                        var payload = abi.Cases[i].Type;
                        if (payload is null)
                        {
                            w.Line($"public sealed record {caseName}() : {name};");
                            continue;
                        }
                        string prop = CaseProperty(abi);
                        if (NeedsDeepEquality(payload))
                        {
                            _features.Equality = true;
                            w.Open($"public sealed record {caseName}({Cs(payload)} {prop}) : {name}");
                            WriteDeepEquality(w, caseName, new List<(string, AbiType)> { (prop, payload) });
                            w.Close();
                        }
                        else
                        {
                            w.Line($"public sealed record {caseName}({Cs(payload)} {prop}) : {name};");
                        }
                    }
                    w.Close();
                    break;
                }
                case EnumKind @enum:
                {
                    w.Docs(def.Docs.Contents);
                    string underlying = abi.Layout.DiscriminantSize switch { 1 => "byte", 2 => "ushort", _ => "uint" };
                    w.Open($"public enum {name} : {underlying}");
                    var scope = new NameScope(name);
                    for (int i = 0; i < @enum.Cases.Count; i++)
                    {
                        w.Docs(@enum.Cases[i].Docs.Contents);
                        w.Line($"{scope.Claim(CSharpNames.Pascal(@enum.Cases[i].Name))} = {Int(i)},");
                    }
                    w.Close();
                    break;
                }
                case FlagsKind flags:
                {
                    w.Docs(def.Docs.Contents);
                    string underlying = abi.Layout.Size switch { 1 => "byte", 2 => "ushort", _ => "uint" };
                    w.Line("[global::System.Flags]");
                    w.Open($"public enum {name} : {underlying}");
                    var scope = new NameScope(name);
                    for (int i = 0; i < flags.Flags.Count; i++)
                    {
                        w.Docs(flags.Flags[i].Docs.Contents);
                        w.Line($"{scope.Claim(CSharpNames.Pascal(flags.Flags[i].Name))} = {Int(1L << i)},");
                    }
                    w.Close();
                    break;
                }
                case ResourceKind:
                    if (IsExportedResource(id)) EmitExportedResource(w, id, name, def);
                    else EmitImportedResource(w, id, name, def);
                    break;
            }
        }

        private static void WriteDocs(SourceWriter w, string? docs, IEnumerable<(string Name, string Docs)> parameters)
        {
            var list = parameters.ToList();
            if (docs is null && list.Count == 0) return;
            if (docs is not null) w.Docs(docs);
            foreach (var (name, text) in list)
                w.Line($"/// <param name=\"{name}\">{SourceWriter.EscapeXml(text.Replace("\n", " "))}</param>");
        }

        /// <summary>Value equality for records holding lists or maps: those fields compare element-wise
        /// (<c>WitEquality</c>), the others with their default comparer.</summary>
        private void WriteDeepEquality(SourceWriter w, string type, List<(string Prop, AbiType Type)> fields)
        {
            string Compare((string Prop, AbiType Type) f) => NeedsDeepEquality(f.Type)
                ? $"{G("WitEquality")}.DeepEquals({f.Prop}, other.{f.Prop})"
                : $"global::System.Collections.Generic.EqualityComparer<{Cs(f.Type)}>.Default.Equals({f.Prop}, other.{f.Prop})";
            string Hash((string Prop, AbiType Type) f) => NeedsDeepEquality(f.Type)
                ? $"{G("WitEquality")}.DeepHash({f.Prop})"
                : $"global::System.Collections.Generic.EqualityComparer<{Cs(f.Type)}>.Default.GetHashCode({f.Prop}!)";
            w.Open($"public bool Equals({type}? other)");
            w.Line("if (other is null) return false;");
            foreach (var f in fields) w.Line($"if (!{Compare(f)}) return false;");
            w.Line("return true;");
            w.Close();
            w.Line();
            w.Open("public override int GetHashCode()");
            w.Line("int hash = 17;");
            foreach (var f in fields) w.Line($"hash = hash * 31 + {Hash(f)};");
            w.Line("return hash;");
            w.Close();
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Guest.Differential;

/// <summary>
/// One WIT world for a set of seeded random types, generated with the guest emitter and compiled once with
/// WIT_EMULATED_MEMORY. Per type tK it has <c>import take-tK: func(x: list&lt;tuple&lt;tK&gt;&gt;)</c> (a one-element tuple
/// has tK's layout, and avoids the span parameter imports use for lists of numbers) and
/// <c>export give-tK: func(x: list&lt;tK&gt;)</c>, so in both directions the values sit in linear memory as a list body.
/// </summary>
internal sealed class DifferentialWorld
{
    public const string Namespace = "Wit.Test.Diff";

    private const string Harness = """
namespace Wit.Test.Diff
{
    public static partial class DiffWorld
    {
        private static partial IExports CreateExports() => global::System.Reflection.DispatchProxy.Create<IExports, Recorder>();
    }

    /// <summary>Implements every export by recording its argument (the value the generated shim lifted).</summary>
    public class Recorder : global::System.Reflection.DispatchProxy
    {
        public static object? Last;

        protected override object? Invoke(global::System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            Last = args![0];
            return null;
        }
    }
}
""";

    private readonly Type _world;
    private readonly Type _memory;
    private readonly FieldInfo _next;
    private readonly FieldInfo _bytes;
    private readonly PropertyInfo _live;
    private readonly MethodInfo _alloc;
    private readonly FieldInfo _recorded;
    private readonly Type _testHost;

    public DifferentialWorld(IReadOnlyList<WitValueType> types, StringEncoding encoding = StringEncoding.Utf8)
    {
        Types = types;
        Encoding = encoding;
        Wit = WriteWit(types);
        // Wasmtime and the generated code use the same canonical option string-encoding
        Probes = ProbeComponent.Create(types, StringEncodings.CanonicalName(encoding)).Probes;
        var load = WitLoader.LoadText("diff.wit", Wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)) + "\n" + Wit);
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var sources = GuestCompiler.Generate(load, id, stubs: false, encoding: encoding).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Harness);
        var (problems, compilation) = GuestCompiler.Compile(sources, emulated: true, assemblyName: "Differential" + encoding);
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        // Not collectible: DispatchProxy builds its proxy type next to the interface.
        var assembly = new AssemblyLoadContext("differential").LoadFromStream(stream);
        _world = assembly.GetType(Namespace + ".DiffWorld")!;
        _memory = assembly.GetType("Wit.WitMemory")!;
        _testHost = assembly.GetType("Wit.WitTestHost")!;
        _next = _memory.GetField("s_next", BindingFlags.NonPublic | BindingFlags.Static)!;
        _bytes = _memory.GetField("Bytes", BindingFlags.Public | BindingFlags.Static)!;
        _live = _memory.GetProperty("Live", BindingFlags.Public | BindingFlags.Static)!;
        _alloc = _memory.GetMethod("Alloc", BindingFlags.Public | BindingFlags.Static)!;
        _recorded = assembly.GetType(Namespace + ".Recorder")!.GetField("Last")!;
        Assert.NotNull(_next);
    }

    public IReadOnlyList<WitValueType> Types { get; }

    public StringEncoding Encoding { get; }

    public string Wit { get; }

    /// <summary>Wasmtime probes, one per type, in one component.</summary>
    public IReadOnlyList<AbiProbe> Probes { get; }

    public byte[] Bytes => (byte[])_bytes.GetValue(null)!;

    private IReadOnlyDictionary<int, int> Live => (IReadOnlyDictionary<int, int>)_live.GetValue(null)!;

    public int LiveCount => Live.Count;

    /// <summary>The end of the highest live allocation (at least 16): the part of emulated memory a case uses.</summary>
    public int LiveEnd => Live.Count == 0 ? 16 : Math.Max(16, Live.Max(kv => kv.Key + kv.Value));

    /// <summary>Starts the emulated bump allocator afresh (memory zeroed), so each case's image is small.</summary>
    /// <param name="afterTrap">A trap leaves allocations live: forget them instead of asserting there are none.</param>
    public void ResetMemory(bool afterTrap = false)
    {
        if (afterTrap) ((System.Collections.IDictionary)_memory.GetField("s_live", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!).Clear();
        Assert.Equal(0, LiveCount);
        Array.Clear(Bytes);
        _next.SetValue(null, 16);
    }

    public int Alloc(int size, int align) => (int)_alloc.Invoke(null, [size, align])!;

    /// <summary>Sets WitTestHost.Handler (a System.Func, so no delegate conversion is needed).</summary>
    public void SetHandler(Func<string, string, object[], object?> handler) =>
        _testHost.GetProperty("Handler", BindingFlags.Public | BindingFlags.Static)!.SetValue(null, handler);

    /// <summary>The generated import wrapper <c>take-tK</c>.</summary>
    public MethodInfo Import(int k) => _world.GetMethod(CSharpName($"take-t{k}"), BindingFlags.Public | BindingFlags.Static)
        ?? throw new InvalidOperationException("no import take-t" + k);

    /// <summary>The C# type of tK, read from the import wrapper's parameter <c>ValueTuple&lt;tK&gt;[]</c>.</summary>
    public Type CSharpType(int k) => Import(k).GetParameters()[0].ParameterType.GetElementType()!.GetGenericArguments()[0];

    /// <summary>Calls the generated export shim of <c>give-tK</c> with a list (pointer, length) in emulated memory;
    /// returns what the shim lifted and handed to the implementation.</summary>
    public Array CallExport(int k, int pointer, int length)
    {
        var shim = _world.GetMethod("__Export_" + CSharpName($"give-t{k}"), BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("no export shim for give-t" + k);
        _recorded.SetValue(null, null);
        try
        {
            shim.Invoke(null, [pointer, length]);
        }
        catch (TargetInvocationException e) when (e.InnerException?.GetType().Name == "WitTrapException")
        {
            throw new GeneratedCodeTrap(e.InnerException.Message);
        }
        catch (TargetInvocationException e)
        {
            throw new Xunit.Sdk.XunitException("give-t" + k + ": " + e.InnerException);
        }
        return (Array)_recorded.GetValue(null)!;
    }

    /// <summary>Generated import wrapper lowers a one-element <c>list&lt;tuple&lt;tK&gt;&gt;</c>; the test host copies the
    /// emulated memory and Wasmtime lifts the list body.</summary>
    public WitValue LowerWithGeneratedCodeLiftWithWasmtime(int k, WitValue value, bool corrupt = false)
    {
        var type = Types[k];
        var import = Import(k);
        var tupleType = CSharpType(k) is var element ? typeof(ValueTuple<>).MakeGenericType(element) : null!;
        var array = Array.CreateInstance(tupleType, 1);
        array.SetValue(Activator.CreateInstance(tupleType, CSharpValues.ToCSharp(value, type, CSharpType(k))), 0);

        ResetMemory();
        byte[]? image = null;
        int pointer = 0, count = 0;
        SetHandler((module, name, args) =>
        {
            Assert.Equal("take-t" + k, name);
            pointer = (int)args[0];
            count = (int)args[1];
            image = Bytes.AsSpan(0, LiveEnd).ToArray();
            return null;
        });
        try
        {
            import.Invoke(null, [array]);
        }
        catch (System.Reflection.TargetInvocationException e)
        {
            throw new Xunit.Sdk.XunitException("take-t" + k + ": " + e.InnerException);
        }
        Assert.Equal(0, LiveCount); // the import freed its arguments
        Assert.Equal(1, count);
        if (corrupt) image![pointer] ^= 0x01;
        var lifted = Probes[k].LiftWithWasmtime(image!, pointer, count);
        return ComponentValueConverter.FromComponentValue(lifted[0], type);
    }

    /// <summary>Wasmtime lowers the value; its bytes are copied into emulated memory as a one-element <c>list&lt;tK&gt;</c>
    /// (strings and lists allocated with the generated allocator, only their pointers rewritten) and the generated
    /// export shim of <c>give-tK</c> lifts it.</summary>
    public WitValue LowerWithWasmtimeLiftWithGeneratedCode(int k, WitValue value, int? corrupt = null)
    {
        var type = Types[k];
        var image = Probes[k].Lower(value);
        ResetMemory();
        int root = Alloc(image.Size, image.Align);
        CSharpValues.Relocate(image.Memory, image.Pointer, Bytes, root, type, Alloc, () => Bytes, StringEncodings.CanonicalName(Encoding));
        if (corrupt is int offset) Bytes[root + offset] ^= 0x01;
        var lifted = CallExport(k, root, 1);
        Assert.Equal(0, LiveCount); // the shim freed what the host allocated
        return CSharpValues.FromCSharp(lifted.GetValue(0), type);
    }

    /// <summary>kebab-case to PascalCase, as docs/type-mapping.md names types, methods and properties.</summary>
    public static string CSharpName(string kebab) =>
        string.Concat(kebab.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));

    /// <summary>The world: nominal types are hoisted into named declarations (n0, n1, ...); each root type is an alias tK.</summary>
    private static string WriteWit(IReadOnlyList<WitValueType> types)
    {
        var names = new Dictionary<WitValueType, string>(ReferenceEqualityComparer.Instance);
        var declarations = new StringBuilder();

        string Ref(WitValueType type)
        {
            if (names.TryGetValue(type, out var existing)) return existing;
            switch (type)
            {
                case PrimitiveType p: return p.Kind.ToString().ToLowerInvariant();
                case ListType l: return $"list<{Ref(l.Element)}>";
                case OptionType o: return $"option<{Ref(o.Payload)}>";
                case ResultType r when r.Ok == null && r.Err == null: return "result";
                case ResultType r when r.Err == null: return $"result<{Ref(r.Ok!)}>";
                case ResultType r: return $"result<{(r.Ok == null ? "_" : Ref(r.Ok))}, {Ref(r.Err!)}>";
                case TupleType t: return $"tuple<{string.Join(", ", t.Items.Select(Ref))}>";
            }
            string body = type switch
            {
                RecordType r => "record {0} { " + string.Join(", ", r.Fields.Select(f => f.Name + ": " + Ref(f.Type!))) + " }",
                VariantType v => "variant {0} { " + string.Join(", ", v.Cases.Select(c => c.Type == null ? c.Name : c.Name + "(" + Ref(c.Type) + ")")) + " }",
                EnumType e => "enum {0} { " + string.Join(", ", e.Names) + " }",
                FlagsType f => "flags {0} { " + string.Join(", ", f.Names) + " }",
                _ => throw new ArgumentException("unsupported type " + type),
            };
            var name = "n" + names.Count;
            names.Add(type, name);
            declarations.Append("  ").Append(body.Replace("{0}", name)).Append('\n');
            return name;
        }

        var functions = new StringBuilder();
        for (int k = 0; k < types.Count; k++)
        {
            string root = Ref(types[k]); // first: it appends the hoisted declarations it needs
            declarations.Append($"  type t{k} = {root};\n");
            functions.Append($"  import take-t{k}: func(x: list<tuple<t{k}>>);\n");
            functions.Append($"  export give-t{k}: func(x: list<t{k}>);\n");
        }
        return "package test:diff;\n\nworld diff {\n" + declarations + functions + "}\n";
    }
}

/// <summary>The generated code trapped (WitTrapException) while lifting.</summary>
internal sealed class GeneratedCodeTrap(string message) : Exception(message);

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Tests.Guest.Differential;

/// <summary>
/// Issue 3, string encodings: generated guest code against Wasmtime with the same canonical option
/// <c>string-encoding</c> on both sides (the probe component's <c>canon lift</c> carries it), for utf8, utf16 and
/// latin1+utf16. Types holding strings (hand-picked shapes plus seeded random types that contain strings) get values
/// with every string shape the encodings treat differently (<see cref="WitCaseGenerator.VariedStrings"/>: empty,
/// ASCII, Latin-1 only, BMP, non-BMP, long), in both directions; then the traps: an unpaired surrogate, a
/// misaligned pointer and an out-of-bounds string in bytes from the other side make both sides trap.
/// </summary>
public sealed class StringEncodingDifferentialTests : IClassFixture<StringEncodingDifferentialTests.Fixture>
{
    public const int Seed = 20261124;
    public const int ValuesPerType = 12;

    private static readonly string[] Shapes =
    [
        "string",
        "(list string)",
        "(record (field \"a\" u8) (field \"s\" string) (field \"b\" u16))",
        "(option string)",
        "(tuple string u8 string)",
        "(variant (case \"n\" u32) (case \"s\" string) (case \"l\" (list string)))",
        "(result string (error string))",
        "(list (tuple u8 string))",
        "(list (option string))",
    ];

    public sealed class Fixture
    {
        public Fixture()
        {
            var generator = new WitCaseGenerator(Seed) { VariedStrings = true };
            var types = Shapes.Select(WitValueType.Parse).ToList();
            // random types that contain a string somewhere
            while (types.Count < Shapes.Length + 24)
            {
                var t = generator.NextType();
                if (HasString(t)) types.Add(t);
            }
            Cases = types.Select(t => (t, (IReadOnlyList<WitValue>)Enumerable.Range(0, ValuesPerType).Select(_ => generator.NextValue(t)).ToArray())).ToList();
            foreach (var encoding in Enum.GetValues<StringEncoding>())
                Worlds[encoding] = new DifferentialWorld(types, encoding);
        }

        public IReadOnlyList<(WitValueType Type, IReadOnlyList<WitValue> Values)> Cases { get; }

        internal Dictionary<StringEncoding, DifferentialWorld> Worlds { get; } = new();
    }

    private static bool HasString(WitValueType t) => t.Kind == WitTypeKind.String || t.Children.Any(HasString);

    private readonly Fixture _fixture;

    public StringEncodingDifferentialTests(Fixture fixture) => _fixture = fixture;

    [Fact]
    public void StringsCoverEveryShape()
    {
        var strings = new List<string>();
        void Walk(WitValue v)
        {
            if (v is StringValue s) strings.Add(s.Value);
            foreach (var child in Children(v)) Walk(child);
        }
        foreach (var (_, values) in _fixture.Cases) foreach (var v in values) Walk(v);
        Assert.Contains(strings, s => s.Length == 0);
        Assert.Contains(strings, s => s.Length > 0 && s.All(c => c < 0x80));
        Assert.Contains(strings, s => s.All(c => c <= 0xFF) && s.Any(c => c >= 0x80));                       // latin1 only
        Assert.Contains(strings, s => s.Any(c => c > 0xFF) && !s.Any(char.IsSurrogate));                     // BMP
        Assert.Contains(strings, s => s.Any(char.IsSurrogate));                                              // non-BMP
        Assert.Contains(strings, s => s.Length > 1000);                                                      // long
        Assert.True(strings.Count >= 300, strings.Count + " strings");
    }

    [Theory]
    [InlineData(StringEncoding.Utf8)]
    [InlineData(StringEncoding.Utf16)]
    [InlineData(StringEncoding.Latin1Utf16)]
    public void ValuesLoweredByGeneratedCodeAreLiftedIdenticallyByWasmtime(StringEncoding encoding)
    {
        var world = _fixture.Worlds[encoding];
        int checkedCases = 0;
        for (int k = 0; k < _fixture.Cases.Count; k++)
        {
            var (type, values) = _fixture.Cases[k];
            foreach (var value in values)
            {
                var lifted = world.LowerWithGeneratedCodeLiftWithWasmtime(k, value);
                Assert.True(value.Equals(lifted), $"{encoding} t{k} = {type}\n  value:  {Short(value)}\n  wasmtime lifted: {Short(lifted)}");
                checkedCases++;
            }
        }
        Assert.True(checkedCases >= 300, checkedCases + " cases");
    }

    [Theory]
    [InlineData(StringEncoding.Utf8)]
    [InlineData(StringEncoding.Utf16)]
    [InlineData(StringEncoding.Latin1Utf16)]
    public void ValuesLoweredByWasmtimeAreLiftedIdenticallyByGeneratedCode(StringEncoding encoding)
    {
        var world = _fixture.Worlds[encoding];
        int checkedCases = 0;
        for (int k = 0; k < _fixture.Cases.Count; k++)
        {
            var (type, values) = _fixture.Cases[k];
            foreach (var value in values)
            {
                var lifted = world.LowerWithWasmtimeLiftWithGeneratedCode(k, value);
                Assert.True(value.Equals(lifted), $"{encoding} t{k} = {type}\n  value:  {Short(value)}\n  generated code lifted: {Short(lifted)}");
                checkedCases++;
            }
        }
        Assert.True(checkedCases >= 300, checkedCases + " cases");
    }

    /// <summary>The encodings really differ in memory: Wasmtime's image of one string has the length field and bytes of
    /// each encoding (UTF-8 bytes; UTF-16 code units; Latin-1 bytes or tagged code units), at an address aligned for it.</summary>
    [Theory]
    [InlineData(StringEncoding.Utf8, "caf\u00e9", 5, new byte[] { 0x63, 0x61, 0x66, 0xc3, 0xa9 })]
    [InlineData(StringEncoding.Utf16, "caf\u00e9", 4, new byte[] { 0x63, 0, 0x61, 0, 0x66, 0, 0xe9, 0 })]
    [InlineData(StringEncoding.Latin1Utf16, "caf\u00e9", 4, new byte[] { 0x63, 0x61, 0x66, 0xe9 })]
    [InlineData(StringEncoding.Latin1Utf16, "\u20ac1", unchecked((int)0x8000_0002), new byte[] { 0xac, 0x20, 0x31, 0 })]
    public void WasmtimeWritesTheEncodingsMemoryForm(StringEncoding encoding, string text, int lengthField, byte[] bytes)
    {
        var probe = _fixture.Worlds[encoding].Probes[0]; // t0 = string
        var image = probe.Lower(WitValue.String(text));
        int pointer = BinaryPrimitives.ReadInt32LittleEndian(image.Memory.AsSpan(image.Pointer));
        Assert.Equal(lengthField, BinaryPrimitives.ReadInt32LittleEndian(image.Memory.AsSpan(image.Pointer + 4)));
        Assert.Equal(bytes, image.Memory.AsSpan(pointer, bytes.Length).ToArray());
        if (encoding != StringEncoding.Utf8) Assert.Equal(0, pointer % 2);
    }

    public static IEnumerable<object[]> TrapCases() =>
        (from encoding in new[] { StringEncoding.Utf16, StringEncoding.Latin1Utf16 }
         from trap in new[] { "unpaired-high", "unpaired-low", "reversed", "misaligned", "out-of-bounds" }
         select new object[] { encoding, "x\u20acyz", trap })
        .Concat(
        [
            [StringEncoding.Utf16, "", "misaligned"],                 // alignment is checked for empty strings too
            [StringEncoding.Latin1Utf16, "", "misaligned"],
            [StringEncoding.Latin1Utf16, "caf\u00e9", "misaligned"],   // the Latin-1 form is aligned to 2 as well
            [StringEncoding.Latin1Utf16, "caf\u00e9", "out-of-bounds"],
        ]);

    /// <summary>Bytes the other side could hand over, corrupted in one way each, make Wasmtime and the generated export
    /// shim both trap. "x€yz" is UTF-16 in both encodings (tagged in latin1+utf16); "café" is Latin-1 in latin1+utf16.
    /// Wasmtime's messages: ``unpaired surrogate found: d800``, ``string pointer not aligned to 2``, ``string
    /// pointer/length out of bounds of memory``.</summary>
    [Theory]
    [MemberData(nameof(TrapCases))]
    public void CorruptedStringsTrapOnBothSides(StringEncoding encoding, string text, string trap)
    {
        var world = _fixture.Worlds[encoding];
        var probe = world.Probes[0]; // t0 = string
        var image = probe.Lower(WitValue.String(text));

        // our copy of the same value, in emulated memory
        world.ResetMemory();
        int root = world.Alloc(image.Size, image.Align);
        CSharpValues.Relocate(image.Memory, image.Pointer, world.Bytes, root, probe.Type, world.Alloc, () => world.Bytes, StringEncodings.CanonicalName(encoding));

        var theirs = (byte[])image.Memory.Clone();
        Corrupt(theirs, image.Pointer, trap);
        Corrupt(world.Bytes, root, trap);

        string? wasmtime = probe.LiftTrap(theirs, image.Pointer, freshStore: true);
        Assert.True(wasmtime is not null, "Wasmtime lifted the corrupted string (" + trap + ")");
        var ours = Assert.Throws<GeneratedCodeTrap>(() => world.CallExport(0, root, 1));
        var (expected, theirsExpected) = trap switch
        {
            "misaligned" => ("misaligned pointer", "string pointer not aligned to 2"),
            "out-of-bounds" => ("out-of-bounds", "string pointer/length out of bounds of memory"),
            _ => ("invalid UTF-16", "unpaired surrogate found"),
        };
        Assert.Contains(expected, ours.Message);
        Assert.Contains(theirsExpected, wasmtime);
        world.ResetMemory(afterTrap: true);
    }

    /// <summary>Corrupts the string whose (pointer, length) sits at <paramref name="at"/> in <paramref name="memory"/>.</summary>
    private static void Corrupt(byte[] memory, int at, string trap)
    {
        int pointer = BinaryPrimitives.ReadInt32LittleEndian(memory.AsSpan(at));
        int length = BinaryPrimitives.ReadInt32LittleEndian(memory.AsSpan(at + 4));
        switch (trap)
        {
            case "unpaired-high": // 'x' becomes a high surrogate followed by '€'
                BinaryPrimitives.WriteUInt16LittleEndian(memory.AsSpan(pointer), 0xD800);
                break;
            case "unpaired-low": // 'z' (the last unit) becomes a low surrogate after 'y'
                BinaryPrimitives.WriteUInt16LittleEndian(memory.AsSpan(pointer + 6), 0xDC00);
                break;
            case "reversed": // 'y', 'z' become low, high
                BinaryPrimitives.WriteUInt16LittleEndian(memory.AsSpan(pointer + 4), 0xDC00);
                BinaryPrimitives.WriteUInt16LittleEndian(memory.AsSpan(pointer + 6), 0xD800);
                break;
            case "misaligned":
                BinaryPrimitives.WriteInt32LittleEndian(memory.AsSpan(at), pointer + 1);
                break;
            case "out-of-bounds": // 16 Mi code units (32 MiB): within the length limit, beyond either memory
                BinaryPrimitives.WriteInt32LittleEndian(memory.AsSpan(at + 4), (length & unchecked((int)0x8000_0000)) | (1 << 24));
                break;
        }
    }

    private static IEnumerable<WitValue> Children(WitValue v) => v switch
    {
        ListValue l => l.Items,
        TupleValue t => t.Items,
        RecordValue r => r.Fields.Select(f => f.Value),
        VariantValue { Payload: { } p } => [p],
        OptionValue { Payload: { } p } => [p],
        ResultValue { Payload: { } p } => [p],
        _ => [],
    };

    private static string Short(WitValue? v)
    {
        string text = v?.ToString() ?? "null";
        return text.Length > 400 ? text.Substring(0, 400) + "…" : text;
    }
}

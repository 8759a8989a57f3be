using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;

namespace WitTools.BindGen.Tests.Guest.Differential;

/// <summary>
/// Issue 3: generated guest code against Wasmtime (the reference canonical ABI), both directions, for seeded
/// random types of every kind Wasmtime .NET can carry (all primitives, list, record, tuple, variant, enum,
/// option, result, flags; no resources, maps or fixed-size lists, which Wasmtime .NET 50 cannot carry).
/// One world is generated and compiled once (WIT_EMULATED_MEMORY) for all types.
/// </summary>
public sealed class GeneratedCodeDifferentialTests : IClassFixture<GeneratedCodeDifferentialTests.Fixture>
{
    public const int Seed = 20261123;
    public const int TypesPerKind = 6;
    public const int ValuesPerType = 8;

    public sealed class Fixture
    {
        public Fixture()
        {
            var kinds = Enum.GetValues<WitTypeKind>().Length;
            Cases = new WitCaseGenerator(Seed).NextCases(kinds * TypesPerKind, ValuesPerType);
            World = new DifferentialWorld(Cases.Select(c => c.Type).ToArray());
        }

        public IReadOnlyList<(WitValueType Type, IReadOnlyList<WitValue> Values)> Cases { get; }

        internal DifferentialWorld World { get; }
    }

    private readonly Fixture _fixture;

    public GeneratedCodeDifferentialTests(Fixture fixture) => _fixture = fixture;

    private DifferentialWorld World => _fixture.World;

    [Fact]
    public void CasesCoverEveryKindWasmtimeCarries_NoResourcesMapsOrFixedLists()
    {
        var roots = _fixture.Cases.Select(c => c.Type.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<WitTypeKind>().ToHashSet(), roots);
        Assert.True(_fixture.Cases.Sum(c => c.Values.Count) >= 1000);
    }

    /// <summary>The random types also nest every kind, and reach the mapping's special cases: variants and enums
    /// with more than 256 cases (u16 discriminants), flags of all three sizes, option of option (<c>Option&lt;T&gt;</c>),
    /// options of value types (<c>Nullable</c>) and of reference types (<c>T?</c>).</summary>
    [Fact]
    public void CasesNestEveryKindAndReachTheMappingsSpecialCases()
    {
        var all = new List<WitValueType>();
        void Walk(WitValueType t, bool nested)
        {
            if (nested) all.Add(t);
            foreach (var child in t.Children) Walk(child, true);
        }
        foreach (var (type, _) in _fixture.Cases) Walk(type, false);
        Assert.Equal(Enum.GetValues<WitTypeKind>().ToHashSet(), all.Select(t => t.Kind).ToHashSet());
        var roots = _fixture.Cases.Select(c => c.Type).ToList();
        var everything = all.Concat(roots).ToList();
        Assert.Contains(everything, t => t is VariantType v && v.Cases.Count > 256 || t is EnumType e && e.Names.Count > 256);
        Assert.Contains(everything, t => t is FlagsType f && f.Names.Count <= 8);
        Assert.Contains(everything, t => t is FlagsType f && f.Names.Count is > 8 and <= 16);
        Assert.Contains(everything, t => t is FlagsType f && f.Names.Count > 16);
        Assert.Contains(everything, t => t is OptionType { Payload: OptionType });
        Assert.Contains(everything, t => t is OptionType { Payload.Kind: WitTypeKind.String or WitTypeKind.List or WitTypeKind.Record or WitTypeKind.Variant });
        Assert.Contains(everything, t => t is OptionType { Payload: PrimitiveType { Kind: not WitTypeKind.String } });
        Assert.Contains(everything, t => t is ResultType { Ok: null } or ResultType { Err: null });
    }

    [Fact]
    public void ValuesLoweredByGeneratedCodeAreLiftedIdenticallyByWasmtime()
    {
        int checkedCases = 0;
        for (int k = 0; k < _fixture.Cases.Count; k++)
        {
            var (type, values) = _fixture.Cases[k];
            foreach (var value in values)
            {
                var lifted = LowerWithGeneratedCodeLiftWithWasmtime(k, value, corrupt: false);
                Assert.True(value.Equals(lifted), $"t{k} = {type}\n  value:  {value}\n  wasmtime lifted: {lifted}");
                checkedCases++;
            }
        }
        Assert.True(checkedCases >= 1000, checkedCases + " cases");
    }

    [Fact]
    public void ValuesLoweredByWasmtimeAreLiftedIdenticallyByGeneratedCode()
    {
        int checkedCases = 0;
        for (int k = 0; k < _fixture.Cases.Count; k++)
        {
            var (type, values) = _fixture.Cases[k];
            foreach (var value in values)
            {
                var lifted = LowerWithWasmtimeLiftWithGeneratedCode(k, value, corrupt: null);
                Assert.True(value.Equals(lifted), $"t{k} = {type}\n  value:  {value}\n  generated code lifted: {lifted}");
                checkedCases++;
            }
        }
        Assert.True(checkedCases >= 1000, checkedCases + " cases");
    }

    /// <summary>The comparison is not vacuous: one flipped byte in the value's own bytes changes what the other side
    /// lifts (for types whose every root byte matters: integers).</summary>
    [Fact]
    public void FlippedByteIsDetectedInBothDirections()
    {
        int detected = 0;
        for (int k = 0; k < _fixture.Cases.Count; k++)
        {
            var (type, values) = _fixture.Cases[k];
            if (type.Kind is not (WitTypeKind.U32 or WitTypeKind.S64 or WitTypeKind.U16)) continue;
            foreach (var value in values)
            {
                Assert.NotEqual(value, LowerWithGeneratedCodeLiftWithWasmtime(k, value, corrupt: true));
                Assert.NotEqual(value, LowerWithWasmtimeLiftWithGeneratedCode(k, value, corrupt: 0));
                detected++;
            }
        }
        Assert.True(detected > 0);
    }

    /// <summary>An out-of-range discriminant in bytes Wasmtime lowered (enum, variant, option and result roots) makes
    /// both Wasmtime and the generated code trap instead of lifting a value.</summary>
    [Fact]
    public void OutOfRangeDiscriminantTrapsOnBothSides()
    {
        int traps = 0;
        for (int k = 0; k < _fixture.Cases.Count; k++)
        {
            var (type, values) = _fixture.Cases[k];
            int cases = type switch { EnumType e => e.Names.Count, VariantType v => v.Cases.Count, OptionType or ResultType => 2, _ => 0 };
            if (cases is 0 or > 255) continue;
            var image = World.Probes[k].Lower(values[0]);
            var bad = (byte[])image.Memory.Clone();
            bad[image.Pointer] = (byte)cases;
            Assert.NotNull(World.Probes[k].LiftTrap(bad, image.Pointer));

            World.ResetMemory();
            int root = World.Alloc(image.Size, image.Align);
            CSharpValues.Relocate(image.Memory, image.Pointer, World.Bytes, root, type, World.Alloc, () => World.Bytes);
            World.Bytes[root] = (byte)cases;
            var trap = Assert.Throws<GeneratedCodeTrap>(() => World.CallExport(k, root, 1));
            Assert.Contains("discriminant", trap.Message);
            World.ResetMemory(afterTrap: true);
            traps++;
        }
        Assert.True(traps >= 20, traps + " traps");
    }

    private WitValue LowerWithGeneratedCodeLiftWithWasmtime(int k, WitValue value, bool corrupt) => World.LowerWithGeneratedCodeLiftWithWasmtime(k, value, corrupt);

    private WitValue LowerWithWasmtimeLiftWithGeneratedCode(int k, WitValue value, int? corrupt) => World.LowerWithWasmtimeLiftWithGeneratedCode(k, value, corrupt);
}

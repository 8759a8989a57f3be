using WitTools.Tests.Shared.Abi;
using System.Linq;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Random;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Tests.TestSupport;
using Xunit.Abstractions;

namespace WitTools.BindGen.Tests.Abi;

/// <summary>
/// Wasmtime (through tests/AbiOracle) is the reference canonical ABI: values it lowers must lift back
/// unchanged through our memory lift plans, and values our lower plans write must lift in Wasmtime to the
/// same value. Random types and values cover every kind the oracle can carry.
/// </summary>
public class WasmtimeDifferentialTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(11, 60, 3)]
    [InlineData(2026, 60, 3)]
    public void Memory_plans_agree_with_wasmtime(int seed, int typeCount, int valuesPerType)
    {
        var cases = new WitCaseGenerator(seed).NextCases(typeCount, valuesPerType);
        var component = ProbeComponent.Create(cases.Select(c => c.Type).ToArray());
        int checkedValues = 0;
        for (int k = 0; k < cases.Count; k++)
        {
            var (oracleType, values) = cases[k];
            var probe = component.Probes[k];
            var type = OracleAbiTypes.ToAbi(oracleType);
            Assert.True(type.IsValid, type.Error);
            Assert.True((probe.Size, probe.Align) == ((int)type.Layout.Size, type.Layout.Align), $"layout of {oracleType}: oracle {probe.Size}/{probe.Align}, ours {type.Layout.Size}/{type.Layout.Align}");
            Assert.True(AbiPlanner.TryLift(type, PlanStorage.Memory, out var lift, out var error), error);
            Assert.True(AbiPlanner.TryLower(type, PlanStorage.Memory, out var lower, out error), error);

            foreach (var value in values)
            {
                // Wasmtime lowers, our plan lifts
                var image = probe.Lower(value);
                Assert.Equal(value, PlanInterpreter.Lift(lift!.Root, image.Memory, image.Pointer));

                // our plan lowers, Wasmtime lifts
                var memory = new PlanInterpreter.Memory();
                int root = memory.Alloc(type.Layout.Size, type.Layout.Align);
                PlanInterpreter.Lower(lower!.Root, value, memory, root);
                Assert.Equal(value, probe.Lift(memory.Image, root));
                checkedValues++;
            }
        }
        output.WriteLine($"{cases.Count} types, {checkedValues} values checked in both directions");
    }
}

/// <summary>
/// Flat plans have no oracle; they are checked for consistency instead: lowering any value writes every
/// slot of the type's flat form exactly once (payload slots shared by cases, unused ones zeroed), and
/// lifting the slots gives the value back.
/// </summary>
public class FlatPlanRoundTripTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(99)]
    public void Flat_plans_round_trip_and_write_every_slot_once(int seed)
    {
        var cases = new WitCaseGenerator(seed).NextCases(80, 4);
        int planned = 0;
        foreach (var (oracleType, values) in cases)
        {
            var type = OracleAbiTypes.ToAbi(oracleType);
            if (type.Flat.Count > Flattening.MaxFlatParams) continue;
            Assert.True(AbiPlanner.TryLift(type, PlanStorage.Flat, out var lift, out var error), error);
            Assert.True(AbiPlanner.TryLower(type, PlanStorage.Flat, out var lower, out error), error);
            planned++;
            foreach (var value in values)
            {
                var slots = new ulong[type.Flat.Count];
                var writes = new int[type.Flat.Count];
                var memory = new PlanInterpreter.Memory();
                PlanInterpreter.LowerFlat(lower!.Root, value, slots, writes, memory);
                Assert.All(writes, w => Assert.Equal(1, w));
                Assert.Equal(value, PlanInterpreter.LiftFlat(lift!.Root, slots, memory.Image));
            }
        }
        Assert.True(planned > 20, "too few flat types: " + planned);
    }
}

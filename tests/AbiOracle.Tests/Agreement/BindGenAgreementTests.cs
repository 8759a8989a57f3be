using WitTools.Tests.Shared.Abi;
using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Types;
using WitTools.BindGen.Abi;

namespace WitTools.AbiOracle.Tests.Agreement;

/// <summary>
/// BindGen's canonical-ABI arithmetic (src/BindGen/Abi) judged by Wasmtime: layouts of random types, and the
/// core signatures of random functions in both conventions (Wasmtime's validator accepts a lifted/lowered
/// core function only with exactly the right flattening).
/// </summary>
public class BindGenAgreementTests
{
    [Fact]
    public void Layouts_of_random_types_match_wasmtime()
    {
        var generator = new WitCaseGenerator(seed: 2026);
        var types = Enumerable.Range(0, 200).Select(_ => generator.NextType()).ToArray();
        var probes = ProbeComponent.Create(types).Probes;
        foreach (var probe in probes)
        {
            var layout = OracleAbiTypes.ToAbi(probe.Type).Layout;
            var context = probe.Type.ToString();
            // CanonicalLayout is checked against Wasmtime byte for byte by the reference-codec tests.
            Assert.True(CanonicalLayout.Size(probe.Type) == layout.Size, "size of " + context);
            Assert.True(CanonicalLayout.Align(probe.Type) == layout.Align, "align of " + context);
            if (probe.Type is RecordType or TupleType)
                Assert.True(CanonicalLayout.FieldOffsets(probe.Type).Select(o => (long)o).SequenceEqual(layout.FieldOffsets), "offsets of " + context);
            if (probe.Type is VariantType or OptionType or ResultType)
                Assert.True(CanonicalLayout.PayloadOffset(probe.Type) == layout.PayloadOffset, "payload offset of " + context);

            // And directly: Wasmtime rejects a root that is misaligned for BindGen's alignment...
            var zeros = new byte[layout.Size + 8];
            if (layout.Align > 1) Assert.Equal("list pointer is not aligned", probe.LiftTrap(zeros, layout.Align / 2));
            // ...and lowers exactly Size bytes for the value itself (an all-zero value: discriminant 0, empty lists).
            var zero = probe.Lift(zeros, 0);
            var image = probe.Lower(zero);
            Assert.True(image.Memory.Length >= image.Pointer + layout.Size, "size of " + context);
            if (!HasIndirection(probe.Type)) Assert.True(image.Memory.Length == image.Pointer + layout.Size, "size of " + context);
        }
    }

    [Theory]
    [InlineData(AbiConvention.Lift)]
    [InlineData(AbiConvention.Lower)]
    public void Core_signatures_of_random_functions_match_wasmtime(AbiConvention convention)
    {
        var generator = new WitCaseGenerator(seed: 99, maxDepth: 3);
        var random = new System.Random(99);
        var claims = new List<CoreSignatureClaim>();
        for (var i = 0; i < 150; i++)
        {
            // Up to 20 parameters, so that spilling past 16 flat values happens too.
            var count = random.Next(5) == 0 ? random.Next(5, 21) : random.Next(0, 4);
            var @params = Enumerable.Range(0, count).Select(_ => generator.NextType()).ToArray();
            var result = random.Next(4) == 0 ? null : generator.NextType();
            var function = new AbiFunction($"f{i}", @params.Select((p, k) => new AbiParam($"p{k}", OracleAbiTypes.ToAbi(p))), result == null ? null : OracleAbiTypes.ToAbi(result));
            var signature = AbiPlanner.Plan(function, convention).Signature
                ?? throw new InvalidOperationException($"BindGen could not plan f{i}");
            claims.Add(new CoreSignatureClaim(@params, result,
                signature.Params.Select(t => t.Name()).ToArray(), signature.Results.Select(t => t.Name()).ToArray()));
        }

        string? Check(IReadOnlyList<CoreSignatureClaim> batch) =>
            convention == AbiConvention.Lift ? CoreSignatureCheck.CheckLift(batch) : CoreSignatureCheck.CheckLower(batch);

        if (Check(claims) is null) return;
        // Name the first function Wasmtime disagrees on.
        var wrong = claims.First(c => Check([c]) is not null);
        Assert.Fail($"{convention}: func({string.Join(", ", wrong.Params)}) -> {wrong.Result?.ToString() ?? "()"}: " +
                    $"BindGen says ({string.Join(" ", wrong.CoreParams)}) -> ({string.Join(" ", wrong.CoreResults)}); " +
                    $"Wasmtime: {Check([wrong])}");
    }

    private static bool HasIndirection(WitValueType type) =>
        type.Kind is WitTypeKind.String or WitTypeKind.List || type.Children.Any(HasIndirection);
}

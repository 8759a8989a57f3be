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
            var layout = ToAbi(probe.Type).Layout;
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
            var function = new AbiFunction($"f{i}", @params.Select((p, k) => new AbiParam($"p{k}", ToAbi(p))), result == null ? null : ToAbi(result));
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

    private static AbiType ToAbi(WitValueType type) => type switch
    {
        PrimitiveType p => p.Kind switch
        {
            WitTypeKind.Bool => AbiType.Bool,
            WitTypeKind.S8 => AbiType.S8,
            WitTypeKind.U8 => AbiType.U8,
            WitTypeKind.S16 => AbiType.S16,
            WitTypeKind.U16 => AbiType.U16,
            WitTypeKind.S32 => AbiType.S32,
            WitTypeKind.U32 => AbiType.U32,
            WitTypeKind.S64 => AbiType.S64,
            WitTypeKind.U64 => AbiType.U64,
            WitTypeKind.F32 => AbiType.F32,
            WitTypeKind.F64 => AbiType.F64,
            WitTypeKind.Char => AbiType.Char,
            _ => AbiType.String,
        },
        ListType l => AbiType.List(ToAbi(l.Element)),
        OptionType o => AbiType.Option(ToAbi(o.Payload)),
        ResultType r => AbiType.Result(r.Ok == null ? null : ToAbi(r.Ok), r.Err == null ? null : ToAbi(r.Err)),
        TupleType t => AbiType.Tuple(t.Items.Select(ToAbi)),
        RecordType r => AbiType.Record("r", r.Fields.Select(f => (f.Name, ToAbi(f.Type!))).ToArray()),
        VariantType v => AbiType.Variant("v", v.Cases.Select(c => (c.Name, c.Type == null ? null : ToAbi(c.Type))).ToArray()),
        EnumType e => AbiType.Enum("e", e.Names),
        FlagsType f => AbiType.Flags("f", f.Names),
        _ => throw new ArgumentException(type.ToString()),
    };
}

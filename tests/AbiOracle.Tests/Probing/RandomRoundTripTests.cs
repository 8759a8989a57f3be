using System;
using System.Diagnostics;
using System.Linq;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;
using Xunit.Abstractions;

namespace WitTools.AbiOracle.Tests.Probing;

/// <summary>Seeded random (type, value) cases across every kind, through Wasmtime and back.</summary>
public class RandomRoundTripTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(20261123)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_values_survive_lowering_and_lifting(int seed)
    {
        const int typeCount = 42, valuesPerType = 8; // 336 cases per seed, 1,344 in all
        var cases = new WitCaseGenerator(seed).NextCases(typeCount, valuesPerType);
        var clock = Stopwatch.StartNew();
        var component = ProbeComponent.Create(cases.Select(c => c.Type).ToArray());
        var compiled = clock.Elapsed;
        var count = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var probe = component.Probes[i];
            foreach (var value in cases[i].Values)
            {
                var image = probe.Lower(value);
                var lifted = probe.Lift(image);
                Assert.True(value.Equals(lifted), $"seed {seed} type {probe.Type}\n value {value}\n back  {lifted}\n image {image}");

                // Wasmtime lowers the lifted value to the very same bytes (same allocation order).
                var again = probe.Lower(lifted);
                Assert.True(image.Memory.AsSpan().SequenceEqual(again.Memory), $"seed {seed} type {probe.Type}: {image} vs {again}");

                // Our layout agrees with Wasmtime's: the value itself is exactly Size bytes when nothing is out of line.
                Assert.True(image.Memory.Length >= image.Pointer + probe.Size);
                if (!HasIndirection(probe.Type)) Assert.Equal(image.Pointer + probe.Size, image.Memory.Length);
                count++;
            }
        }
        output.WriteLine($"seed {seed}: compiled {typeCount} types in {compiled.TotalMilliseconds:F0} ms, " +
                         $"{count} cases in {(clock.Elapsed - compiled).TotalMilliseconds:F0} ms " +
                         $"({(clock.Elapsed - compiled).TotalMicroseconds / count:F1} µs per lower+lift+lower)");
    }

    [Fact]
    public void Our_alignment_matches_what_wasmtime_checks()
    {
        // Wasmtime traps on a root pointer that is not a multiple of the type's alignment.
        var types = new WitCaseGenerator(seed: 77).NextCases(40, 1).Select(c => c.Type).ToArray();
        var component = ProbeComponent.Create(types);
        foreach (var probe in component.Probes)
        {
            // All-zero memory is a valid value of every type (discriminant 0, empty strings and lists).
            var image = new byte[4096];
            Assert.Null(probe.LiftTrap(image, probe.Align));
            if (probe.Align > 1)
                Assert.Equal("list pointer is not aligned", probe.LiftTrap(image, probe.Align / 2));
        }
    }

    private static bool HasIndirection(WitValueType type) =>
        type.Kind is WitTypeKind.String or WitTypeKind.List || type.Children.Any(HasIndirection);
}

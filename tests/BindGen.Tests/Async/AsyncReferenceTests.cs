using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.AsyncHost;
using WitTools.AsyncHost.Reference;
using Xunit.Abstractions;

namespace WitTools.BindGen.Tests.Async;

/// <summary>
/// The reference tier: every scenario (the 10 MB transfer at 50 KB: definitions.py copies element by element) on the
/// emulator and on the spec's definitions.py, with the same seeds. Both must agree on what the client observes (result or
/// trap), what is left behind (allocations, handles), how many scheduling choices were made, and on the whole trace of
/// calls across the boundary. One python3 process for the whole class.
/// </summary>
[Trait("Category", "Reference")]
public sealed class AsyncReferenceTests(ITestOutputHelper output)
{
    public sealed class Bridge : IDisposable
    {
        public ReferenceHost Host { get; } = new(ReferenceHost.LocateDefinitions());

        public void Dispose() => Host.Dispose();
    }

    public static readonly string[] Scenarios =
    {
        "add", "fetch-twice", "concurrent", "future-string", "future-u32", "read-future", "consume", "in-place", "relay-small", "pipe-to-sink",
        "rows", "drop-rows-early", "forward-rows", "cancel-import", "cancel-export", "drop-reader-early", "drop-writer-early",
        "error-roundtrip", "counters", "json", "lines", "misuse:write-after-drop", "misuse:read-future-twice", "misuse:read-future-twice-api",
        "misuse:drop-unwritten-future",
    };

    [Fact]
    public void The_emulator_agrees_with_definitions_py_on_every_scenario()
    {
        using var bridge = new Bridge();
        {
            int agreements = 0;
            var disagreements = new List<string>();
            foreach (var scenario in Scenarios)
            {
                foreach (ulong seed in new[] { 1UL, 2UL })
                {
                    var emulated = ScenarioGuests.Instance.Emulate(scenario, seed);
                    var reference = ScenarioGuests.Instance.Reference(bridge.Host, scenario, seed);
                    string? problem = Compare(emulated, reference);
                    output.WriteLine($"{scenario} (seed {seed}): {(problem is null ? "agree" : "DISAGREE")}: emulator {emulated}; reference {reference}");
                    if (problem is null) agreements++;
                    else disagreements.Add(scenario + " (seed " + seed + "): " + problem);
                }
            }
            output.WriteLine(agreements + " agreements");
            Assert.True(disagreements.Count == 0, string.Join("\n\n", disagreements));
            Assert.Equal(Scenarios.Length * 2, agreements);
        }
    }

    private static string? Compare(RunOutcome emulated, RunOutcome reference)
    {
        if (emulated.Result != reference.Result) return "results differ: " + emulated.Result + " vs " + reference.Result;
        if ((emulated.Trap is null) != (reference.Trap is null)) return "traps differ: " + emulated.Trap + " vs " + reference.Trap;
        if (!emulated.LiveAllocations.OrderBy(kv => kv.Key).SequenceEqual(reference.LiveAllocations.OrderBy(kv => kv.Key)))
            return "allocations left differ";
        if (emulated.Trap is null && !emulated.LiveHandles.OrderBy(kv => kv.Key).SequenceEqual(reference.LiveHandles.OrderBy(kv => kv.Key)))
            return "handles left differ: " + string.Join(",", emulated.LiveHandles) + " vs " + string.Join(",", reference.LiveHandles);
        if (emulated.Draws != reference.Draws) return "scheduling choices differ: " + emulated.Draws + " vs " + reference.Draws;
        for (int i = 0; i < Math.Max(emulated.Trace.Count, reference.Trace.Count); i++)
        {
            string a = i < emulated.Trace.Count ? emulated.Trace[i] : "<end>";
            string b = i < reference.Trace.Count ? reference.Trace[i] : "<end>";
            if (a != b)
                return "traces differ at call " + i + ":\n  emulator:  " + a + "\n  reference: " + b + "\n  before: " +
                       string.Join("\n          ", emulated.Trace.Skip(Math.Max(0, i - 5)).Take(5));
        }
        return null;
    }
}

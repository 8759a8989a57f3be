using System.Linq;
using Xunit.Abstractions;

namespace WitTools.BindGen.Tests.Async;

/// <summary>
/// The scenarios of issue 13 over the emulated host: generated bindings on both sides of every call (client → service →
/// provider), values, bytes and traps as observed by the client, and nothing left behind (no live allocation, no handle).
/// </summary>
public sealed class AsyncScenarioTests(ITestOutputHelper output)
{
    private static void AssertClean(WitTools.AsyncHost.RunOutcome outcome)
    {
        Assert.All(outcome.LiveAllocations, kv => Assert.True(kv.Value == 0, kv.Key + " leaks " + kv.Value + " allocations"));
        Assert.All(outcome.LiveHandles, kv => Assert.True(kv.Value == 0, kv.Key + " holds " + kv.Value + " handles"));
    }

    private WitTools.AsyncHost.RunOutcome Run(string scenario, ulong seed = 1, bool trace = true)
    {
        var outcome = ScenarioGuests.Instance.Emulate(scenario, seed, trace);
        output.WriteLine(scenario + " (seed " + seed + "): " + outcome);
        if (outcome.Trap is not null) foreach (var line in outcome.Trace.TakeLast(40)) output.WriteLine(line);
        return outcome;
    }

    private string Succeeds(string scenario, ulong seed = 1, bool trace = true)
    {
        var outcome = Run(scenario, seed, trace);
        Assert.True(outcome.Trap is null, scenario + " trapped: " + outcome.Trap);
        AssertClean(outcome);
        return outcome.Result!;
    }

    private static string Checksum(ulong size)
    {
        ulong checksum = 0;
        for (ulong i = 0; i < size; i++) checksum = checksum * 31 + (byte)(i % 251);
        return checksum.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void An_async_export_returns_a_value() => Assert.Equal("\"5\"", Succeeds("add"));

    [Fact]
    public void An_async_import_is_awaited_inside_an_async_export() => Assert.Equal("\"90\"", Succeeds("fetch-twice"));

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Concurrent_imports_complete_in_an_order_the_scheduler_picks(ulong seed)
    {
        string result = Succeeds("concurrent", seed).Trim('"');
        Assert.Equal(new[] { 0, 10, 20, 30, 40, 50 }, result.Split(',').Select(int.Parse).OrderBy(x => x));
    }

    [Fact]
    public void A_future_of_string_is_written_later_and_read() => Assert.Equal("\"hello wörld!\"", Succeeds("future-string"));

    [Fact]
    public void A_future_of_u32_crosses_two_components() => Assert.Equal("\"15\"", Succeeds("future-u32"));

    [Fact]
    public void A_future_passed_as_an_argument_is_read_by_the_callee() => Assert.Equal("\"True 42\"", Succeeds("read-future"));

    [Fact]
    public void A_stream_of_bytes_moves_with_partial_writes() => Assert.Equal("\"20000 20000 " + Checksum(20_000) + "\"", Succeeds("consume"));

    [Fact]
    public void Buffers_in_linear_memory_are_read_and_written_in_place() =>
        Assert.Equal("\"20000 20000 " + Checksum(20_000) + " 0 0\"", Succeeds("in-place"));

    [Fact]
    public void A_stream_of_bytes_is_relayed_with_backpressure() => Assert.Equal("\"300000 " + Checksum(300_000) + "\"", Succeeds("relay"));

    [Fact]
    public void Ten_megabytes_stream_through_with_backpressure_and_partial_writes()
    {
        const ulong size = 10 << 20;
        Assert.Equal("\"" + size + " " + Checksum(size) + "\"", Succeeds("relay-10mb", trace: false));
    }

    [Fact]
    public void A_stream_handed_to_an_import_is_read_by_the_callee() => Assert.Equal("\"100000 " + Checksum(100_000) + "\"", Succeeds("pipe-to-sink"));

    [Fact]
    public void A_stream_of_records_is_read_in_batches() =>
        Assert.Equal("\"4:0=r0/0 1=r1x/0.25 2=r2xx/0.5 3=r3xxx/0.75 4:4=r4/1 5=r5x/1.25 6=r6xx/1.5 7=r7xxx/1.75 3:8=r8/2 9=r9x/2.25 10=r10xx/2.5\"", Succeeds("rows"));

    [Fact]
    public void A_stream_of_records_is_forwarded_across_components() => Assert.Equal("\"253023\"", Succeeds("forward-rows"));

    [Fact]
    public void Cancelling_an_import_cancels_the_subtask() => Assert.Equal("\"cancelled\"", Succeeds("cancel-import"));

    [Fact]
    public void Cancelling_an_export_reaches_its_cancellation_token() => Assert.Equal("\"cancelled\"", Succeeds("cancel-export"));

    [Fact]
    public void A_reader_dropped_early_stops_the_writer() => Assert.Equal("\"read 300 of 1000000\"", Succeeds("drop-reader-early"));

    [Fact]
    public void A_writer_dropped_early_ends_the_stream() => Assert.Equal("\"500 " + Checksum(500) + "\"", Succeeds("drop-writer-early"));

    [Fact]
    public void A_reader_dropped_early_by_the_caller_ends_the_callees_write_short()
    {
        // the service wrote 9 rows in one write; its write ends after 2 (its fire-and-forget writer's exception goes
        // unobserved, as in .NET); nothing is left behind
        Assert.Equal("\"took 2\"", Succeeds("drop-rows-early"));
    }

    [Fact]
    public void Error_contexts_round_trip_with_their_debug_message()
    {
        string result = Succeeds("error-roundtrip").Trim('"');
        var parts = result.Split('|');
        Assert.Equal(3, parts.Length);
        // the host may keep or drop a debug message (the spec leaves it open: the scheduler decides)
        Assert.Contains(parts[0], new[] { "disk on fire", "" });
        Assert.Contains(parts[1], new[] { "[disk on fire]", "[]" });
        Assert.Contains(parts[2], new[] { "[service: disk on fire]", "[]" });
    }

    [Fact]
    public void A_byte_stream_is_a_System_IO_Stream_for_System_Text_Json() => Assert.Equal("\"200 keys, sum 19900\"", Succeeds("json"));

    [Fact]
    public void A_byte_stream_feeds_a_PipeReader_and_a_StreamWriter() => Assert.Equal("\"1000\"", Succeeds("lines"));

    [Fact]
    public void Async_resource_methods_and_statics_run() => Assert.Equal("\"33011\"", Succeeds("counters"));

    [Theory]
    [InlineData("misuse:write-after-drop", "table index")]
    [InlineData("misuse:read-future-twice", "table index")]
    [InlineData("misuse:drop-unwritten-future", "dropping a future's writable end before its value was written")]
    public void Protocol_misuse_traps(string scenario, string trap)
    {
        var outcome = Run(scenario);
        Assert.NotNull(outcome.Trap);
        Assert.Contains(trap, outcome.Trap);
    }

    [Fact]
    public void Reading_a_future_twice_through_the_bindings_throws() =>
        Assert.Equal("\"8: the future's value was already read (a future carries one value)\"", Succeeds("misuse:read-future-twice-api"));

    [Fact]
    public void A_future_value_that_cannot_be_lowered_throws_and_the_writer_can_still_write() =>
        Assert.Equal("\"ArgumentException, then delivered: False\"", Succeeds("misuse:unlowerable-future-value"));
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using WitTools.Examples.Tests;

namespace WitTools.FactorizationLoadTest;

/// <summary>
/// Bounded loopback load test: <c>--requests</c> (default 20,000) GET /factor/{n} requests from <c>--clients</c>
/// (default 32) concurrent clients, stopped at <c>--seconds</c> (default 300) whatever happens, against the service
/// backed by the component and by the plain baseline (same numbers, same order); warm-up requests are not measured.
/// The numbers: seeded random u64 values, one in twenty a product of two primes near 2^32 (the hardest case for rho).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        int requests = Option(args, "--requests", 20_000);
        int clients = Option(args, "--clients", 32);
        int seconds = Option(args, "--seconds", 300);
        var numbers = Numbers(1000);
        Console.WriteLine($"{requests} requests, {clients} concurrent clients, at most {seconds} s per run, loopback; {numbers.Length} distinct numbers (1 in 20 a product of two ~32-bit primes)");
        var results = new List<Run>();
        foreach (var implementation in new[] { "plain", "component" })
        {
            using var service = new ServiceProcess("--Factorizer:Implementation=" + implementation, "--Logging:LogLevel:Default=Warning");
            await Measure(service, numbers, Math.Min(2000, requests), clients, TimeSpan.FromSeconds(seconds)); // warm-up
            var run = await Measure(service, numbers, requests, clients, TimeSpan.FromSeconds(seconds));
            results.Add(run with { Implementation = implementation });
        }
        Console.WriteLine();
        Console.WriteLine("| implementation | requests | errors | throughput | p50 | p99 | wall time |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
            Console.WriteLine($"| {r.Implementation} | {r.Completed:N0} | {r.Errors} | {r.Throughput:N0} req/s | {r.P50:F2} ms | {r.P99:F2} ms | {r.Elapsed.TotalSeconds:F1} s |");
        var plain = results[0];
        var component = results[1];
        Console.WriteLine($"| component / plain | | | {component.Throughput / plain.Throughput:F2}× | {component.P50 / plain.P50:F2}× | {component.P99 / plain.P99:F2}× | |");
        return results.All(r => r.Errors == 0 && r.Completed == requests) ? 0 : 1;
    }

    private sealed record Run(string Implementation, int Completed, int Errors, TimeSpan Elapsed, double Throughput, double P50, double P99);

    private static async Task<Run> Measure(ServiceProcess service, ulong[] numbers, int requests, int clients, TimeSpan limit)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource(limit);
        var latencies = new double[requests];
        int next = -1, completed = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        async Task Client()
        {
            while (!stop.IsCancellationRequested)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= requests) return;
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync("factor/" + numbers[i % numbers.Length], stop.Token);
                    await response.Content.LoadIntoBufferAsync(stop.Token);
                    if (response.StatusCode is not (HttpStatusCode.OK or (HttpStatusCode)422)) Interlocked.Increment(ref errors);
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Interlocked.Increment(ref completed);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client)));
        clock.Stop();
        var sorted = latencies.Take(Math.Min(requests, Math.Max(0, next))).Where(l => l > 0).OrderBy(l => l).ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Run("", completed, errors, clock.Elapsed, completed / clock.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99));
    }

    private static ulong[] Numbers(int count)
    {
        var random = new Random(12);
        ulong[] nearTwoTo32 = { 4294967291, 4294967279, 4294967231, 4294967197, 4294967189, 4294967161, 4294967143, 4294967111 };
        return Enumerable.Range(0, count).Select(i => i % 20 == 0
            ? nearTwoTo32[random.Next(nearTwoTo32.Length)] * nearTwoTo32[random.Next(nearTwoTo32.Length)]
            : (ulong)random.NextInt64(2, long.MaxValue) * 2 + (ulong)random.Next(2)).ToArray();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) && value > 0 ? value : fallback;
    }
}

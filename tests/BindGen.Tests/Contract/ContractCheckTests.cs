using System.IO;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Guest;
using WitTools.Tests.Shared;
using Xunit.Abstractions;

namespace WitTools.BindGen.Tests.Contract;

/// <summary>
/// The names and core signatures of the generated bindings against wit-component and Wasmtime (see <see cref="ContractCheck"/>):
/// every world of every WASI 0.2.12 package, and the fixtures. One node process and one Wasmtime engine per test.
/// </summary>
public sealed class ContractCheckTests(ITestOutputHelper output)
{
    private void AssertAllPass(System.Collections.Generic.IReadOnlyList<ContractCase> cases)
    {
        var outcomes = ContractCheck.Run(cases);
        foreach (var o in outcomes)
            output.WriteLine($"{o.Case.Name}: {o.Contract.Imports.Count} imports, {o.Contract.Exports.Count} exports, {o.Component.Canon.Count} canon definitions" +
                             (o.Passed ? "" : " FAILED") + (o.WasmtimeSkipped ? " (not compiled by Wasmtime: " + o.WasmtimeError!.Split('\n').First(l => l.Contains("feature")).Trim() + ")" : ""));
        var failed = outcomes.Where(o => !o.Passed).ToList();
        Assert.True(failed.Count == 0, string.Join("\n\n", failed.Select(f => f.Describe())));
        Assert.Equal(cases.Count, outcomes.Count);
    }

    [Fact]
    public void Every_wasi_0_2_12_world()
    {
        var cases = Directory.GetDirectories(Path.Combine(WitCorpus.Root, "wasi-0.2.12")).OrderBy(d => d, System.StringComparer.Ordinal)
            .SelectMany(package => ContractCheck.Worlds("wasi-0.2.12/" + Path.GetFileName(package), package)).ToList();
        Assert.True(cases.Count >= 9, "expected the WASI 0.2.12 worlds, found " + cases.Count);
        AssertAllPass(cases);
    }

    [Fact]
    public void Every_wasi_0_3_0_world()
    {
        var cases = Directory.GetDirectories(Path.Combine(WitCorpus.Root, "wasi-0.3.0")).OrderBy(d => d, System.StringComparer.Ordinal)
            .SelectMany(package => ContractCheck.Worlds("wasi-0.3.0/" + Path.GetFileName(package), package)).ToList();
        Assert.Equal(8, cases.Count);
        AssertAllPass(cases);
    }

    [Fact]
    public void Async_fixtures_in_every_string_encoding()
    {
        string async = Path.Combine(RepositoryPaths.Root, "tests", "BindGen.Tests", "Guest", "wit", "async");
        var cases = ContractCheck.Worlds("async", async)
            .Concat(ContractCheck.Worlds("async-utf16", async, new GuestOptions { StringEncoding = StringEncoding.Utf16 }))
            .Concat(ContractCheck.Worlds("async-latin1", async, new GuestOptions { StringEncoding = StringEncoding.Latin1Utf16 }))
            .Concat(ContractCheck.Worlds("scenarios", Path.Combine(RepositoryPaths.Root, "tests", "BindGen.Tests", "Async", "wit")))
            .ToList();
        AssertAllPass(cases);
    }

    [Fact]
    public void Fixture_worlds_in_every_string_encoding()
    {
        string guestWit = Path.Combine(RepositoryPaths.Root, "tests", "BindGen.Tests", "Guest", "wit");
        var cases = ContractCheck.Worlds("factorization", RepositoryPaths.Example("factorization"))
            .Concat(ContractCheck.Worlds("kitchen-sink", RepositoryPaths.Example("kitchen-sink")))
            .Concat(Directory.GetDirectories(guestWit).OrderBy(d => d, System.StringComparer.Ordinal).SelectMany(d => ContractCheck.Worlds(Path.GetFileName(d), d)))
            .Concat(ContractCheck.Worlds("factorization-utf16", RepositoryPaths.Example("factorization"), new GuestOptions { StringEncoding = StringEncoding.Utf16 }))
            .Concat(ContractCheck.Worlds("kitchen-sink-latin1", RepositoryPaths.Example("kitchen-sink"), new GuestOptions { StringEncoding = StringEncoding.Latin1Utf16 }))
            .ToList();
        AssertAllPass(cases);
    }

    [Fact]
    public void A_wrong_name_signature_or_missing_export_fails_the_check()
    {
        var @case = ContractCheck.Worlds("factorization", RepositoryPaths.Example("factorization")).Single();
        var outcome = ContractCheck.Run(new[] { @case }).Single();
        Assert.True(outcome.Passed, outcome.Describe());
        var job = outcome.Job;
        var report = outcome.Contract.Imports.Single(i => i.Name == "report");
        var factor = outcome.Contract.Exports.Single(e => e.Name == "wittools:factorization/factorize@0.1.0#factor");
        string import = "(import \"" + report.Module + "\" \"report\" (func (param i64 i32 i32 i32)))";
        string export = "(export \"" + factor.Name + "\")";
        Assert.Contains(import, job.Wat);
        Assert.Contains(export, job.Wat);
        var jobs = new[]
        {
            job with { Name = "renamed import", Wat = job.Wat.Replace(import, import.Replace("\"report\"", "\"reports\"")) },
            job with { Name = "wrong signature", Wat = job.Wat.Replace(import, import.Replace("i64", "i32")) },
            job with { Name = "missing export", Wat = job.Wat.Replace(export, "") },
        };
        var results = WitComponentTool.Build(jobs, Path.Combine(Path.GetTempPath(), "wittools-contract-negative-" + System.Guid.NewGuid().ToString("N")));
        foreach (var r in results) output.WriteLine(r.Name + ": " + r.Error?.Replace('\n', ' '));
        Assert.All(results, r => Assert.False(r.Ok, r.Name + " was accepted"));
        Assert.Contains("reports", results[0].Error);
        Assert.Contains("type mismatch", results[1].Error);
        Assert.Contains("factor", results[2].Error);
    }
}

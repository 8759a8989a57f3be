using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using WitTools.Tests.Shared;

namespace WitTools.Analyzers.Tests;

public class WitBindingsGeneratorTests
{
    private static readonly string[] GeneratorSteps =
    {
        WitBindingsGenerator.TrackingNames.Generate,
        WitBindingsGenerator.TrackingNames.Sources,
        WitBindingsGenerator.TrackingNames.Diagnostics,
        WitBindingsGenerator.TrackingNames.Merge,
    };

    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { "Calculator" },
        new object[] { "Greeter" },
        new object[] { "Counter" },
        new object[] { "ResultMapping" },
    };

    /// <summary>Each case: the files of the project; the first root is the one the snapshot is about,
    /// the others are "unrelated" roots used by the caching checks.</summary>
    private static (WitFile Subject, WitFile[] All) Case(string name)
    {
        var calc = new WitFile(TestWit.CalcPath, TestWit.Calc, TestWit.CalcRoot);
        var greeter = new WitFile(TestWit.GreeterPath, TestWit.Greeter, TestWit.GreeterRoot, World: "greeter", Namespace: "Demo.Greeting");
        var counter = new WitFile(TestWit.CounterPath, TestWit.Counter, TestWit.CounterPath, Namespace: "Demo.Counting");
        return name switch
        {
            "Calculator" => (calc, new[] { calc, greeter }),
            "Greeter" => (greeter, new[] { greeter, calc }),
            "Counter" => (counter, new[] { counter, calc }),
            "ResultMapping" => (greeter with { ResultMapping = "result" }, new[] { greeter with { ResultMapping = "result" }, counter }),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generates_bindings_that_match_the_snapshot_and_compile(string name)
    {
        var (subject, all) = Case(name);
        var harness = new GeneratorHarness(all);
        var (result, output) = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Exception);
        var mine = result.GeneratedSources.Where(s => s.HintName.StartsWith(subject.Namespace + ".", StringComparison.Ordinal)
            && !all.Any(o => o != subject && o.Namespace.Length > subject.Namespace.Length && s.HintName.StartsWith(o.Namespace + ".", StringComparison.Ordinal)))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(mine);
        // what the generator decides: every hint name of the run, its diagnostics, the subject's bindings, and
        // which runtime files its runtime holds (their text is tested in tests/BindGen.Tests/Runtime)
        var text = new StringBuilder("// hint names\n");
        foreach (var source in result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal)) text.Append("//   ").Append(source.HintName).Append('\n');
        text.Append("// diagnostics: ").Append(result.Diagnostics.IsEmpty ? "none" : string.Join("; ", result.Diagnostics)).Append("\n\n");
        foreach (var source in mine)
        {
            string body = source.HintName.EndsWith(".WitRuntime.cs", StringComparison.Ordinal) ? RuntimeSummary.Of(source.SourceText.ToString()) : source.SourceText.ToString();
            text.Append("// ---- ").Append(source.HintName).Append('\n').Append(body).Append('\n');
        }
        Snapshot.Match(text.ToString(), name, "cs.txt");

        // The bindings of all roots compile together with the user's code (imports only: nothing to implement).
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_csharp_edit_reruns_nothing(string name)
    {
        var (_, all) = Case(name);
        var harness = new GeneratorHarness(all);
        harness.Run();

        harness.EditCSharp();
        var (result, _) = harness.Run();

        foreach (var step in GeneratorSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        Assert.All(result.TrackedSteps[WitBindingsGenerator.TrackingNames.Files].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Editing_another_root_regenerates_only_that_root(string name)
    {
        var (subject, all) = Case(name);
        var other = all.First(f => f.Root != subject.Root);
        var harness = new GeneratorHarness(all);
        harness.Run();

        harness.EditWit(other.Path, other.Text + "\n// edited\n");
        var (result, _) = harness.Run();

        var generate = result.TrackedSteps[WitBindingsGenerator.TrackingNames.Generate];
        var mine = generate.Where(s => RootOf(s.Outputs[0].Value) == subject.Root).ToList();
        var theirs = generate.Where(s => RootOf(s.Outputs[0].Value) == other.Root).ToList();
        Assert.Single(mine);
        Assert.Single(theirs);
        Assert.Equal(IncrementalStepRunReason.Cached, mine[0].Outputs[0].Reason);
        // The edited root ran again (its output is Unchanged or Modified, never Cached).
        Assert.NotEqual(IncrementalStepRunReason.Cached, theirs[0].Outputs[0].Reason);

        // The subject's diagnostics are not produced again, and no source is added again (the edit changed
        // no generated text).
        int index = generate.IndexOf(mine[0]);
        var diagnostics = result.TrackedSteps[WitBindingsGenerator.TrackingNames.Diagnostics][index].Outputs[0].Reason;
        Assert.True(diagnostics is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"diagnostics: {diagnostics}");
        Assert.All(result.TrackedSteps[WitBindingsGenerator.TrackingNames.Sources].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"sources: {o.Reason}"));
    }

    [Fact]
    public void Changing_one_roots_bindings_leaves_the_other_root_cached_and_re_adds_only_changed_sources()
    {
        var calc = new WitFile(TestWit.CalcPath, TestWit.Calc, TestWit.CalcRoot);
        var counter = new WitFile(TestWit.CounterPath, TestWit.Counter, TestWit.CounterPath, Namespace: "Demo.Counting");
        var harness = new GeneratorHarness(calc, counter);
        var (first, _) = harness.Run();
        Assert.Empty(first.Diagnostics);

        harness.EditWit(counter.Path, counter.Text.Replace("import tick: func() -> u64;", "import tick: func() -> u64;\n  import stop: func();"));
        var (result, output) = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var generate = result.TrackedSteps[WitBindingsGenerator.TrackingNames.Generate];
        Assert.Equal(IncrementalStepRunReason.Cached, generate.Single(s => RootOf(s.Outputs[0].Value) == calc.Root).Outputs[0].Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, generate.Single(s => RootOf(s.Outputs[0].Value) == counter.Root).Outputs[0].Reason);
        // only the counter world's class changed: every other source is reused as it was
        var changed = result.TrackedSteps[WitBindingsGenerator.TrackingNames.Sources].SelectMany(s => s.Outputs)
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .Select(o => ((Models.GeneratedSource)o.Value).HintName)
            .ToList();
        Assert.Equal(new[] { "Demo.Counting.Demo.Counter.CounterWorld.cs" }, changed);
    }

    [Fact]
    public void Pipeline_outputs_hold_no_compiler_objects()
    {
        var harness = new GeneratorHarness(Case("Greeter").All);
        var (result, _) = harness.Run();
        var ours = typeof(WitBindingsGenerator.TrackingNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        // Roslyn's own "Compilation" input feeds only the build-only WIT0202 check (ContractCheck), which IDEs do
        // not run: there the compilation is never even read.
        var (ide, _) = new GeneratorHarness(Case("Greeter").All).AsIde().Run();
        Assert.DoesNotContain("Compilation", ide.TrackedSteps.Keys);
        foreach (var pair in result.TrackedSteps.Where(p => ours.Contains(p.Key)))
        {
            foreach (var output in pair.Value.SelectMany(s => s.Outputs))
            {
                Assert.False(output.Value is Compilation or ISymbol or SyntaxNode or SemanticModel, $"{pair.Key} outputs {output.Value.GetType()}");
                Assert.DoesNotContain("WitParser.Model", output.Value.GetType().FullName, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Wit_files_without_root_metadata_are_ignored()
    {
        var harness = new GeneratorHarness(new WitFile("/proj/stray.wit", "this is not wit", Root: ""));
        var (result, _) = harness.Run();
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Several_worlds_of_one_root_share_one_namespace()
    {
        var greeter = new WitFile(TestWit.GreeterPath, TestWit.Greeter, TestWit.GreeterRoot, World: "greeter, quiet");
        var (result, output) = new GeneratorHarness(greeter).Run();
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.Demo.Greeter.GreeterWorld.cs");
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.Demo.Greeter.QuietWorld.cs");
        Assert.Single(result.GeneratedSources, s => s.HintName == "Demo.WitRuntime.cs");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Worlds_of_two_roots_in_their_own_namespaces_compile_together()
    {
        var calc = new WitFile(TestWit.CalcPath, TestWit.Calc, TestWit.CalcRoot, Namespace: "One");
        var counter = new WitFile(TestWit.CounterPath, TestWit.Counter, TestWit.CounterPath, Namespace: "Two");
        var (result, output) = new GeneratorHarness(calc, counter).Run();
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    private static string? RootOf(object value) => value is Models.WitRootOutput output ? output.Root : null;
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using WitTools.AsyncHost;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Tests.Guest;

namespace WitTools.BindGen.Tests.Async;

/// <summary>
/// The three instances of the async scenarios (Async/wit/scenarios.wit): `client` calls `service` (the guest under test),
/// which calls `provider`. Each is its world's generated bindings plus its C# (Async/guests), compiled once per test run
/// with emulated memory and zero warnings.
/// </summary>
public sealed class ScenarioGuests
{
    private static readonly Lazy<ScenarioGuests> s_instance = new(() => new ScenarioGuests());

    public static ScenarioGuests Instance => s_instance.Value;

    public static string Folder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    private ScenarioGuests()
    {
        var load = GuestCompiler.Load(Path.Combine(Folder(), "wit"));
        var worlds = GuestCompiler.Worlds(load).ToDictionary(w => w.Name.Split('/').Last(), w => w.Id);
        string patterns = File.ReadAllText(Path.Combine(Folder(), "guests", "Patterns.cs"));
        Client = Build(load, worlds["client"], "Client", patterns);
        Service = Build(load, worlds["service"], "Service", patterns);
        Provider = Build(load, worlds["provider"], "Provider", patterns);
    }

    public GuestAssembly Client { get; }
    public GuestAssembly Service { get; }
    public GuestAssembly Provider { get; }

    private static GuestAssembly Build(WitParser.Resolution.LoadResult load, WitParser.Model.WorldId world, string name, string patterns)
    {
        var built = BindingBuilder.Build(load.Resolve!, world, BindingOptions.Default);
        Assert.True(built.Success, string.Join("\n", built.Diagnostics.Select(d => d.Message)));
        var files = GuestGenerator.Print(load.Resolve!, built.World!, built.Projection!, stubs: false).Files
            .Where(f => f.Name.EndsWith(".cs", StringComparison.Ordinal)).Select(f => f.Text).ToList();
        files.Add(File.ReadAllText(Path.Combine(Folder(), "guests", name + ".cs")));
        files.Add(patterns);
        var (problems, compilation) = GuestCompiler.Compile(files, emulated: true, assemblyName: "Scenario" + name);
        Assert.True(problems.Count == 0, name + ":\n" + GuestCompiler.Describe(problems));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return new GuestAssembly(name.ToLowerInvariant(), image.ToArray(), built.World!);
    }

    /// <summary>The instances of a run, in the order they are created.</summary>
    public IReadOnlyList<(string Name, GuestAssembly Guest)> Instances => new[] { ("client", Client), ("service", Service), ("provider", Provider) };

    /// <summary>Runs one scenario with definitions.py doing the host's part.</summary>
    public RunOutcome Reference(WitTools.AsyncHost.Reference.ReferenceHost host, string scenario, ulong seed) =>
        host.Run(Instances, "client", "run", new[] { scenario }, seed);

    /// <summary>Runs one scenario on the emulator: client.run(scenario), ticked to the end.</summary>
    public RunOutcome Emulate(string scenario, ulong seed, bool trace = true)
    {
        using var emulator = new Emulator(seed);
        emulator.Store.Trace.Enabled = trace;
        emulator.Add("client", Client);
        emulator.Add("service", Service);
        emulator.Add("provider", Provider);
        emulator.LinkAll();
        return emulator.Run("client", "run", new object?[] { WitTools.AsyncHost.Canon.StringValue.Of(scenario) });
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WitTools.AbiOracle.Probing;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Tests.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Contract;

/// <summary>One world to check: its loaded WIT, the world and the options the bindings are generated with.</summary>
public sealed record ContractCase(string Name, LoadResult Load, WorldId World, GuestOptions Options);

/// <summary>The outcome for one world: what the C# imports and exports, what wit-component made of it, what Wasmtime said.</summary>
public sealed record ContractOutcome(ContractCase Case, CoreModuleContract Contract, WorldBinding Binding, ComponentJob Job, ComponentResult Component, string? WasmtimeError)
{
    public bool Passed => Contract.Conflicts.Count == 0 && Component.Ok && (WasmtimeError is null || WasmtimeSkipped) && ModelDisagreements.Count == 0;

    /// <summary>The component uses a feature Wasmtime 50's C API cannot switch on (fixed-length lists): wit-component checked it, Wasmtime did not.</summary>
    public bool WasmtimeSkipped => WasmtimeError is not null && AsyncComponentCompiler.IsUnavailableFeature(WasmtimeError);

    /// <summary>Core functions the binding model's built-in table and the generated C# disagree on (either direction).</summary>
    public IReadOnlyList<string> ModelDisagreements { get; init; } = Array.Empty<string>();

    public string Describe() =>
        Case.Name + ":\n" +
        string.Join("\n", Contract.Conflicts.Select(c => "  conflict: " + c)) +
        (Component.Ok ? "" : "  wit-component: " + Component.Error + "\n  stub:\n" + Contract.ToWat()) +
        (WasmtimeError is null ? "" : "  wasmtime: " + WasmtimeError) +
        string.Join("", ModelDisagreements.Select(d => "\n  model vs C#: " + d));
}

/// <summary>
/// The contract check (static; no C# runs): generate a world's bindings, read the core imports and exports of the
/// wasm32 C# with Roslyn, write a stub core module with exactly those, let wit-component (jco 1.35) build a component
/// from it and the world's component-type WIT as the linker would, and compile the component with Wasmtime 50 with
/// async on. A wrong module, field name, core signature or missing export fails one of the steps. The built-in table of
/// the binding model must list exactly the functions the C# declares.
/// </summary>
public static class ContractCheck
{
    private static readonly Lazy<AsyncComponentCompiler> s_wasmtime = new(() => new AsyncComponentCompiler());

    public static IReadOnlyList<ContractOutcome> Run(IReadOnlyList<ContractCase> cases)
    {
        var prepared = new List<(ContractCase Case, CoreModuleContract Contract, WorldBinding Binding)>();
        var jobs = new List<ComponentJob>();
        foreach (var @case in cases)
        {
            var resolve = @case.Load.Resolve!;
            var built = BindingBuilder.Build(resolve, @case.World, @case.Options.ToBindingOptions());
            Assert.True(built.Success, @case.Name + ": " + string.Join("\n", built.Diagnostics.Select(d => resolve.SourceMap.RenderLocation(d.Span) + ": " + d.Message)));
            var generated = GuestGenerator.Print(resolve, built.World!, built.Projection!, stubs: false);
            var sources = generated.Files.Where(f => f.Kind is GuestFileKind.Bindings or GuestFileKind.Runtime).Select(f => f.Text);
            var contract = CoreModuleContract.FromSources(sources, GuestCompiler.ReferenceAssemblies);
            string wit = generated.Files.Single(f => f.Kind == GuestFileKind.Wit).Text;
            jobs.Add(new ComponentJob(@case.Name, contract.ToWat(), wit, built.World!.WitName, StringEncodings.EmbedName(@case.Options.StringEncoding)));
            prepared.Add((@case, contract, built.World!));
        }
        string work = Path.Combine(Path.GetTempPath(), "wittools-contract-" + Guid.NewGuid().ToString("N"));
        try
        {
            var components = WitComponentTool.Build(jobs, work);
            var outcomes = new List<ContractOutcome>();
            for (int i = 0; i < prepared.Count; i++)
            {
                var (@case, contract, binding) = prepared[i];
                var component = components[i];
                string? wasmtime = component.Ok ? s_wasmtime.Value.Compile(File.ReadAllBytes(component.ComponentPath)) : null;
                outcomes.Add(new ContractOutcome(@case, contract, binding, jobs[i], component, wasmtime) { ModelDisagreements = CompareWithModel(binding, contract) });
            }
            return outcomes;
        }
        finally
        {
            try
            {
                Directory.Delete(work, true);
            }
            catch (IOException)
            {
                // a leftover temporary folder is harmless
            }
        }
    }

    /// <summary>The model's built-ins against the C#: every import and export of one must be in the other, with the same core types.</summary>
    private static IReadOnlyList<string> CompareWithModel(WorldBinding binding, CoreModuleContract contract)
    {
        static string Key(string module, string name) => module + " " + name;
        var model = binding.Builtins.ToDictionary(
            b => Key(b.IsExport ? "" : b.Module, b.Name),
            b => "(" + string.Join(" ", b.Signature.Params.Select(p => p.Name())) + ") -> (" + string.Join(" ", b.Signature.Results.Select(r => r.Name())) + ")");
        var csharp = contract.Imports.Concat(contract.Exports).ToDictionary(f => Key(f.Module, f.Name), f => f.Signature);
        var problems = new List<string>();
        foreach (var (key, signature) in model)
        {
            if (!csharp.TryGetValue(key, out var declared)) problems.Add("the model lists `" + key + "` " + signature + ", the C# does not declare it");
            else if (declared != signature) problems.Add("`" + key + "`: the model says " + signature + ", the C# " + declared);
        }
        // cabi_realloc belongs to the runtime (one per component), not to a world's table
        if (!csharp.ContainsKey(Key("", "cabi_realloc"))) problems.Add("the C# does not export cabi_realloc");
        foreach (var key in csharp.Keys.Where(k => !model.ContainsKey(k) && k != Key("", "cabi_realloc")))
            problems.Add("the C# declares `" + key + "`, the model does not list it");
        return problems;
    }

    /// <summary>Every world of the main packages of the WIT at <paramref name="path"/>, with <paramref name="options"/>.</summary>
    public static IEnumerable<ContractCase> Worlds(string name, string path, GuestOptions? options = null)
    {
        var load = WitLoader.Load(path, FeatureSet.None);
        Assert.True(load.Success, path + ": " + load.RenderDiagnostics());
        foreach (var package in load.MainPackages)
            foreach (var (worldName, id) in load.Resolve!.Packages[package].Worlds)
                yield return new ContractCase(name + "/" + worldName, load, id, options ?? new GuestOptions());
    }
}

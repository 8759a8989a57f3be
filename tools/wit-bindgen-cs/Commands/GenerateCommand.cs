using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Host;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;
using OptionValidation = WitTools.BindGen.Binding.OptionValidation;

namespace WitTools.Cli.Commands;

/// <summary>`generate [--host] PATH [--world W]... --out DIR`: C# guest bindings for one or several worlds
/// (docs/type-mapping.md), or with `--host` C# host bindings (docs/host-bindings.md). Several worlds are merged (GuestGenerator.Merge): shared interfaces are written
/// once, the runtime once. Files are printed one at a time into a temporary directory and moved into DIR only when
/// everything succeeded (<see cref="OutputDirectory"/>); a large world shows its progress on stderr
/// (<see cref="GenerateProgress"/>).</summary>
internal static class GenerateCommand
{
    /// <summary>The verb; <c>stderrIsTerminal</c> says whether progress rewrites one line (a terminal) or prints plain lines.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr, bool stderrIsTerminal = false)
    {
        var input = new WitInput();
        var world = new Option<string[]>("--world")
        {
            Description = "A world to bind: `name`, `namespace:package/name` or `namespace:package/name@version`; repeat it for several worlds in one output (optional when the package has one world).",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out") { Description = "The directory to write the generated files to.", Required = true };
        var stubs = new Option<bool>("--stubs") { Description = "Also write a skeleton implementation of the exports (bodies throw NotImplementedException)." };
        var ns = new Option<string>("--namespace") { Description = "Root namespace of the generated code (default: Wit)." };
        var mapping = new Option<string>("--result-mapping")
        {
            Description = "How functions returning result<T, E> look: `exceptions` (default: return T, throw WitException<E>) or `result` (return Result<T, E>).",
        };
        var encoding = new Option<string>("--string-encoding")
        {
            Description = "How strings sit in linear memory (the canonical option string-encoding): `utf8` (default), `utf16` or " +
                          "`latin1+utf16` (also `compact-utf16`). Embed the component with the same encoding (wasm-tools component embed --encoding).",
        };

        var host = new Option<bool>("--host")
        {
            Description = "Generate host bindings: a .NET program instantiates a component of the world with Wasmtime and calls it through typed C# (docs/host-bindings.md).",
        };

        var command = new Command("generate", "Generate C# guest bindings (or with --host, host bindings) for a WIT world.");
        command.Options.Add(host);
        input.AddTo(command);
        command.Options.Add(world);
        command.Options.Add(output);
        command.Options.Add(stubs);
        command.Options.Add(ns);
        command.Options.Add(mapping);
        command.Options.Add(encoding);
        command.SetAction(parsed =>
        {
            var clock = Stopwatch.StartNew();
            var validated = OptionValidation.Validate(
                new OptionTexts
                {
                    RootNamespace = parsed.GetValue(ns),
                    ResultMapping = parsed.GetValue(mapping),
                    StringEncoding = parsed.GetValue(encoding),
                    Stubs = parsed.GetValue(stubs),
                },
                Names);
            if (validated.Options is not { } options)
            {
                WitInput.WriteDiagnostics(validated.Diagnostics, new SourceMap(), stderr);
                return ExitCodes.Usage;
            }
            bool hostBindings = parsed.GetValue(host);
            if (hostBindings && (parsed.GetValue(stubs) || parsed.GetValue(encoding) is not null))
            {
                stderr.WriteLine("error: --host cannot be combined with " + (parsed.GetValue(stubs) ? "--stubs (host bindings have nothing to stub: the host implements the imports as C# interfaces)"
                    : "--string-encoding (it is the component's canonical option; host bindings never see the component's memory)"));
                return ExitCodes.Usage;
            }
            var result = input.Load(parsed, stderr);
            if (result is null) return ExitCodes.WitError;
            var selection = WorldSelection.Select(result.Resolve!, result.MainPackages, parsed.GetValue(world) ?? Array.Empty<string>(), "--world");
            if (!selection.Success)
            {
                WitInput.WriteDiagnostics(selection.Diagnostics, result.Sources, stderr);
                return ExitCodes.WitError;
            }
            var worldIds = selection.Worlds;
            var resolve = result.Resolve!;
            int ItemsOf(WorldId id) => resolve.Worlds[id].Imports.Count + resolve.Worlds[id].Exports.Count;
            var progress = GenerateProgress.For(worldIds.Sum(ItemsOf), stderr, stderrIsTerminal, clock);

            var generated = new List<GuestResult>();
            bool failed = false;
            for (int i = 0; i < worldIds.Count; i++)
            {
                var worldId = worldIds[i];
                progress.Binding(WorldSelection.Qualified(resolve, worldId), i, worldIds.Count, ItemsOf(worldId));
                var deprecated = DeprecatedUse.InWorld(resolve, worldId, result.MainPackages);
                // the generators bind the world and return its files unprinted: they are printed as they are written
                var one = hostBindings ? HostGenerator.Generate(resolve, worldId, options) : GuestGenerator.Generate(resolve, worldId, options);
                if (deprecated.Count > 0 || !one.Success) progress.Interrupted();
                WitInput.WriteDiagnostics(deprecated, result.Sources, stderr);
                WitInput.WriteDiagnostics(one.Diagnostics, result.Sources, stderr);
                failed |= !one.Success;
                generated.Add(one);
            }
            if (failed) return ExitCodes.WitError;

            // one world: its files as generated; several: shared interfaces once, one runtime
            IReadOnlyList<GuestFile> files = generated[0].Files;
            if (generated.Count > 1)
            {
                var merged = GuestGenerator.Merge(generated);
                if (!merged.Success) progress.Interrupted();
                // the same format as every other WIT error: the message, then the later world's declaration
                WitInput.WriteDiagnostics(merged.Errors.Select(error => new WitDiagnostic(error.Message,
                    resolve.Worlds[worldIds[error.Index]].Span, code: DiagnosticCodes.Resolution)), result.Sources, stderr);
                if (!merged.Success) return ExitCodes.WitError;
                files = merged.Files;
            }

            string outDir = parsed.GetValue(output)!;
            long bytes;
            try
            {
                progress.Writing(0, files.Count, outDir);
                bytes = OutputDirectory.WriteAll(outDir, files, done => progress.Writing(done, files.Count, outDir));
            }
            catch (OutputException e)
            {
                progress.Interrupted();
                stderr.WriteLine("error: " + e.Message);
                return ExitCodes.OutputError;
            }
            progress.Finished(files.Count, bytes, outDir);
            foreach (var file in files) stdout.WriteLine("wrote " + Path.Combine(outDir, file.Name));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly OptionNames Names = new("--namespace", "--result-mapping", "--string-encoding");
}

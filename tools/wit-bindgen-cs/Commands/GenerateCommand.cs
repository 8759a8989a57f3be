using System;
using System.Collections.Generic;
using System.CommandLine;
using WitTools.WitParser.Diagnostics;
using System.IO;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.Cli.Commands;

/// <summary>`generate PATH [--world W]... --out DIR`: C# guest bindings for one or several worlds
/// (docs/type-mapping.md). Several worlds are merged (GuestGenerator.Merge): shared interfaces are written
/// once, the runtime once. Files are written to a temporary directory and moved into DIR only when
/// everything succeeded.</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new WitInput();
        var world = new Option<string[]>("--world")
        {
            Description = "A world to bind: `name` or `namespace:package/name`; repeat it for several worlds in one output (optional when the package has one world).",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out") { Description = "The directory to write the generated files to.", Required = true };
        var stubs = new Option<bool>("--stubs") { Description = "Also write a skeleton implementation of the exports (bodies throw NotImplementedException)." };
        var ns = new Option<string>("--namespace") { Description = "Root namespace of the generated code (default: Wit).", DefaultValueFactory = _ => "Wit" };
        var mapping = new Option<string>("--result-mapping")
        {
            Description = "How functions returning result<T, E> look: `exceptions` (return T, throw WitException<E>) or `result` (return Result<T, E>).",
            DefaultValueFactory = _ => "exceptions",
        };
        mapping.AcceptOnlyFromAmong("exceptions", "result");
        var encoding = new Option<string>("--string-encoding")
        {
            Description = "How strings sit in linear memory (the canonical option string-encoding): `utf8` (default), `utf16` or " +
                          "`latin1+utf16` (also `compact-utf16`). Embed the component with the same encoding (wasm-tools component embed --encoding).",
            DefaultValueFactory = _ => "utf8",
        };
        encoding.Validators.Add(r =>
        {
            string? text = r.GetValueOrDefault<string>();
            if (!StringEncodings.TryParse(text, out _)) r.AddError(StringEncodings.UnknownMessage(text ?? ""));
        });

        var command = new Command("generate", "Generate C# guest bindings for a WIT world.");
        input.AddTo(command);
        command.Options.Add(world);
        command.Options.Add(output);
        command.Options.Add(stubs);
        command.Options.Add(ns);
        command.Options.Add(mapping);
        command.Options.Add(encoding);
        command.SetAction(parsed =>
        {
            string root = parsed.GetValue(ns) ?? "Wit";
            if (!IsNamespace(root))
            {
                stderr.WriteLine($"error: `{root}` is not a valid C# namespace");
                return ExitCodes.Usage;
            }
            var result = input.Load(parsed, stderr);
            if (result is null) return ExitCodes.WitError;
            var names = parsed.GetValue(world) ?? Array.Empty<string>();
            var worldIds = new List<WorldId>();
            foreach (var name in names.Length == 0 ? new string?[] { null } : names)
            {
                var worldId = FindWorld(result, name, stderr);
                if (worldId is null) return ExitCodes.WitError;
                if (!worldIds.Contains(worldId.Value)) worldIds.Add(worldId.Value);
            }

            var options = new GuestOptions
            {
                RootNamespace = root,
                Stubs = parsed.GetValue(stubs),
                ResultMapping = parsed.GetValue(mapping) == "result" ? ResultMapping.Result : ResultMapping.Exceptions,
            };
            StringEncodings.TryParse(parsed.GetValue(encoding), out var stringEncoding); // validated above
            options.StringEncoding = stringEncoding;
            var generated = new List<GuestResult>();
            bool failed = false;
            foreach (var worldId in worldIds)
            {
                foreach (var warning in DeprecatedUse.InWorld(result.Resolve!, worldId))
                {
                    stderr.WriteLine("warning: " + DiagnosticRenderer.Render(warning, result.Sources));
                }
                var one = GuestGenerator.Generate(result.Resolve!, worldId, options);
                foreach (var error in one.Diagnostics) stderr.WriteLine(DiagnosticRenderer.Render(error, result.Sources));
                failed |= !one.Success;
                generated.Add(one);
            }
            if (failed) return ExitCodes.WitError;

            // one world: its files as generated; several: shared interfaces once, one runtime
            IReadOnlyList<GuestFile> files = generated[0].Files;
            if (generated.Count > 1)
            {
                var merged = GuestGenerator.Merge(generated);
                foreach (var error in merged.Errors) stderr.WriteLine("error: " + error.Message);
                if (!merged.Success) return ExitCodes.WitError;
                files = merged.Files;
            }
            WriteAll(parsed.GetValue(output)!, files);
            foreach (var file in files) stdout.WriteLine("wrote " + Path.Combine(parsed.GetValue(output)!, file.Name));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool IsNamespace(string text) =>
        text.Split('.').All(part => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_'));

    /// <summary>The world named on the command line (plain or package-qualified) among the main packages.</summary>
    private static WorldId? FindWorld(LoadResult result, string? name, TextWriter stderr)
    {
        var resolve = result.Resolve!;
        var candidates = new List<(string Qualified, string Plain, WorldId Id)>();
        foreach (var package in result.MainPackages)
        {
            var pkg = resolve.Packages[package];
            foreach (var kv in pkg.Worlds) candidates.Add((pkg.Name.Namespace + ":" + pkg.Name.Name + "/" + kv.Key, kv.Key, kv.Value));
        }
        if (name is null && candidates.Count == 1) return candidates[0].Id;
        var matches = candidates.Where(c => c.Plain == name || c.Qualified == name || (name is not null && name.StartsWith(c.Qualified + "@", StringComparison.Ordinal))).ToList();
        if (matches.Count == 1) return matches[0].Id;
        string available = candidates.Count == 0 ? "(none)" : string.Join(", ", candidates.Select(c => c.Qualified));
        stderr.WriteLine(name is null
            ? $"error: the package defines several worlds; choose one with --world: {available}"
            : matches.Count == 0 ? $"error: no world named `{name}`; available worlds: {available}"
            : $"error: world `{name}` is ambiguous; use the qualified name: {available}");
        return null;
    }

    /// <summary>Writes into a fresh temporary directory, then moves the files into place, so a failure never
    /// leaves half-written output.</summary>
    private static void WriteAll(string outDir, IReadOnlyList<GuestFile> files)
    {
        string temp = Path.Combine(Path.GetTempPath(), "wit-bindgen-cs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            foreach (var file in files) File.WriteAllText(Path.Combine(temp, file.Name), file.Text);
            Directory.CreateDirectory(outDir);
            foreach (var file in files) File.Copy(Path.Combine(temp, file.Name), Path.Combine(outDir, file.Name), overwrite: true);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}

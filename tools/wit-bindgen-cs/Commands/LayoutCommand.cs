using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.WitParser.Model;

namespace WitTools.Cli.Commands;

/// <summary>
/// `layout PATH [--world W] [--json] [--convention lift|lower]`: canonical-ABI size, alignment, flattening and
/// offsets of every named type, and the core signature of every function.
/// </summary>
internal static class LayoutCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new WitInput();
        var world = new Option<string?>("--world") { Description = "Only this world (`name`, `ns:pkg/name` or `ns:pkg/name@version`) and the interfaces it uses." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var convention = new Option<AbiConvention>("--convention")
        {
            Description = "Core signatures of the lifted export (lift, default) or of the lowered import (lower, with its out-pointer).",
            DefaultValueFactory = _ => AbiConvention.Lift,
            CustomParser = result => result.Tokens.Single().Value.ToLowerInvariant() switch
            {
                "lift" => AbiConvention.Lift,
                "lower" => AbiConvention.Lower,
                var other => Fail(result, other),
            },
        };

        var command = new Command("layout", "Show the canonical-ABI layout of types and the core signatures of functions.");
        input.AddTo(command);
        command.Options.Add(world);
        command.Options.Add(json);
        command.Options.Add(convention);
        command.SetAction(parsed =>
        {
            var result = input.Load(parsed, stderr);
            if (result is null) return ExitCodes.WitError;

            WorldId? worldId = null;
            if (parsed.GetValue(world) is { } name)
            {
                worldId = WorldSelection.Select(result.Resolve!, result.MainPackages, name, "--world", out var diagnostic);
                if (worldId is null)
                {
                    WitInput.WriteDiagnostics(new[] { diagnostic! }, result.Sources, stderr);
                    return ExitCodes.WitError;
                }
            }
            var report = LayoutReport.Create(result.Resolve!, result.MainPackages, worldId, parsed.GetValue(convention));

            // Types the canonical ABI rejects (e.g. flags with more than 32 members) make the whole run fail.
            var invalid = report.Types.Where(t => t.Type.Error is not null).Select(t => $"type `{t.Key}`: {t.Type.Error}")
                .Concat(report.Functions.Where(f => f.Error is not null).Select(f => $"function `{f.Key}`: {f.Error}"))
                .ToList();
            if (invalid.Count > 0)
            {
                foreach (var message in invalid) stderr.WriteLine($"error: {message}");
                stderr.WriteLine("The canonical ABI cannot represent these types; change them in the WIT.");
                return ExitCodes.WitError;
            }

            stdout.WriteLine(parsed.GetValue(json) ? report.ToJson() : report.ToTable());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static AbiConvention Fail(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"unknown convention '{value}': use 'lift' or 'lower'");
        return AbiConvention.Lift;
    }
}

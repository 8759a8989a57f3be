using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using WitTools.LanguageServer.Formatting;
using WitTools.WitParser.Diagnostics;

namespace WitTools.Cli.Commands;

/// <summary>
/// `fmt PATH [--check]`: formats a .wit file, or the .wit files of a package folder (not its deps/), keeping
/// every comment. With --check nothing is written: exit 1 and the names of the files that would change.
/// </summary>
internal static class FmtCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A .wit file, or a package directory (its own .wit files; deps/ is left alone)." };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 listing the files that are not formatted." };
        var command = new Command("fmt", "Format WIT files (whitespace only; every comment is kept).");
        command.Arguments.Add(path);
        command.Options.Add(check);
        command.SetAction(parsed =>
        {
            string target = parsed.GetValue(path)!;
            bool checkOnly = parsed.GetValue(check);
            List<string> files;
            if (Directory.Exists(target))
            {
                files = Directory.EnumerateFiles(target, "*.wit").OrderBy(f => f, StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                {
                    stderr.WriteLine($"no .wit files in {target}");
                    return ExitCodes.WitError;
                }
            }
            else if (File.Exists(target))
            {
                files = new List<string> { target };
            }
            else
            {
                stderr.WriteLine($"failed to read path for WIT [{target}]: No such file or directory (os error 2)");
                return ExitCodes.WitError;
            }

            int exit = ExitCodes.Ok;
            foreach (var file in files)
            {
                string text;
                try
                {
                    text = File.ReadAllText(file, new UTF8Encoding(false, true));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
                {
                    stderr.WriteLine($"failed to read {file}: {e.Message}");
                    exit = ExitCodes.WitError;
                    continue;
                }
                var result = WitFormatter.Format(text, "  ", file);
                if (result.Text == null)
                {
                    stderr.WriteLine(result.Diagnostic != null && result.Sources != null
                        ? "cannot format: " + DiagnosticRenderer.Render(result.Diagnostic, result.Sources)
                        : $"{file}: {result.Error}");
                    exit = ExitCodes.WitError;
                    continue;
                }
                if (result.Text == text) continue;
                if (checkOnly)
                {
                    stdout.WriteLine($"not formatted: {file}");
                    exit = ExitCodes.WitError;
                    continue;
                }
                File.WriteAllText(file, result.Text, new UTF8Encoding(false));
                stdout.WriteLine($"formatted {file}");
            }
            return exit;
        });
        return command;
    }
}

using System;
using System.CommandLine;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.Cli.Commands;

/// <summary>The arguments every WIT-reading verb shares (PATH, --features, --all-features) and the one
/// way they load and report WIT.</summary>
internal sealed class WitInput
{
    public Argument<string> Path { get; } = new("path")
    {
        Description = "A .wit file, or a directory holding one package's .wit files and an optional deps/ folder.",
    };

    public Option<string[]> Features { get; } = new("--features")
    {
        Description = "Enable these @unstable features (comma-separated, may be repeated).",
        // One value per occurrence: `--features a,b PATH` must leave PATH to the argument.
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> AllFeatures { get; } = new("--all-features")
    {
        Description = "Enable every @unstable feature.",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Path);
        command.Options.Add(Features);
        command.Options.Add(AllFeatures);
    }

    public FeatureSet ReadFeatures(ParseResult parsed)
    {
        var names = (parsed.GetValue(Features) ?? Array.Empty<string>())
            .SelectMany(value => value.Split(','))
            .Select(name => name.Trim())
            .Where(name => name.Length > 0);
        return new FeatureSet(names, parsed.GetValue(AllFeatures));
    }

    /// <summary>Loads the input; on WIT errors prints them (the first is the one wit-parser reports) and
    /// returns null.</summary>
    public LoadResult? Load(ParseResult parsed, TextWriter stderr)
    {
        var result = LoadQuietly(parsed, ReadFeatures(parsed));
        WriteDiagnostics(result, stderr);
        return result.Success ? result : null;
    }

    /// <summary>Loads without reporting anything (the caller decides what to do with a failure).</summary>
    public LoadResult LoadQuietly(ParseResult parsed, FeatureSet features) => WitLoader.Load(parsed.GetValue(Path)!, features);

    /// <summary>How many errors (and, separately, warnings) are printed before the rest is summed up in one line.</summary>
    public const int MaxPrintedDiagnostics = 50;

    public static void WriteDiagnostics(LoadResult result, TextWriter stderr) => WriteDiagnostics(result.Diagnostics, result.Sources, stderr);

    /// <summary>The one format of every verb's diagnostics: errors first (the first is the one wit-parser reports,
    /// the others follow in source order), each the message line then <c> --&gt; path:line:col</c> and the source
    /// line when it has a span; then warnings prefixed <c>warning: </c>. Each list stops after
    /// <see cref="MaxPrintedDiagnostics"/> with one "… and N more" line.</summary>
    public static void WriteDiagnostics(IEnumerable<WitDiagnostic> diagnostics, SourceMap sources, TextWriter stderr)
    {
        bool first = true;
        var all = diagnostics.ToList();
        Write(all.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(), "error", "errors");
        Write(all.Where(d => d.Severity != DiagnosticSeverity.Error).ToList(), "warning", "warnings");

        void Write(List<WitDiagnostic> list, string one, string many)
        {
            for (int i = 0; i < list.Count && i < MaxPrintedDiagnostics; i++)
            {
                if (!first) stderr.WriteLine();
                first = false;
                string rendered = DiagnosticRenderer.Render(list[i], sources);
                stderr.WriteLine(list[i].Severity == DiagnosticSeverity.Warning ? "warning: " + rendered : rendered);
            }
            int more = list.Count - MaxPrintedDiagnostics;
            if (more <= 0) return;
            stderr.WriteLine();
            stderr.WriteLine($"… and {more} more {(more == 1 ? one : many)}");
        }
    }
}

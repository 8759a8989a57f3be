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

    public static void WriteDiagnostics(LoadResult result, TextWriter stderr) => WriteDiagnostics(result.Diagnostics, result.Sources, stderr);

    /// <summary>The one format of every verb's diagnostics: errors first, each the message line then
    /// <c> --&gt; path:line:col</c> and the source line when it has a span; warnings prefixed <c>warning: </c>.</summary>
    public static void WriteDiagnostics(IEnumerable<WitDiagnostic> diagnostics, SourceMap sources, TextWriter stderr)
    {
        bool first = true;
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Severity == DiagnosticSeverity.Error ? 0 : 1))
        {
            if (!first) stderr.WriteLine();
            first = false;
            string rendered = DiagnosticRenderer.Render(diagnostic, sources);
            stderr.WriteLine(diagnostic.Severity == DiagnosticSeverity.Warning ? "warning: " + rendered : rendered);
        }
    }
}

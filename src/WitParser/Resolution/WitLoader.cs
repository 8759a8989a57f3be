using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// The public entry point: loads a WIT file, or a package directory with its <c>deps/</c>, into a
/// <see cref="Resolve"/> (wit-parser's <c>Resolve::push_path</c>). Never throws: every problem, including
/// unexpected internal ones, becomes a diagnostic of the result, and errors do not stop the work (see
/// <see cref="LoadResult"/> for what a failed load still holds).
/// </summary>
public static class WitLoader
{
    /// <param name="path">A <c>.wit</c> file or a package directory, printed in messages exactly as given.</param>
    /// <param name="features">The <c>@unstable</c> features to include.</param>
    /// <param name="fileSystem">Where to read from; the real file system by default.</param>
    public static LoadResult Load(string path, FeatureSet features, IWitFileSystem? fileSystem = null) =>
        Load(path, features, fileSystem, null, UnresolvedPackageGroupParser.Parse);

    /// <param name="path">A <c>.wit</c> file or a package directory, printed in messages exactly as given.</param>
    /// <param name="features">The <c>@unstable</c> features to include.</param>
    /// <param name="fileSystem">Where to read from; the real file system when null.</param>
    /// <param name="options">Optional extra work (the symbol index); none when null.</param>
    public static LoadResult Load(string path, FeatureSet features, IWitFileSystem? fileSystem, WitLoadOptions? options) =>
        Load(path, features, fileSystem, options, UnresolvedPackageGroupParser.Parse);

    /// <summary>Loads one WIT text given in memory as if it were the file <paramref name="path"/>.</summary>
    public static LoadResult LoadText(string path, string text, FeatureSet features, WitLoadOptions? options = null) =>
        Load(path, features, new InMemoryWitFileSystem().AddFile(path, text), options);

    internal static LoadResult Load(string path, FeatureSet features, IWitFileSystem? fileSystem, WitLoadOptions? options,
        PackageGroupParser parse)
    {
        options ??= WitLoadOptions.Default;
        var resolve = new Resolve();
        var sources = resolve.SourceMap;
        var errors = new DiagnosticSink();
        var symbols = options.BuildSymbols ? new SymbolCollector(sources) : null;
        var context = new GroupParseContext(symbols, keepSyntax: options.BuildSymbols, parallel: options.Parallel);
        IReadOnlyList<PackageId> mains = Array.Empty<PackageId>();
        IReadOnlyDictionary<PackageId, IReadOnlyList<string>>? packageSources = null;
        bool broken = false;
        try
        {
            (features ?? FeatureSet.None).ApplyTo(resolve);
            var builder = new ResolveBuilder(resolve, errors);
            var loader = new PackageLoader(fileSystem ?? PhysicalWitFileSystem.Instance, sources, builder, parse, errors, context);
            mains = loader.PushPath(path ?? string.Empty);
            packageSources = loader.PackageSources(resolve);
        }
        catch (Exception exception)
        {
            // A bug: report it instead of crashing the caller; what was built may be inconsistent.
            errors.Add(new WitDiagnostic(
                $"internal error: {exception.GetType().Name}: {exception.Message}", Span.Unknown,
                DiagnosticSeverity.Error, DiagnosticCodes.Loading));
            broken = true;
        }

        WitSymbolIndex? index = null;
        if (symbols != null && !broken)
        {
            try
            {
                index = symbols.Build();
            }
            catch (Exception exception)
            {
                errors.Add(new WitDiagnostic($"internal error while indexing symbols: {exception.GetType().Name}: {exception.Message}",
                    Span.Unknown, DiagnosticSeverity.Error, DiagnosticCodes.Loading));
            }
        }
        bool usable = !broken && sources.Files.Count > 0;
        return new LoadResult(usable ? resolve : null, usable ? mains : Array.Empty<PackageId>(), sources, Order(errors.Items),
            packageSources, context.Files, index, errors.StandIns);
    }

    /// <summary>Errors, then warnings. The first error found stays first (it is the one wit-parser reports, the
    /// stages following its order); the others are sorted by position, those without one last.</summary>
    private static IReadOnlyList<WitDiagnostic> Order(IReadOnlyList<WitDiagnostic> diagnostics)
    {
        var errors = new List<(WitDiagnostic Diagnostic, int Index)>();
        var warnings = new List<WitDiagnostic>();
        foreach (var d in diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Error) errors.Add((d, errors.Count));
            else warnings.Add(d);
        }
        var ordered = new List<WitDiagnostic>(diagnostics.Count);
        if (errors.Count > 0)
        {
            ordered.Add(errors[0].Diagnostic);
            var rest = errors.GetRange(1, errors.Count - 1);
            rest.Sort((a, b) =>
            {
                int x = a.Diagnostic.Span.IsKnown ? a.Diagnostic.Span.Start : int.MaxValue;
                int y = b.Diagnostic.Span.IsKnown ? b.Diagnostic.Span.Start : int.MaxValue;
                return x != y ? x.CompareTo(y) : a.Index.CompareTo(b.Index);
            });
            foreach (var (d, _) in rest) ordered.Add(d);
        }
        ordered.AddRange(warnings);
        return ordered;
    }
}

using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// The public entry point: loads a WIT file, or a package directory with its <c>deps/</c>, into a
/// <see cref="Resolve"/> (wit-parser's <c>Resolve::push_path</c>). Never throws: every problem, including
/// unexpected internal ones, becomes a diagnostic of the result.
/// </summary>
public static class WitLoader
{
    /// <param name="path">A <c>.wit</c> file or a package directory, printed in messages exactly as given.</param>
    /// <param name="features">The <c>@unstable</c> features to include.</param>
    /// <param name="fileSystem">Where to read from; the real file system by default.</param>
    public static LoadResult Load(string path, FeatureSet features, IWitFileSystem? fileSystem = null) =>
        Load(path, features, fileSystem, UnresolvedPackageGroupParser.Parse);

    /// <summary>Loads one WIT text given in memory as if it were the file <paramref name="path"/>.</summary>
    public static LoadResult LoadText(string path, string text, FeatureSet features) =>
        Load(path, features, new InMemoryWitFileSystem().AddFile(path, text));

    internal static LoadResult Load(string path, FeatureSet features, IWitFileSystem? fileSystem, PackageGroupParser parse)
    {
        var resolve = new Resolve();
        var sources = resolve.SourceMap;
        var warnings = new List<WitDiagnostic>();
        try
        {
            (features ?? FeatureSet.None).ApplyTo(resolve);
            var builder = new ResolveBuilder(resolve);
            var loader = new PackageLoader(fileSystem ?? PhysicalWitFileSystem.Instance, sources, builder, parse, warnings);
            var mains = loader.PushPath(path ?? string.Empty);
            return new LoadResult(resolve, mains, sources, warnings, loader.PackageSources(resolve));
        }
        catch (ResolutionFailure failure)
        {
            return Failed(sources, failure.Diagnostics, warnings);
        }
        catch (WitException exception)
        {
            return Failed(sources, new[] { exception.Diagnostic }, warnings);
        }
        catch (Exception exception)
        {
            var internalError = new WitDiagnostic(
                $"internal error: {exception.GetType().Name}: {exception.Message}", Span.Unknown,
                DiagnosticSeverity.Error, DiagnosticCodes.Loading);
            return Failed(sources, new[] { internalError }, warnings);
        }
    }

    private static LoadResult Failed(SourceMap sources, IReadOnlyList<WitDiagnostic> errors, List<WitDiagnostic> warnings)
    {
        var all = new List<WitDiagnostic>(errors);
        all.AddRange(warnings);
        return new LoadResult(null, Array.Empty<PackageId>(), sources, all);
    }
}

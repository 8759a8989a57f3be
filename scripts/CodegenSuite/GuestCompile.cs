using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace WitTools.CodegenSuite;

/// <summary>The frameworks generated code must build for: net8.0 (Basic.Reference.Assemblies.Net80) and
/// net10.0 (the SDK's own Microsoft.NETCore.App.Ref pack).</summary>
internal enum Framework
{
    Net8,
    Net10,
}

/// <summary>
/// Compiles generated files in-process with Roslyn, as a project with <c>Nullable=enable</c>,
/// <c>AllowUnsafeBlocks=true</c> and warnings as errors would (the settings of tests/BindGen.Tests'
/// guest compiles: C# 12, every warning level, the target framework's preprocessor symbols, the wasm build
/// rather than the emulated memory). Every warning counts as a failure.
/// </summary>
internal static class GuestCompile
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Net10References = new(LoadNet10);

    public static string Name(Framework framework) => framework == Framework.Net8 ? "net8.0" : "net10.0";

    /// <summary>Every warning and error, most severe first, in source order.</summary>
    public static IReadOnlyList<Diagnostic> Problems(IReadOnlyList<string> files, Framework framework)
    {
        var symbols = framework == Framework.Net8
            ? new[] { "NET", "NET8_0", "NET8_0_OR_GREATER" }
            : new[] { "NET", "NET10_0", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER" };
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12, preprocessorSymbols: symbols);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, Path.GetFileName(f))).ToList();
        var references = framework == Framework.Net8 ? Basic.Reference.Assemblies.Net80.References.All : Net10References.Value;
        var compilation = CSharpCompilation.Create("Generated", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true, warningLevel: 9999));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .OrderByDescending(d => d.Severity)
            .ThenBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();
    }

    /// <summary>`ID file(line,col): message`, the way a build log shows it.</summary>
    public static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        string where = d.Location.IsInSource ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "";
        return $"{d.Id} {where}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static IReadOnlyList<MetadataReference> LoadNet10()
    {
        // the running runtime is dotnet/shared/Microsoft.NETCore.App/<version>/; the packs sit beside it
        string runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string packs = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        string? refDir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).Select(d => Path.Combine(d, "ref", "net10.0")).Where(Directory.Exists)
                .OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (refDir is null) throw new InvalidOperationException($"no net10.0 reference assemblies under {packs} (install the .NET 10 SDK)");
        return Directory.GetFiles(refDir, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}

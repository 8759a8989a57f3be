using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>Loads WIT, generates guest bindings and compiles them with Roslyn against the running
/// runtime's reference assemblies (Nullable on, unsafe allowed, warnings reported).</summary>
internal static class GuestCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>The net10.0 reference assemblies generated code is compiled against.</summary>
    public static IReadOnlyList<MetadataReference> ReferenceAssemblies => References.Value;

    /// <summary>The WASI corpus beside the checkout (fails clearly when it is missing).</summary>
    public static string CorpusRoot => global::WitTools.Tests.Shared.WitCorpus.Root;

    /// <summary>The reference assemblies of the SDK's Microsoft.NETCore.App.Ref pack matching the running
    /// runtime's major version, else the runtime's own assemblies.</summary>
    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        string runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string tfm = "net" + Environment.Version.Major + ".0";
        string? refDir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).Select(d => Path.Combine(d, "ref", tfm)).Where(Directory.Exists).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        var files = refDir is not null
            ? Directory.GetFiles(refDir, "*.dll")
            : Directory.GetFiles(runtimeDir, "*.dll").Where(f => Path.GetFileName(f).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(f) == "netstandard.dll").ToArray();
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }

    public static LoadResult Load(string path)
    {
        var result = WitLoader.Load(path, FeatureSet.None);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result;
    }

    public static IEnumerable<(string Name, WorldId Id)> Worlds(LoadResult result) =>
        result.MainPackages.SelectMany(p => result.Resolve!.Packages[p].Worlds.Select(kv => (result.Resolve!.Packages[p].Name + "/" + kv.Key, kv.Value)));

    /// <summary>The generation errors as "path:line:col: message" lines, the way the CLI locates them.</summary>
    public static IReadOnlyList<string> Errors(GuestResult result, Resolve resolve) =>
        result.Diagnostics.Select(d => resolve.SourceMap.RenderLocation(d.Span) + ": " + d.Message).ToList();

    public static GuestResult Generate(LoadResult load, WorldId world, bool stubs = true, ResultMapping mapping = ResultMapping.Exceptions,
        WitTools.BindGen.Abi.StringEncoding encoding = WitTools.BindGen.Abi.StringEncoding.Utf8)
    {
        var generated = GuestGenerator.Generate(load.Resolve!, world, new GuestOptions { Stubs = stubs, ResultMapping = mapping, StringEncoding = encoding });
        Assert.True(generated.Success, string.Join("\n", Errors(generated, load.Resolve!)));
        return generated;
    }

    /// <summary>Compiles the C# files against the given target's reference assemblies; returns every
    /// warning and error (empty when clean).</summary>
    /// <param name="documentation">Check the XML documentation too (as <c>GenerateDocumentationFile</c> does).</param>
    public static (List<Diagnostic> Problems, CSharpCompilation Compilation) Compile(IEnumerable<string> sources, bool emulated = false,
        string assemblyName = "Generated", Target target = Target.Net10, bool documentation = false)
    {
        // The symbols the SDK defines for the target framework, plus the emulated-memory switch.
        var symbols = new List<string>(target == Target.Net8
            ? new[] { "NET", "NET8_0", "NET8_0_OR_GREATER" }
            : new[] { "NET", "NET10_0", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER" });
        if (emulated) symbols.Add("WIT_EMULATED_MEMORY");
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12, documentation ? DocumentationMode.Diagnose : DocumentationMode.Parse, preprocessorSymbols: symbols);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, "file" + i + ".cs")).ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            target == Target.Net8 ? Basic.Reference.Assemblies.Net80.References.All : References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true, warningLevel: 9999));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (problems, compilation);
    }

    public static string Describe(IEnumerable<Diagnostic> problems, int max = 20) =>
        string.Join("\n", problems.Take(max).Select(d => d.ToString()));
}

/// <summary>Reference assemblies to compile generated code against: net10.0 from the SDK's packs,
/// net8.0 from Basic.Reference.Assemblies.Net80.</summary>
public enum Target
{
    Net10,
    Net8,
}

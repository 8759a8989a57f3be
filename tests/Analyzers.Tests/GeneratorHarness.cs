using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace WitTools.Analyzers.Tests;

/// <summary>A .wit file as the MSBuild targets would hand it to the compiler: path, text, and the
/// AdditionalFiles metadata of its &lt;Wit&gt; item.</summary>
public sealed record WitFile(string Path, string Text, string Root, string World = "", string Namespace = "Demo",
    string ResultMapping = "", string StringEncoding = "", string Features = "", string Bindings = "");

/// <summary>Runs <see cref="WitBindingsGenerator"/> in memory with step tracking, the way the compiler
/// does: a compilation, AdditionalTexts and an analyzer-config options provider.</summary>
public sealed class GeneratorHarness
{
    private readonly Dictionary<string, Dictionary<string, string>> _metadata = new(StringComparer.Ordinal);
    private ImmutableArray<AdditionalText> _texts;

    public GeneratorHarness(params WitFile[] files)
    {
        foreach (var file in files) _metadata[file.Path] = Metadata(file);
        _texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
        Compilation = CSharpCompilation.Create("TestProject",
            new[] { CSharpSyntaxTree.ParseText("namespace User { public static class Program { public static int Main() => 0; } }", ParseOptions, path: "Program.cs") },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        Driver = CSharpGeneratorDriver.Create(
            new[] { new WitBindingsGenerator().AsSourceGenerator() },
            _texts,
            (CSharpParseOptions)Compilation.SyntaxTrees.First().Options,
            new OptionsProvider(_metadata),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Drives the generator the way IDEs do: build-only outputs (<c>RegisterImplementationSourceOutput</c>,
    /// e.g. the build's WIT0202 check) are not run. The default is the command-line compiler, which runs them.</summary>
    public GeneratorHarness AsIde()
    {
        Driver = CSharpGeneratorDriver.Create(
            new[] { new WitBindingsGenerator().AsSourceGenerator() },
            _texts,
            (CSharpParseOptions)Compilation.SyntaxTrees.First().Options,
            new OptionsProvider(_metadata),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.Implementation, trackIncrementalGeneratorSteps: true));
        return this;
    }

    /// <summary>C# latest with the symbols the SDK defines for a net10.0 project (the runtime the tests reference).</summary>
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest)
        .WithPreprocessorSymbols("NET", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER");

    public Compilation Compilation { get; private set; }
    public GeneratorDriver Driver { get; private set; }

    /// <summary>Runs the generator; returns the run result and the compilation with generated sources.</summary>
    public (GeneratorRunResult Result, Compilation Output) Run()
    {
        Driver = Driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out _, CancellationToken.None);
        return (Driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>Adds a user C# file to the compilation.</summary>
    public GeneratorHarness AddCSharp(string path, string text)
    {
        Compilation = Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)Compilation.SyntaxTrees.First().Options, path: path));
        return this;
    }

    /// <summary>Replaces a user C# file.</summary>
    public void ReplaceCSharp(string path, string text)
    {
        var old = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
        Compilation = Compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)old.Options, path: path));
    }

    public void EditCSharp()
    {
        var tree = CSharpSyntaxTree.ParseText("namespace User { internal static class Added { public const int X = 1; } }",
            (CSharpParseOptions)Compilation.SyntaxTrees.First().Options, path: "Added" + Compilation.SyntaxTrees.Count() + ".cs");
        Compilation = Compilation.AddSyntaxTrees(tree);
    }

    public void EditWit(string path, string newText)
    {
        var old = _texts.Single(t => t.Path == path);
        var replacement = new InMemoryAdditionalText(path, newText);
        _texts = _texts.Replace(old, replacement);
        Driver = Driver.ReplaceAdditionalText(old, replacement);
    }

    private static Dictionary<string, string> Metadata(WitFile file)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_metadata.AdditionalFiles.WitRoot"] = file.Root,
            ["build_metadata.AdditionalFiles.WitWorld"] = file.World,
            ["build_metadata.AdditionalFiles.WitNamespace"] = file.Namespace,
            ["build_metadata.AdditionalFiles.WitResultMapping"] = file.ResultMapping,
            ["build_metadata.AdditionalFiles.WitStringEncoding"] = file.StringEncoding,
            ["build_metadata.AdditionalFiles.WitFeatures"] = file.Features,
            ["build_metadata.AdditionalFiles.WitBindings"] = file.Bindings,
        };
        return map;
    }

    /// <summary>The runtime's own assemblies, enough to compile generated bindings.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, Dictionary<string, string>> _metadata;

        public OptionsProvider(Dictionary<string, Dictionary<string, string>> metadata) => _metadata = metadata;

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Fallback" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(_metadata.TryGetValue(textFile.Path, out var map) ? map : new Dictionary<string, string>());
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            if (_values.TryGetValue(key, out var found))
            {
                value = found;
                return true;
            }
            value = null!;
            return false;
        }
    }
}

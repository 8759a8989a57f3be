using WitTools.BindGen.Binding;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WitTools.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using WitTools.Analyzers.Generation;
using WitTools.Analyzers.Models;

namespace WitTools.Analyzers;

/// <summary>
/// Generates C# guest bindings from the <c>.wit</c> files of <c>&lt;Wit&gt;</c> items
/// (docs/source-generator.md). Pipeline, each step tracked by name for the caching tests:
/// <list type="number">
/// <item><see cref="TrackingNames.Files"/>: every AdditionalFile that belongs to a WIT root → (path, text, root options).</item>
/// <item><see cref="TrackingNames.Roots"/>: files grouped per root, sorted (unchanged roots compare equal).</item>
/// <item><see cref="TrackingNames.Generate"/>: resolve + generate one root (cached unless that root changed).</item>
/// <item><see cref="TrackingNames.Diagnostics"/>: each root's diagnostics.</item>
/// <item><see cref="TrackingNames.Merge"/>: the worlds of all roots merged (shared files once, one runtime per
/// namespace, worlds that cannot coexist reported).</item>
/// <item><see cref="TrackingNames.Implementations"/> / <see cref="TrackingNames.UserTypes"/>: facts about user code (WIT0201).</item>
/// <item><see cref="TrackingNames.Completed"/>: the merged sources with a placeholder for each factory nobody wrote.</item>
/// <item><see cref="TrackingNames.Sources"/>: each source, added one by one; <see cref="TrackingNames.Missing"/>: WIT0201.</item>
/// </list>
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class WitBindingsGenerator : IIncrementalGenerator
{
    public static class TrackingNames
    {
        public const string Files = "WitFiles";
        public const string Roots = "WitRoots";
        public const string Generate = "WitGenerate";
        public const string Sources = "WitSources";
        public const string Diagnostics = "WitDiagnostics";
        public const string Merge = "WitMerge";
        public const string Implementations = "WitImplementations";
        public const string UserTypes = "WitUserTypes";
        public const string Completed = "WitCompleted";
        public const string Missing = "WitMissing";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".wit", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadFile(pair.Left, pair.Right, cancellationToken))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.Files);

        var roots = files
            .Collect()
            .SelectMany(static (all, _) => GroupByRoot(all))
            .WithTrackingName(TrackingNames.Roots);

        var outputs = roots
            .Select(static (root, cancellationToken) => RootGenerator.Run(root, cancellationToken))
            .WithTrackingName(TrackingNames.Generate);

        // User code, syntactically and reduced to small facts (WIT0201): which partial methods have an
        // implementing part, and which types name a base type (candidate implementations of a contract).
        var implementations = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => ExportImplementations.IsPartialImplementation(node),
                static (syntax, _) => ExportImplementations.QualifiedMethodName((MethodDeclarationSyntax)syntax.Node))
            .Collect()
            .Select(static (names, _) => ExportImplementations.Distinct(names))
            .WithTrackingName(TrackingNames.Implementations);
        var userTypes = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => ExportImplementations.IsTypeWithBases(node),
                static (syntax, _) => ExportImplementations.DescribeType((TypeDeclarationSyntax)syntax.Node))
            .Collect()
            .Select(static (types, _) => ExportImplementations.Sorted(types))
            .WithTrackingName(TrackingNames.UserTypes);

        var diagnostics = outputs
            .Select(static (output, _) => output.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        // Worlds of all roots merged (shared interfaces once, one runtime per namespace). Cheap: it compares
        // and concatenates texts, while the expensive per-root steps above stay cached.
        var merged = outputs
            .Collect()
            .Select(static (all, _) => RootGenerator.Merge(all))
            .WithTrackingName(TrackingNames.Merge);

        // The WIT steps stay cached on C# edits; only this cheap step sees the set of implementations
        // (WIT0201: a factory nobody wrote becomes a placeholder).
        var completed = merged
            .Combine(implementations)
            .Select(static (pair, _) => ExportImplementations.Complete(pair.Left.Sources, pair.Left.Exports, pair.Right))
            .WithTrackingName(TrackingNames.Completed);
        // One value per source, so an unchanged file is not added again when another root changes.
        var sources = completed
            .SelectMany(static (root, _) => root.Sources)
            .WithTrackingName(TrackingNames.Sources);
        var missing = completed
            .Select(static (root, _) => root.Missing)
            .Combine(userTypes)
            .Select(static (pair, _) => new ValueArray<DiagnosticInfo>(pair.Left.Select(e => ExportImplementations.Missing(e, pair.Right))))
            .WithTrackingName(TrackingNames.Missing);

        // WIT0202 for command-line builds, where the compiler's CS0535/CS0534 stop the build before analyzers run
        // (ContractCheck). Build-only: IDEs skip implementation outputs and show the analyzer's WIT0202 instead.
        var contractCheck = completed
            .Select(static (root, _) => root.Sources)
            .Combine(userTypes)
            .Combine(context.CompilationProvider)
            .Combine(context.ParseOptionsProvider);
        context.RegisterImplementationSourceOutput(contractCheck, static (spc, input) =>
        {
            var (((sources, types), compilation), parseOptions) = input;
            foreach (var diagnostic in ContractCheck.InBuild(compilation, (CSharpParseOptions)parseOptions, sources, types, spc.CancellationToken))
                spc.ReportDiagnostic(diagnostic);
        });

        context.RegisterSourceOutput(merged.Select(static (output, _) => output.Diagnostics), static (spc, list) =>
        {
            foreach (var info in list) spc.ReportDiagnostic(ToDiagnostic(info));
        });
        context.RegisterSourceOutput(sources, static (spc, source) =>
        {
            try
            {
                spc.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8));
            }
            catch (ArgumentException)
            {
                // The merge keeps each name once; a hint name differing only in case would land here.
                spc.ReportDiagnostic(Diagnostic.Create(Descriptor(GeneratorDiagnosticIds.DuplicateOutput, true), Location.None,
                    $"`{source.HintName}` is generated twice; give one <Wit> item another Namespace"));
            }
        });
        context.RegisterSourceOutput(missing, static (spc, list) =>
        {
            foreach (var info in list) spc.ReportDiagnostic(ToDiagnostic(info));
        });
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var info in list) spc.ReportDiagnostic(ToDiagnostic(info));
        });
    }

    /// <summary>Reads one AdditionalFile if the MSBuild targets marked it as part of a WIT root.</summary>
    private static WitSourceFile? ReadFile(AdditionalText text, AnalyzerConfigOptionsProvider provider, CancellationToken cancellationToken)
    {
        var options = provider.GetOptions(text);
        if (!options.TryGetValue(MetadataNames.Root, out var root) || string.IsNullOrWhiteSpace(root)) return null;
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;

        string ns = Get(options, MetadataNames.Namespace);
        if (ns.Length == 0) ns = Get(provider.GlobalOptions, MetadataNames.NamespaceProperty);
        if (ns.Length == 0) ns = Get(provider.GlobalOptions, MetadataNames.RootNamespaceProperty);

        var rootOptions = new WitRootOptions(
            TrimSeparators(root.Trim()),
            Get(options, MetadataNames.World),
            ns,
            Get(options, MetadataNames.ResultMapping),
            Get(options, MetadataNames.StringEncoding),
            Get(options, MetadataNames.Features),
            Get(options, MetadataNames.Bindings));
        return new WitSourceFile(text.Path, content, rootOptions);
    }

    private static string Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && value is not null ? value.Trim() : string.Empty;

    private static string TrimSeparators(string path)
    {
        string trimmed = path.TrimEnd('/', '\\');
        return trimmed.Length == 0 ? path : trimmed;
    }

    /// <summary>One input per root, in a stable order. Files of one root that disagree on options (e.g. the
    /// same file listed by two items) take the options of the first file by path.</summary>
    internal static ImmutableArray<WitRootInput> GroupByRoot(ImmutableArray<WitSourceFile> files)
    {
        var groups = new SortedDictionary<string, List<WitSourceFile>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            string key = file.Options.Root;
            if (!groups.TryGetValue(key, out var list)) groups.Add(key, list = new List<WitSourceFile>());
            list.Add(file);
        }
        var builder = ImmutableArray.CreateBuilder<WitRootInput>(groups.Count);
        foreach (var group in groups.Values)
        {
            var sorted = group.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
            builder.Add(new WitRootInput(sorted[0].Options, new ValueArray<WitSourceFile>(sorted)));
        }
        return builder.MoveToImmutable();
    }

    internal static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var location = info.FilePath is null
            ? Location.None
            : Location.Create(info.FilePath, new TextSpan(info.Start, info.Length),
                new LinePositionSpan(new LinePosition(info.StartLine, info.StartCharacter), new LinePosition(info.EndLine, info.EndCharacter)));
        var properties = info.Properties.Count == 0 ? null
            : info.Properties.ToImmutableDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        return Diagnostic.Create(Descriptor(info.Id, info.IsError), location, properties, info.Message);
    }

    private static readonly Dictionary<(string, bool), DiagnosticDescriptor> Descriptors = new();

    private static DiagnosticDescriptor Descriptor(string id, bool isError)
    {
        lock (Descriptors)
        {
            if (!Descriptors.TryGetValue((id, isError), out var descriptor))
            {
                descriptor = new DiagnosticDescriptor(id, Title(id), "{0}", "WitTools",
                    isError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true,
                    helpLinkUri: null);
                Descriptors.Add((id, isError), descriptor);
            }
            return descriptor;
        }
    }

    private static string Title(string id) => id switch
    {
        "WIT0001" => "WIT syntax error",
        "WIT0002" => "WIT resolution error",
        "WIT0003" => "WIT package error",
        "WIT0004" => "WIT loading error",
        "WIT0005" => "Use of a deprecated WIT item",
        GeneratorDiagnosticIds.WorldSelection => "WIT world not found",
        GeneratorDiagnosticIds.Generation => "WIT bindings cannot be generated",
        GeneratorDiagnosticIds.InvalidOption => "Invalid WIT bindings option",
        GeneratorDiagnosticIds.DuplicateOutput => "WIT worlds cannot share the project",
        GeneratorDiagnosticIds.MissingImplementation => "WIT export has no implementation",
        _ => "WIT bindings generator error",
    };
}

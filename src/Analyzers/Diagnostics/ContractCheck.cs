using WitTools.BindGen.Binding;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WitTools.Analyzers.Models;

namespace WitTools.Analyzers.Diagnostics;

/// <summary>
/// WIT0202 in command-line builds. The compiler reports declaration errors (CS0535 "does not implement interface
/// member", CS0534) and then stops before running analyzers, so <see cref="ExportContractAnalyzer"/> never reports
/// in exactly the builds where a WIT change broke an implementation. The generator therefore runs the same check
/// as a build-only output (<c>RegisterImplementationSourceOutput</c>, which IDEs do not run, so the editor keeps
/// the analyzer's diagnostic alone): over the user's compilation plus the generated bindings, for the user types
/// whose base list could name a contract.
/// </summary>
public static class ContractCheck
{
    public static IEnumerable<Diagnostic> InBuild(Compilation compilation, CSharpParseOptions parseOptions,
        ValueArray<GeneratedSource> sources, ValueArray<UserType> userTypes, CancellationToken cancellationToken)
    {
        if (sources.Count == 0 || userTypes.Count == 0) yield break;
        var generated = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, path: s.HintName, cancellationToken: cancellationToken));
        var withBindings = compilation.AddSyntaxTrees(generated);
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var treesByPath = compilation.SyntaxTrees.GroupBy(t => t.FilePath).ToDictionary(g => g.Key, g => g.First());
        foreach (var userType in userTypes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!treesByPath.TryGetValue(userType.Location.Path, out var tree)) continue;
            var node = tree.GetRoot(cancellationToken).FindNode(new Microsoft.CodeAnalysis.Text.TextSpan(userType.Location.Start, userType.Location.Length))
                .AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (node is null || withBindings.GetSemanticModel(tree).GetDeclaredSymbol(node, cancellationToken) is not { } type || !seen.Add(type)) continue;
            foreach (var diagnostic in ExportContractAnalyzer.Mismatches(type))
            {
                // A diagnostic may only point into the compilation the generator was given.
                if (diagnostic.Location.SourceTree is { } at && !compilation.ContainsSyntaxTree(at)) continue;
                yield return diagnostic;
            }
        }
    }
}

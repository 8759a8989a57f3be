using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace WitTools.Analyzers.Tests.CodeFixes;

/// <summary>Applies a code fix the way an editor does: the user's files and the generated bindings in an
/// <see cref="AdhocWorkspace"/>, the diagnostic from the generator/analyzer run, the first offered action
/// applied; returns the user's files afterwards (to build them again with the generator).</summary>
internal static class CodeFixRunner
{
    private const string GeneratedFolder = "/generated/";

    public static async Task<(string Title, (string Path, string Text)[] Files)> ApplyAsync(CodeFixProvider fix, string diagnosticId, string messageStart,
        params (string Path, string Text)[] files)
    {
        var harness = ExportProject.Harness(files);
        var (diagnostics, output) = ExportProject.Build(harness);
        var diagnostic = diagnostics.First(d => d.Id == diagnosticId && d.GetMessage().StartsWith(messageStart, System.StringComparison.Ordinal));

        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "Shop", "Shop", LanguageNames.CSharp,
            compilationOptions: output.Options, parseOptions: GeneratorHarness.ParseOptions, metadataReferences: GeneratorHarness.References));
        var user = harness.Compilation.SyntaxTrees.ToList();
        foreach (var tree in output.SyntaxTrees)
        {
            bool generated = !user.Any(u => u.FilePath == tree.FilePath);
            string path = generated ? GeneratedFolder + Path.GetFileName(tree.FilePath) : tree.FilePath;
            project = project.AddDocument(Path.GetFileName(path), tree.GetText(), filePath: path).Project;
        }
        // The diagnostic's own file, or (a WIT location) the first user file, as an editor offers fixes for the open document.
        string at = diagnostic.Location.GetLineSpan().Path;
        var document = project.Documents.FirstOrDefault(d => d.FilePath == at) ?? project.Documents.First(d => !d.FilePath!.StartsWith(GeneratedFolder));

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        var chosen = Assert.Single(actions);
        var operations = await chosen.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;

        var result = new List<(string, string)>();
        foreach (var changed in solution.GetProject(project.Id)!.Documents)
        {
            if (changed.FilePath is null || changed.FilePath.StartsWith(GeneratedFolder) || changed.FilePath == "Program.cs") continue;
            result.Add((changed.FilePath, (await changed.GetTextAsync()).ToString()));
        }
        return (chosen.Title, result.ToArray());
    }

    /// <summary>Errors and warnings of the user's files built again with the generator and the analyzer.</summary>
    public static string[] Problems((string Path, string Text)[] files) => ExportProject.Describe(ExportProject.Build(files).Diagnostics);
}

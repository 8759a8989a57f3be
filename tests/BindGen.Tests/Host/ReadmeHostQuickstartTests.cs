using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Host;
using WitTools.BindGen.Tests.Guest;
using WitTools.Tests.Shared;

namespace WitTools.BindGen.Tests.Host;

/// <summary>
/// The README's host quickstart (the C# block after <c>&lt;!-- host-quickstart:csharp --&gt;</c>) is compiled as written,
/// with the host bindings of wit-examples/factorization and the SDK's implicit usings, and run against the WAT component:
/// it prints what its comments say.
/// </summary>
public sealed class ReadmeHostQuickstartTests
{
    private static readonly object Console = new();

    [Fact]
    public void TheHostQuickstartCompilesAndRuns()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var block = Regex.Match(readme, @"<!-- host-quickstart:csharp -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "the README has no host quickstart block");
        string wat = Path.Combine(RepositoryPaths.Root, "examples", "FactorizationService", "factorizer.wat");
        string program = block.Groups["code"].Value.Replace("\"examples/FactorizationService/factorizer.wat\"", "@\"" + wat + "\"");

        var load = GuestCompiler.Load(RepositoryPaths.Example("factorization"));
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var bindings = HostGenerator.Generate(load.Resolve!, id, new GuestOptions());
        const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading.Tasks;";
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = bindings.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(ImplicitUsings).Append(program)
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, parse, "file" + i + ".cs"));
        var compilation = CSharpCompilation.Create("HostQuickstart", trees, GuestCompiler.Compile(Array.Empty<string>()).Compilation.References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));

        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("host-quickstart", isCollectible: true).LoadFromStream(stream);
        var output = new StringWriter();
        lock (Console)
        {
            var original = System.Console.Out;
            System.Console.SetOut(output);
            try
            {
                assembly.EntryPoint!.Invoke(null, new object[] { Array.Empty<string>() });
            }
            finally
            {
                System.Console.SetOut(original);
            }
        }
        var lines = output.ToString().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[]
        {
            "600851475143: 0% starting",
            "600851475143: 100% factored",
            "71 * 839 * 1471 * 6857",
            "PrimePower { Prime = 5, Exponent = 1 }",
        }, lines);
    }
}

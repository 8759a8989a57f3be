using System;
using System.IO;
using System.Text.RegularExpressions;

namespace WitTools.Analyzers.Tests.Packaging;

/// <summary>
/// The README's quickstart, followed literally (issue 11): its <c>nuget.config</c> (only the placeholder path
/// replaced by the freshly packed feed), its project file and its C# sample, with <c>wit/</c> holding
/// wit-examples/factorization, build with zero errors and zero warnings. Then the two ways a WIT change meets old
/// code give WIT0202 in the real `dotnet build` output, beside the compiler's CS0535; a typo in a .wit file gives
/// the WIT error alone, and so do misspelled names (with the name meant).
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackagingCollection.Name)]
public sealed class ReadmeQuickstartTests(PackedBindings packed)
{
    private const string FeedPlaceholder = "/path/to/WitTools/nupkg";

    /// <summary>The fenced block right after <c>&lt;!-- quickstart:NAME --&gt;</c> in README.md, unindented.</summary>
    internal static string Block(string readme, string name)
    {
        var match = Regex.Match(readme, "<!-- quickstart:" + Regex.Escape(name) + @" -->\r?\n( *)```[a-z]*\r?\n(.*?)\r?\n *```", RegexOptions.Singleline);
        Assert.True(match.Success, $"README.md has no `<!-- quickstart:{name} -->` block");
        string indent = match.Groups[1].Value;
        var lines = match.Groups[2].Value.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            lines[i] = lines[i].StartsWith(indent, StringComparison.Ordinal) ? lines[i].Substring(indent.Length) : lines[i].TrimStart();
        return string.Join("\n", lines);
    }

    [Fact]
    public void The_readme_quickstart_builds_without_errors_or_warnings_and_reports_wit0202()
    {
        string readme = File.ReadAllText(Path.Combine(PackedBindings.Repository, "README.md"));
        string nugetConfig = Block(readme, "nuget.config");
        string project = Block(readme, "csproj");
        string csharp = Block(readme, "csharp");
        Assert.Contains(FeedPlaceholder, nugetConfig);
        Assert.Contains($"Include=\"WitTools.Bindings\" Version=\"{packed.Version}\"", project);

        string app = packed.NewDirectory("quickstart");
        File.WriteAllText(Path.Combine(app, "nuget.config"), nugetConfig.Replace(FeedPlaceholder, packed.Feed));
        File.WriteAllText(Path.Combine(app, "MyApp.csproj"), project);
        string code = Path.Combine(app, "Factorizer.cs");
        File.WriteAllText(code, csharp);
        string wit = Path.Combine(app, "wit");
        Directory.CreateDirectory(wit);
        foreach (string file in Directory.GetFiles(global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization"), "*.wit"))
            File.Copy(file, Path.Combine(wit, Path.GetFileName(file)));

        var restore = packed.Restore(app);
        Assert.True(restore.ExitCode == 0, restore.Output);
        var build = PackedBindings.Dotnet(app, "build", "--no-restore");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output);
        Assert.Contains(" 0 Error(s)", build.Output);
        // where the README says the generated code can be read
        Assert.True(File.Exists(Path.Combine(app, "obj", "Debug", "net10.0", "generated", "WitTools.Analyzers",
            "WitTools.Analyzers.WitBindingsGenerator", "MyApp.Wittools.Factorization.Factorize.Exports.cs")), build.Output);

        // The C# changed: IsPrime takes a uint.
        File.WriteAllText(code, csharp.Replace("public bool IsPrime(ulong n)", "public bool IsPrime(uint n)"));
        var csharpChanged = PackedBindings.Dotnet(app, "build", "--no-restore");
        Assert.NotEqual(0, csharpChanged.ExitCode);
        Assert.Contains("error WIT0202: 'bool Factorizer.IsPrime(uint n)' does not match WIT function 'is-prime' of 'wittools:factorization/factorize@0.1.0' (func(n: u64) -> bool): expected 'public bool IsPrime(ulong n)'", csharpChanged.Output);
        Assert.Contains("error CS0535", csharpChanged.Output);
        // the README quotes this message with its location
        var quoted = Regex.Match(readme, @"`(Factorizer\.cs\(\d+,\d+\): error WIT0202: [^`]*)`");
        Assert.True(quoted.Success, "README.md quotes no WIT0202 line");
        Assert.Contains(quoted.Groups[1].Value, csharpChanged.Output);

        // The WIT changed: is-prime takes a u32.
        File.WriteAllText(code, csharp);
        string service = Path.Combine(wit, "service.wit");
        string original = File.ReadAllText(service);
        File.WriteAllText(service, original.Replace("is-prime: func(n: u64) -> bool;", "is-prime: func(n: u32) -> bool;"));
        var witChanged = PackedBindings.Dotnet(app, "build", "--no-restore");
        Assert.NotEqual(0, witChanged.ExitCode);
        Assert.Contains("error WIT0202: 'bool Factorizer.IsPrime(ulong n)' does not match WIT function 'is-prime' of 'wittools:factorization/factorize@0.1.0' (func(n: u32) -> bool): expected 'public bool IsPrime(uint n)'", witChanged.Output);

        // A typo in a .wit file (issue 11 item 4): the WIT error is the build's only error; the bindings of what still
        // resolves are generated, so the C# above does not fail for want of them.
        File.WriteAllText(service, original);
        string types = Path.Combine(wit, "types.wit");
        string originalTypes = File.ReadAllText(types);
        File.WriteAllText(types, originalTypes.Replace("factors: list<prime-power>,", "factors: list<prime-power;"));
        var typo = PackedBindings.Dotnet(app, "build", "--no-restore");
        Assert.NotEqual(0, typo.ExitCode);
        Assert.Contains(Path.Combine("wit", "types.wit") + "(14,34): error WIT0001: expected '>', found ';'", typo.Output);
        Assert.DoesNotContain("error CS", typo.Output);
        Assert.Contains(" 1 Error(s)", typo.Output);

        // Misspelled names (README step 6), in one build: a type, the exported interface and an item keyword. Each is
        // its WIT error with the name meant; the bindings are generated as meant, so no C# error follows.
        File.WriteAllText(types, originalTypes.Replace("factors: list<prime-power>,", "factors: list<prime-powr>,").Replace("enum algorithm", "enm algorithm"));
        File.WriteAllText(service, original.Replace("export factorize;", "export factorise;"));
        var misspelled = PackedBindings.Dotnet(app, "build", "--no-restore");
        Assert.NotEqual(0, misspelled.ExitCode);
        Assert.Contains(Path.Combine("wit", "types.wit") + "(14,23): error WIT0002: type `prime-powr` does not exist; did you mean `prime-power`?", misspelled.Output);
        Assert.Contains(Path.Combine("wit", "service.wit") + "(37,12): error WIT0002: interface or world `factorise` does not exist; did you mean `factorize`?", misspelled.Output);
        Assert.Contains(Path.Combine("wit", "types.wit") + "(34,9): error WIT0001: expected ':', found an identifier; did you mean `enum algorithm`?", misspelled.Output);
        Assert.DoesNotContain("error CS", misspelled.Output);
        Assert.Contains(" 3 Error(s)", misspelled.Output);
    }
}

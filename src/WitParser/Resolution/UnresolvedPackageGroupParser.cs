using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Parsing;
using WitTools.WitParser.Symbols;
using WitTools.WitParser.Syntax;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// The per-package stage (wit-parser's <c>SourceMap::parse</c>): parses the files of one package and
/// resolves the names inside it, giving the main package plus one package per nested
/// <c>package x { ... }</c> block.
/// </summary>
public static class UnresolvedPackageGroupParser
{
    /// <summary>
    /// Parses and resolves <paramref name="files"/> (all from <paramref name="sources"/>) as one package.
    /// Files are processed in path order, as wit-parser does. Every syntax and resolution error goes into
    /// <paramref name="diagnostics"/> (the first is the one wit-parser reports); on any error the result is null.
    /// Never throws on bad input.
    /// </summary>
    public static UnresolvedPackageGroup? Parse(SourceMap sources, IReadOnlyList<SourceFile> files, DiagnosticBag diagnostics)
    {
        var errors = new DiagnosticSink();
        var group = Parse(sources, files, errors, new GroupParseContext(null, keepSyntax: false));
        diagnostics.AddRange(errors.Items);
        return errors.HasErrors ? null : group;
    }

    /// <summary>The loader's form: errors are reported to <paramref name="errors"/> and the group is returned
    /// anyway, holding what resolved (see <see cref="PackageBuilder"/>); the parsed files are added to the context.</summary>
    internal static UnresolvedPackageGroup? Parse(SourceMap sources, IReadOnlyList<SourceFile> files, DiagnosticSink errors,
        GroupParseContext context)
    {
        // Stable sort by path, compared like Rust strings (by UTF-8 bytes, i.e. by code point).
        var sorted = files.OrderBy(f => f.Path, PathComparer.Instance).ToList();
        int size = 0;
        foreach (var file in sorted) size += file.Length;
        var group = new GroupBuilder(sources, errors, context.Symbols, size);
        var (trees, syntaxErrors) = ParseFiles(sorted, context.Parallel && size >= ParallelParseThreshold);
        // File by file, as wit-parser does: its syntax errors, then what pushing it into the package finds.
        for (int i = 0; i < sorted.Count; i++)
        {
            errors.AddRange(syntaxErrors[i].Items);
            context.Files.Add(new ParsedWitFile(sorted[i], context.KeepSyntax ? trees[i] : null, syntaxErrors[i].Items, context.IsDependency));
            group.Push(trees[i]);
        }
        return group.Finish();
    }

    /// <summary>One thread per core at most (the work is all CPU: more threads would only take turns).</summary>
    private static readonly System.Threading.Tasks.ParallelOptions Cores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Runs <paramref name="body"/> for each index below <paramref name="count"/>: on all cores when
    /// <paramref name="parallel"/> and the machine has more than one, else in order on this thread. Each index writes
    /// only its own result slot, so the results are the same either way.</summary>
    internal static void ForEachIndex(int count, bool parallel, Action<int> body)
    {
        if (parallel && Environment.ProcessorCount > 1)
        {
            System.Threading.Tasks.Parallel.For(0, count, Cores, body);
            return;
        }
        for (int i = 0; i < count; i++) body(i);
    }

    /// <summary>A package of at least this many bytes in two or more files is parsed on several threads.</summary>
    internal const int ParallelParseThreshold = 256 * 1024;

    /// <summary>
    /// The syntax tree and syntax errors of each file, in the order given. The files of a package are independent
    /// until they are pushed into it (a parser reads only its own file and keeps its caches per thread), so a large
    /// package's files are parsed on all cores; the results are the same as parsing them one after the other, and
    /// the caller pushes them in order, so the package, its errors and their order do not depend on it.
    /// </summary>
    internal static (SyntaxTree[] Trees, DiagnosticBag[] Errors) ParseFiles(IReadOnlyList<SourceFile> files, bool parallel)
    {
        var trees = new SyntaxTree[files.Count];
        var bags = new DiagnosticBag[files.Count];
        for (int i = 0; i < bags.Length; i++) bags[i] = new DiagnosticBag();
        ForEachIndex(files.Count, parallel && files.Count > 1, i => trees[i] = Parser.Parse(files[i], bags[i]));
        return (trees, bags);
    }

    /// <summary>The resolving half alone, over files parsed already (in path order).</summary>
    internal static UnresolvedPackageGroup? Build(SourceMap sources, IReadOnlyList<SyntaxTree> trees, DiagnosticSink errors,
        SymbolCollector? symbols)
    {
        int size = 0;
        foreach (var tree in trees) size += tree.File.Length;
        var group = new GroupBuilder(sources, errors, symbols, size);
        foreach (var tree in trees) group.Push(tree);
        return group.Finish();
    }

    /// <summary>The main package of a group's files, and one package per nested `package x { … }` block.</summary>
    private sealed class GroupBuilder
    {
        private readonly SourceMap _sources;
        private readonly DiagnosticSink _errors;
        private readonly SymbolCollector? _symbols;
        private readonly PackageBuilder _main;
        private readonly List<UnresolvedPackage> _nested = new();

        public GroupBuilder(SourceMap sources, DiagnosticSink errors, SymbolCollector? symbols, int size)
        {
            _sources = sources;
            _errors = errors;
            _symbols = symbols;
            _main = new PackageBuilder(errors, symbols, size);
        }

        public void Push(SyntaxTree tree) => Guard(_errors, () =>
        {
            // Nested packages are resolved on their own, each as a package of one "file".
            var items = new List<DeclItemSyntax>(tree.Items.Count);
            foreach (var item in tree.Items)
            {
                if (item is NestedPackageSyntax nestedPackage)
                {
                    var builder = new PackageBuilder(_errors, _symbols);
                    builder.Push(nestedPackage.Name, nestedPackage.Items, nestedPackage.Span);
                    _nested.Add(builder.Resolve());
                }
                else
                {
                    items.Add(item);
                }
            }
            _main.Push(tree.Package, items);
        });

        public UnresolvedPackageGroup? Finish()
        {
            UnresolvedPackage? mainPackage = null;
            if (!Guard(_errors, () => mainPackage = _main.Resolve())) return null;
            var group = new UnresolvedPackageGroup(mainPackage!, _sources);
            group.Nested.AddRange(_nested);
            return group;
        }
    }

    /// <summary>Runs a step, turning an unexpected exception (a bug) into a diagnostic; false when one happened.</summary>
    private static bool Guard(DiagnosticSink errors, Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (Exception e)
        {
            errors.Add(new WitDiagnostic("internal error while resolving package: " + e.Message, Span.Unknown,
                DiagnosticSeverity.Error, DiagnosticCodes.Resolution));
            return false;
        }
    }

    /// <summary>Orders strings by Unicode code point (UTF-16 ordinal order differs above U+D7FF).</summary>
    private sealed class PathComparer : IComparer<string>
    {
        public static readonly PathComparer Instance = new();

        public int Compare(string? a, string? b)
        {
            a ??= string.Empty;
            b ??= string.Empty;
            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                int x = CodePoint(a, ref i);
                int y = CodePoint(b, ref j);
                if (x != y) return x < y ? -1 : 1;
            }
            return (a.Length - i).CompareTo(b.Length - j);
        }

        private static int CodePoint(string s, ref int index)
        {
            char c = s[index++];
            if (char.IsHighSurrogate(c) && index < s.Length && char.IsLowSurrogate(s[index]))
            {
                return char.ConvertToUtf32(c, s[index++]);
            }
            return c;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Parsing;
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
    /// Files are processed in path order, as wit-parser does. Syntax errors of every file and the first
    /// resolution error go into <paramref name="diagnostics"/>; on any error the result is null.
    /// Never throws on bad input.
    /// </summary>
    public static UnresolvedPackageGroup? Parse(SourceMap sources, IReadOnlyList<SourceFile> files, DiagnosticBag diagnostics)
    {
        // Stable sort by path, compared like Rust strings (by UTF-8 bytes, i.e. by code point).
        var sorted = files.OrderBy(f => f.Path, PathComparer.Instance).ToList();

        var main = new PackageBuilder();
        var nested = new List<UnresolvedPackage>();
        bool failed = false;
        foreach (var file in sorted)
        {
            var fileDiagnostics = new DiagnosticBag();
            SyntaxTree? tree = null;
            bool parsed = Guard(fileDiagnostics, () => tree = Parser.Parse(file, fileDiagnostics));
            diagnostics.AddRange(fileDiagnostics.Items);
            if (!parsed || fileDiagnostics.HasErrors) failed = true;
            // After the first error only syntax errors of later files are still collected.
            if (failed || tree == null) continue;

            var syntax = tree;
            if (!Guard(diagnostics, () =>
                {
                    // Nested packages are resolved on their own, each as a package of one "file".
                    var items = new List<DeclItemSyntax>(syntax.Items.Count);
                    foreach (var item in syntax.Items)
                    {
                        if (item is NestedPackageSyntax nestedPackage)
                        {
                            var builder = new PackageBuilder();
                            builder.Push(nestedPackage.Name, nestedPackage.Items);
                            nested.Add(builder.Resolve());
                        }
                        else
                        {
                            items.Add(item);
                        }
                    }
                    main.Push(syntax.Package, items);
                }))
            {
                failed = true;
            }
        }
        if (failed) return null;

        UnresolvedPackage? mainPackage = null;
        if (!Guard(diagnostics, () => mainPackage = main.Resolve())) return null;

        var group = new UnresolvedPackageGroup(mainPackage!, sources);
        group.Nested.AddRange(nested);
        return group;
    }

    /// <summary>Runs a step, turning its error (or an unexpected exception) into a diagnostic; false on error.</summary>
    private static bool Guard(DiagnosticBag diagnostics, Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (WitException e)
        {
            diagnostics.Add(e.Diagnostic);
            return false;
        }
        catch (Exception e)
        {
            // A bug in this stage: report it instead of crashing the caller.
            diagnostics.Add(new WitDiagnostic("internal error while resolving package: " + e.Message, Span.Unknown,
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

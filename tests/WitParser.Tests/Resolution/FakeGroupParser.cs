using System;
using System.Collections.Generic;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>
/// A stand-in for the real WIT parser so the loader can be tested on its own. Each line of a file is one
/// directive: <c>package ns:name[@version]</c>, <c>nested ns:name</c> (a nested package; following
/// directives apply to it until the next <c>package</c>/<c>nested</c>), <c>interface name</c>,
/// <c>uses ns:name/iface</c> (a foreign interface) or <c>error text</c>.
/// </summary>
internal static class FakeGroupParser
{
    public static readonly List<string> Calls = new();

    public static UnresolvedPackageGroup? Parse(SourceMap sources, IReadOnlyList<SourceFile> files, DiagnosticSink errors,
        GroupParseContext context)
    {
        var diagnostics = new DiagnosticBag();
        var group = ParseInto(sources, files, diagnostics);
        errors.AddRange(diagnostics.Items);
        return group;
    }

    private static UnresolvedPackageGroup? ParseInto(SourceMap sources, IReadOnlyList<SourceFile> files, DiagnosticBag diagnostics)
    {
        var paths = new List<string>();
        foreach (var f in files) paths.Add(f.Path);
        lock (Calls) Calls.Add(string.Join(",", paths));

        UnresolvedPackage? main = null;
        var nested = new List<UnresolvedPackage>();
        foreach (var file in files)
        {
            UnresolvedPackage? current = main;
            var pending = new List<(string Directive, string Arg, Span Span)>();
            int offset = 0;
            foreach (var rawLine in file.Text.Split('\n'))
            {
                string line = rawLine.TrimEnd('\r');
                int space = line.IndexOf(' ');
                if (space > 0)
                {
                    string directive = line.Substring(0, space);
                    string arg = line.Substring(space + 1).Trim();
                    int argStart = file.Offset + offset + space + 1;
                    var span = new Span(argStart, argStart + arg.Length);
                    switch (directive)
                    {
                        case "package":
                            if (main == null) main = new UnresolvedPackage(ParseName(arg)) { PackageNameSpan = span };
                            current = main;
                            break;
                        case "nested":
                            current = new UnresolvedPackage(ParseName(arg)) { PackageNameSpan = span };
                            nested.Add(current);
                            break;
                        case "error":
                            diagnostics.Error(arg, span);
                            break;
                        default:
                            if (current == null) throw new InvalidOperationException("directive before package");
                            Apply(current, directive, arg, span);
                            break;
                    }
                }
                offset += rawLine.Length + 1;
            }
        }
        if (diagnostics.HasErrors) return null;
        if (main == null)
        {
            diagnostics.Error("no `package` header was found in any WIT file for this package", Span.Unknown);
            return null;
        }
        var group = new UnresolvedPackageGroup(main, sources);
        group.Nested.AddRange(nested);
        return group;
    }

    private static void Apply(UnresolvedPackage package, string directive, string arg, Span span)
    {
        switch (directive)
        {
            case "interface":
                package.Interfaces.Alloc(new Interface(arg) { Span = span });
                break;
            case "uses":
            {
                // Foreign interfaces must precede local ones in the arena.
                int slash = arg.IndexOf('/');
                var name = ParseName(arg.Substring(0, slash));
                string iface = arg.Substring(slash + 1);
                if (!package.ForeignDeps.TryGetValue(name, out var items))
                {
                    items = new OrderedMap<string, ForeignDependency>();
                    package.ForeignDeps.Add(name, items);
                    package.ForeignDepSpans.Add(new Span(span.Start, span.Start + slash));
                }
                if (!items.TryGetValue(iface, out var dep))
                {
                    var id = package.Interfaces.Alloc(new Interface(iface) { Span = new Span(span.Start + slash + 1, span.End) });
                    dep = new ForeignDependency(AstItem.OfInterface(id));
                    items.Add(iface, dep);
                }
                dep.Stabilities.Add(Stability.Unknown);
                break;
            }
            default:
                throw new InvalidOperationException("unknown directive " + directive);
        }
    }

    public static PackageName ParseName(string text)
    {
        int colon = text.IndexOf(':');
        int at = text.IndexOf('@');
        string ns = text.Substring(0, colon);
        string name = at < 0 ? text.Substring(colon + 1) : text.Substring(colon + 1, at - colon - 1);
        return new PackageName(ns, name, at < 0 ? null : SemVersion.Parse(text.Substring(at + 1)));
    }
}

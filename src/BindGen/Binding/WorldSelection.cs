using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Lexing;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

/// <summary>The worlds a <see cref="WorldSelection"/> picked, and what went wrong (nothing picked for a name
/// that has a diagnostic).</summary>
public sealed class WorldSelectionResult
{
    internal WorldSelectionResult(IReadOnlyList<WorldId> worlds, IReadOnlyList<WitDiagnostic> diagnostics)
    {
        Worlds = worlds;
        Diagnostics = diagnostics;
    }

    /// <summary>The selected worlds, each once, in the order they were named.</summary>
    public IReadOnlyList<WorldId> Worlds { get; }

    /// <summary>One error per name that selects no world (or for the missing choice), code
    /// <see cref="WorldSelection.DiagnosticCode"/>.</summary>
    public IReadOnlyList<WitDiagnostic> Diagnostics { get; }

    public bool Success => Diagnostics.Count == 0;
}

/// <summary>
/// The one rule that turns what a user typed (<c>--world</c> of every CLI verb, the <c>World</c> metadata of
/// a <c>&lt;Wit&gt;</c> item) into worlds of a resolved WIT:
/// <list type="bullet">
/// <item>no name: the only world of the main packages (an error when they define none or several);</item>
/// <item><c>name</c>: the world of that name in the main packages (an error when two main packages have one);</item>
/// <item><c>ns:pkg/name</c>: the world in package <c>ns:pkg</c>, which may be a dependency; when the WIT
/// holds several versions of the package, the unversioned one, else an error asking for the version;</item>
/// <item><c>ns:pkg/name@version</c>: exactly that version of the package (an error naming the versions the
/// WIT has otherwise; never another version).</item>
/// </list>
/// The rules follow wit-parser's <c>select_world</c>, except that a plain name is also found when the WIT has
/// several main packages (it is an error only when more than one defines it).
/// </summary>
public static class WorldSelection
{
    /// <summary>The code of every world-selection error.</summary>
    public const string DiagnosticCode = "WIT0100";

    /// <summary>Selects the worlds <paramref name="names"/> name (none: the only world).</summary>
    /// <param name="mainPackages">The packages the user's WIT defines (not its dependencies).</param>
    /// <param name="howToChoose">How the user names a world where this runs, for messages: <c>--world</c>, or
    /// <c>World="..." on the &lt;Wit&gt; item</c>.</param>
    public static WorldSelectionResult Select(Resolve resolve, IReadOnlyList<PackageId> mainPackages, IReadOnlyList<string> names, string howToChoose)
    {
        var worlds = new List<WorldId>();
        var diagnostics = new List<WitDiagnostic>();
        var requested = names.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        if (requested.Count == 0)
        {
            if (Only(resolve, mainPackages, howToChoose, out var diagnostic) is { } only) worlds.Add(only);
            else diagnostics.Add(diagnostic!);
        }
        foreach (var name in requested)
        {
            if (One(resolve, mainPackages, name, out var diagnostic) is { } world)
            {
                if (!worlds.Contains(world)) worlds.Add(world);
            }
            else
            {
                diagnostics.Add(diagnostic!);
            }
        }
        return new WorldSelectionResult(worlds, diagnostics);
    }

    /// <summary>Selects the world <paramref name="name"/> names (null or blank: the only world).</summary>
    public static WorldId? Select(Resolve resolve, IReadOnlyList<PackageId> mainPackages, string? name, string howToChoose, out WitDiagnostic? diagnostic)
    {
        var result = Select(resolve, mainPackages, name is null ? Array.Empty<string>() : new[] { name }, howToChoose);
        diagnostic = result.Diagnostics.FirstOrDefault();
        return result.Success ? result.Worlds[0] : null;
    }

    /// <summary>Parses <c>name</c>, <c>ns:pkg/name</c> or <c>ns:pkg/name@version</c>; null when the text is none of them.</summary>
    public static WorldName? Parse(string text)
    {
        string trimmed = text.Trim();
        int slash = trimmed.IndexOf('/');
        if (slash < 0) return IsIdentifier(trimmed) ? new WorldName(null, null, Unescape(trimmed), null) : null;

        string package = trimmed.Substring(0, slash);
        string rest = trimmed.Substring(slash + 1);
        int colon = package.IndexOf(':');
        if (colon <= 0) return null;
        string ns = package.Substring(0, colon);
        string pkg = package.Substring(colon + 1);
        SemVersion? version = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            if (!SemVersion.TryParse(rest.Substring(at + 1), out version)) return null;
            rest = rest.Substring(0, at);
        }
        return IsIdentifier(ns) && IsIdentifier(pkg) && IsIdentifier(rest) ? new WorldName(Unescape(ns), Unescape(pkg), Unescape(rest), version) : null;
    }

    // ------------------------------------------------------------------ rules

    private static WorldId? Only(Resolve resolve, IReadOnlyList<PackageId> mains, string howToChoose, out WitDiagnostic? diagnostic)
    {
        diagnostic = null;
        var available = Available(resolve, mains);
        if (available.Count == 1) return available[0];
        diagnostic = available.Count == 0
            ? Error(mains.Count == 0 ? "the WIT defines no package, so there is no world to generate bindings for"
                : $"{Describe(resolve, mains)} defines no world, so there is nothing to generate bindings for; add a `world` to the WIT", Span.Unknown)
            : Error($"{Describe(resolve, mains)} defines several worlds; choose one with {howToChoose}; {AvailableText(resolve, available)}", Span.Unknown);
        return null;
    }

    private static WorldId? One(Resolve resolve, IReadOnlyList<PackageId> mains, string text, out WitDiagnostic? diagnostic)
    {
        diagnostic = null;
        var available = Available(resolve, mains);
        if (Parse(text) is not { } name)
        {
            diagnostic = Error($"`{text}` is not a world name: write `name`, `namespace:package/name` or `namespace:package/name@version`; {AvailableText(resolve, available)}", Span.Unknown);
            return null;
        }

        if (name.Namespace is null)
        {
            var matches = available.Where(id => resolve.Worlds[id].Name == name.Name).ToList();
            if (matches.Count == 1) return matches[0];
            diagnostic = matches.Count == 0
                ? Error($"world `{name.Name}` not found in {Describe(resolve, mains)}; {AvailableText(resolve, available)}", Span.Unknown)
                : Error($"world name `{name.Name}` is ambiguous: {string.Join(" and ", matches.Select(id => Qualified(resolve, id)))}; use the qualified name",
                    resolve.Worlds[matches[1]].Span);
            return null;
        }

        string packageText = name.Namespace + ":" + name.Package;
        var versions = Enumerable.Range(0, resolve.Packages.Count)
            .Select(i => resolve.Packages.IdAt(i))
            .Where(id => resolve.Packages[id].Name.Namespace == name.Namespace && resolve.Packages[id].Name.Name == name.Package)
            .ToList();
        PackageId? chosen = null;
        if (name.Version is not null)
        {
            var exact = versions.Where(id => Equals(resolve.Packages[id].Name.Version, name.Version)).ToList();
            if (exact.Count > 0)
            {
                chosen = exact[0];
            }
            else
            {
                diagnostic = versions.Count == 0
                    ? Error($"world `{text}` not found: the WIT has no package `{packageText}`; {AvailableText(resolve, available)}", Span.Unknown)
                    : Error($"world `{text}` not found: the WIT has {VersionsText(resolve, versions)} of `{packageText}`, not {name.Version}; {AvailableText(resolve, WorldsNamed(resolve, versions, name.Name))}", Span.Unknown);
                return null;
            }
        }
        else if (versions.Count == 1)
        {
            chosen = versions[0];
        }
        else if (versions.Where(id => resolve.Packages[id].Name.Version is null).ToList() is { Count: > 0 } unversioned)
        {
            chosen = unversioned[0];
        }
        else if (versions.Count == 0)
        {
            diagnostic = Error($"world `{text}` not found: the WIT has no package `{packageText}`; {AvailableText(resolve, available)}", Span.Unknown);
            return null;
        }
        else
        {
            var candidates = WorldsNamed(resolve, versions, name.Name).Select(id => Qualified(resolve, id)).ToList();
            diagnostic = Error($"world `{text}` is ambiguous: the WIT has {VersionsText(resolve, versions)} of `{packageText}`; add the version"
                + (candidates.Count == 0 ? "" : ": " + string.Join(" or ", candidates)), Span.Unknown);
            return null;
        }

        var package = resolve.Packages[chosen.Value];
        if (package.Worlds.TryGetValue(name.Name, out var world)) return world;
        diagnostic = Error($"world `{name.Name}` not found in package `{package.Name}`; {AvailableText(resolve, package.Worlds.Values.ToList())}", Span.Unknown);
        return null;
    }

    // ------------------------------------------------------------------ helpers

    private static List<WorldId> Available(Resolve resolve, IReadOnlyList<PackageId> mains) =>
        mains.Where(resolve.Packages.Contains).SelectMany(id => resolve.Packages[id].Worlds.Values).ToList();

    private static List<WorldId> WorldsNamed(Resolve resolve, IEnumerable<PackageId> packages, string name) =>
        packages.Select(id => resolve.Packages[id].Worlds.TryGetValue(name, out var w) ? (WorldId?)w : null)
            .Where(w => w is not null).Select(w => w!.Value).ToList();

    /// <summary><c>ns:pkg/world@version</c>, as users write it.</summary>
    public static string Qualified(Resolve resolve, WorldId id)
    {
        var world = resolve.Worlds[id];
        return world.Package is { } package ? resolve.IdOfName(package, world.Name) : world.Name;
    }

    /// <summary>How many worlds an error lists before it sums up the rest (a generated package can define hundreds).</summary>
    public const int MaxListedWorlds = 10;

    private static string AvailableText(Resolve resolve, IReadOnlyList<WorldId> worlds)
    {
        if (worlds.Count == 0) return "the WIT defines no world there";
        string listed = string.Join(", ", worlds.Take(MaxListedWorlds).Select(id => Qualified(resolve, id)));
        int more = worlds.Count - MaxListedWorlds;
        return "available worlds: " + listed + (more > 0 ? $" and {more} more" : "");
    }

    private static string Describe(Resolve resolve, IReadOnlyList<PackageId> mains) =>
        mains.Count == 1 ? "package `" + resolve.Packages[mains[0]].Name + "`"
            : "packages " + string.Join(", ", mains.Select(id => "`" + resolve.Packages[id].Name + "`"));

    private static string VersionsText(Resolve resolve, IReadOnlyList<PackageId> versions)
    {
        var texts = versions.Select(id => resolve.Packages[id].Name.Version?.ToString() ?? "an unversioned copy").ToList();
        return (texts.Count == 1 ? "version " : "versions ") + string.Join(" and ", texts);
    }

    private static WitDiagnostic Error(string message, Span span) => new(message, span, DiagnosticSeverity.Error, DiagnosticCode);

    /// <summary>WIT's `%name` spells a keyword as a name; the model stores it without the `%`.</summary>
    private static string Unescape(string identifier) => identifier.StartsWith("%", StringComparison.Ordinal) ? identifier.Substring(1) : identifier;

    /// <summary>A WIT identifier (an optional leading `%`), by the front end's rule: kebab-case words of ASCII letters
    /// and digits, the first starting with a letter (<c>world-9</c> is a name).</summary>
    private static bool IsIdentifier(string text)
    {
        string word = text.StartsWith("%", StringComparison.Ordinal) ? text.Substring(1) : text;
        return IdentifierRules.Validate(word) is null;
    }
}

/// <summary>A parsed world name: <see cref="Namespace"/> and <see cref="Package"/> are null for a plain name.</summary>
public sealed class WorldName
{
    public WorldName(string? @namespace, string? package, string name, SemVersion? version)
    {
        Namespace = @namespace;
        Package = package;
        Name = name;
        Version = version;
    }

    public string? Namespace { get; }
    public string? Package { get; }
    public string Name { get; }
    public SemVersion? Version { get; }
}

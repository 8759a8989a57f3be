using System;
using System.Collections.Generic;
using System.Linq;

namespace WitTools.BindGen.Guest;

using WitTools.BindGen.Binding;

/// <summary>A problem found while merging worlds: the message, and which input it belongs to (the later of
/// the two worlds that cannot coexist), so a caller can locate it.</summary>
public sealed class GuestMergeError
{
    public GuestMergeError(int index, string message)
    {
        Index = index;
        Message = message;
    }

    /// <summary>Index into the list given to <see cref="GuestGenerator.Merge"/>.</summary>
    public int Index { get; }
    public string Message { get; }
}

/// <summary>The files of several worlds as one set, and why some worlds were left out.</summary>
public sealed class GuestMergeResult
{
    public GuestMergeResult(IReadOnlyList<GuestFile> files, IReadOnlyList<GuestMergeError> errors)
    {
        Files = files;
        Errors = errors;
    }

    /// <summary>Each file once; one <c>WitRuntime.cs</c> per root namespace (see <see cref="GuestFile.RootNamespace"/>).</summary>
    public IReadOnlyList<GuestFile> Files { get; }
    public IReadOnlyList<GuestMergeError> Errors { get; }
    public bool Success => Errors.Count == 0;
}

public static partial class GuestGenerator
{
    /// <summary>
    /// Combines the bindings of several worlds (<see cref="Generate"/> results, possibly from different
    /// <c>Resolve</c>s) so that they compile together: a file two worlds generate (the same interface, by
    /// the same name in the same root namespace) is kept once; the runtime is generated once per root
    /// namespace from the union of the worlds' <see cref="GuestResult.Runtime"/>, and only the first
    /// namespace (ordinal order) exports <c>cabi_realloc</c>. Worlds that cannot coexist are reported, naming
    /// both, and the later one is left out: different options in one namespace, different text under one
    /// file name (e.g. two versions of a package, or an interface with resources imported by one world and
    /// exported by the other), or the same core export (a component exports each name once). Results that
    /// failed are skipped. Of two resolved-WIT files (<see cref="GuestFileKind.Wit"/>) with one name the first
    /// is kept. Never throws.
    /// </summary>
    public static GuestMergeResult Merge(IReadOnlyList<GuestResult> worlds)
    {
        var errors = new List<GuestMergeError>();
        var files = new List<GuestFile>();
        var fileIndex = new Dictionary<(string Namespace, string Name), (GuestFile File, int Owner)>();
        var options = new Dictionary<string, (string Key, int Owner)>(StringComparer.Ordinal);
        var runtimes = new SortedDictionary<string, RuntimeFeatures>(StringComparer.Ordinal);
        var exports = new Dictionary<string, int>(StringComparer.Ordinal);

        string Name(int i) => "`" + (worlds[i].World.Length > 0 ? worlds[i].World : "#" + i) + "`";

        for (int i = 0; i < worlds.Count; i++)
        {
            var world = worlds[i];
            if (!world.Success) continue;
            string ns = world.RootNamespace;

            if (options.TryGetValue(ns, out var other) && other.Key != world.OptionsKey)
            {
                errors.Add(new GuestMergeError(i,
                    $"worlds {Name(other.Owner)} and {Name(i)} are generated into the namespace `{ns}` with different options ({other.Key} and {world.OptionsKey}); generate them into different namespaces"));
                continue;
            }

            var clash = world.EntryPoints.Where(exports.ContainsKey).ToList();
            if (clash.Count > 0)
            {
                foreach (var group in clash.GroupBy(e => exports[e]))
                {
                    string more = group.Count() > 1 ? $" (and {group.Count() - 1} more)" : "";
                    errors.Add(new GuestMergeError(i,
                        $"worlds {Name(group.Key)} and {Name(i)} both export `{group.First()}`{more}; a component exports each name once: generate only one of the worlds that export it"));
                }
                continue;
            }

            var differing = new List<(GuestFile File, int Owner)>();
            foreach (var file in world.Files)
            {
                // the resolved WIT is not compiled; of two by one name the first is kept
                if (file.Kind is GuestFileKind.Runtime or GuestFileKind.Wit) continue;
                if (fileIndex.TryGetValue((file.RootNamespace, file.Name), out var existing) && existing.File.Text != file.Text) differing.Add((file, existing.Owner));
            }
            if (differing.Count > 0)
            {
                foreach (var group in differing.GroupBy(d => d.Owner))
                {
                    string more = group.Count() > 1 ? $" (and {group.Count() - 1} more files)" : "";
                    errors.Add(new GuestMergeError(i,
                        $"worlds {Name(group.Key)} and {Name(i)} need different code for `{group.First().File.Name}`{more} in the namespace `{ns}` "
                        + "(e.g. they use different versions of one package, or one imports and the other exports an interface with resources); generate them into different namespaces"));
                }
                continue;
            }

            options[ns] = (world.OptionsKey, options.TryGetValue(ns, out var first) ? first.Owner : i);
            foreach (var entry in world.EntryPoints) exports[entry] = i;
            if (!runtimes.TryGetValue(ns, out var features)) runtimes.Add(ns, features = new RuntimeFeatures());
            features.UnionWith(world.Runtime);
            foreach (var file in world.Files)
            {
                if (file.Kind == GuestFileKind.Runtime || fileIndex.ContainsKey((file.RootNamespace, file.Name))) continue;
                fileIndex.Add((file.RootNamespace, file.Name), (file, i));
                files.Add(file);
            }
        }

        bool firstNamespace = true;
        foreach (var pair in runtimes)
        {
            files.Add(new GuestFile("WitRuntime.cs", GuestRuntime.Text(pair.Key, pair.Value, exportRealloc: firstNamespace), GuestFileKind.Runtime, pair.Key));
            firstNamespace = false;
        }
        return new GuestMergeResult(files, errors);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WitTools.Analyzers.Generation;

namespace WitTools.Analyzers.Tasks;

/// <summary>
/// The WIT roots of a componentize-dotnet project, from the <c>&lt;Wit&gt;</c> items WitTools.Bindings took over.
/// componentize-dotnet's props add every <c>*.wit</c> and <c>wit/*.wit</c> file as an item of its own (its
/// wit-bindgen reads one file per item), while a <c>&lt;Wit&gt;</c> item is a WIT root here. So:
/// <list type="bullet">
/// <item>a directory item is a root, as always, and a file item inside one of them is dropped (the directory
/// has it, with its <c>deps/</c>);</item>
/// <item>the <c>.wit</c> file items directly in the project's <c>wit/</c> folder become the one root <c>wit/</c> (a folder
/// is one package, as wasm-tools reads it), with the worlds all of them name and the other metadata they agree
/// on;</item>
/// <item>any other file item (a <c>.wit</c> beside the project file, or elsewhere) is a root of its own.</item>
/// </list>
/// Roots keep the order of their first item.
/// </summary>
public sealed class WitComponentizeRoots : Task
{
    /// <summary>Metadata merged from the items of <c>wit/</c> (besides <c>World</c>, whose worlds are all kept).</summary>
    private static readonly string[] AgreedMetadata = { "Namespace", "ResultMapping", "StringEncoding", "Features", "Registry" };

    /// <summary>The <c>&lt;Wit&gt;</c> items, paths relative to <see cref="ProjectDirectory"/> or absolute.</summary>
    [Required]
    public ITaskItem[] Items { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The project file, where errors about its <c>&lt;Wit&gt;</c> items are shown.</summary>
    public string ProjectFile { get; set; } = "";

    /// <summary>One item per root: its path as the user wrote it (<c>wit/</c> for the merged folder) and the
    /// metadata of the <c>&lt;Wit&gt;</c> item.</summary>
    [Output]
    public ITaskItem[] Roots { get; private set; } = Array.Empty<ITaskItem>();

    // Windows paths compare without case (the OS does); elsewhere exactly.
    private static readonly bool IgnoreCase = Path.DirectorySeparatorChar == '\\';
    private static StringComparison PathComparison => IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    private static StringComparer PathComparer => IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public override bool Execute()
    {
        var entries = Items.Select(item => (Item: item, Path: FullPath(item.ItemSpec))).ToList();
        var directories = entries.Where(e => Directory.Exists(e.Path)).Select(e => WithSeparator(e.Path)).ToList();
        string witFolder = FullPath("wit");

        var roots = new List<ITaskItem>();
        var seenDirectories = new HashSet<string>(PathComparer);
        var witFiles = new List<ITaskItem>();
        int witRootIndex = -1;
        foreach (var (item, path) in entries)
        {
            if (Directory.Exists(path))
            {
                if (seenDirectories.Add(WithSeparator(path))) roots.Add(new TaskItem(item));
                continue;
            }
            if (directories.Any(d => path.StartsWith(d, PathComparison))) continue;
            if (string.Equals(Path.GetDirectoryName(path), witFolder, PathComparison)
                && string.Equals(Path.GetExtension(path), ".wit", StringComparison.OrdinalIgnoreCase))
            {
                if (witRootIndex < 0)
                {
                    witRootIndex = roots.Count;
                    roots.Add(null!); // filled in below, in the place of the first file
                }
                witFiles.Add(item);
                continue;
            }
            roots.Add(new TaskItem(item));
        }
        if (witRootIndex >= 0) roots[witRootIndex] = MergeWitFolder(witFiles);
        Roots = roots.ToArray();
        return !Log.HasLoggedErrors;
    }

    private ITaskItem MergeWitFolder(List<ITaskItem> files)
    {
        var root = new TaskItem("wit" + Path.DirectorySeparatorChar);
        var worlds = files.SelectMany(f => WitItemValues.Worlds(f.GetMetadata("World"))).Distinct(StringComparer.Ordinal).ToList();
        if (worlds.Count > 0) root.SetMetadata("World", string.Join(",", worlds));
        foreach (string name in AgreedMetadata)
        {
            var values = files.Select(f => (File: f.ItemSpec, Value: f.GetMetadata(name).Trim())).Where(v => v.Value.Length > 0).ToList();
            var distinct = values.Select(v => v.Value).Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count == 1)
            {
                root.SetMetadata(name, distinct[0]);
            }
            else if (distinct.Count > 1)
            {
                var first = values[0];
                var other = values.First(v => v.Value != first.Value);
                Log.LogError(null, "WIT0107", null, ProjectFile, 0, 0, 0, 0,
                    "The <Wit> items '{0}' and '{1}' give {2} different values ('{3}' and '{4}'). With componentize-dotnet, the .wit files in wit/ are read as one WIT package (the folder wit/): give {2} on one of them only, or replace them by one item: <Wit Remove=\"wit/*.wit\" /> <Wit Include=\"wit/\" {2}=\"...\" />.",
                    first.File, other.File, name, first.Value, other.Value);
            }
        }
        return root;
    }

    private string FullPath(string path) => Path.GetFullPath(Path.Combine(ProjectDirectory, path)).TrimEnd('/', '\\');

    private static string WithSeparator(string path) => path.TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
}

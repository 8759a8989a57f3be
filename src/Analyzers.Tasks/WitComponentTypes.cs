using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WitTools.Analyzers.Generation;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;
using WitTools.WitParser.Resolution;

namespace WitTools.Analyzers.Tasks;

/// <summary>
/// Writes the component type of every world the project's WIT roots select, one file per world, for the linker
/// (<c>wasm-component-ld --component-type FILE</c>, which componentize-dotnet's NativeAOT-LLVM link step runs):
/// the world alone in its package, includes applied, the interfaces it uses in nested packages
/// (<see cref="WitPrinter.PrintWorld"/>, the printer behind the <c>&lt;world&gt;.wit</c> that <c>wit-bindgen-cs
/// generate</c> writes). The roots are loaded and their worlds selected as the source generator does (same
/// loader, same <see cref="WorldSelection"/>, same reading of <c>World</c> and <c>Features</c>), so the component
/// type is the world the bindings were generated for.
/// </summary>
/// <remarks>
/// A file is rewritten only when its text changes (the linker's inputs keep their time stamps), and other
/// <c>.wit</c> files in <see cref="OutputDirectory"/> (worlds no longer selected) are deleted: the folder is this
/// task's alone.
/// </remarks>
public sealed class WitComponentTypes : Task
{
    /// <summary>The WIT roots (full paths of directories or files) with the <c>&lt;Wit&gt;</c> item's metadata
    /// (<c>World</c>, <c>Features</c>, <c>StringEncoding</c>).</summary>
    [Required]
    public ITaskItem[] Roots { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where the component types go (created when missing).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary><c>$(WitFeatures)</c>: the features of a root without <c>Features</c> metadata.</summary>
    public string DefaultFeatures { get; set; } = "";

    /// <summary><c>$(WitStringEncoding)</c>: the encoding of a root without <c>StringEncoding</c> metadata.</summary>
    public string DefaultStringEncoding { get; set; } = "";

    /// <summary>The project file, where errors about its <c>&lt;Wit&gt;</c> items are shown.</summary>
    public string ProjectFile { get; set; } = "";

    /// <summary>The files written (full paths), with metadata <c>World</c> (the qualified world name) and
    /// <c>LinkerPath</c> (the path with <c>/</c> separators, as the linker argument gives it).</summary>
    [Output]
    public ITaskItem[] ComponentTypes { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>The string encoding of every world, as <c>wasm-component-ld --string-encoding</c> spells it
    /// (<c>utf8</c>, <c>utf16</c>, <c>compact-utf16</c>); the linker takes one for all component types.</summary>
    [Output]
    public string StringEncoding { get; private set; } = "utf8";

    private sealed record Written(string File, string World, string Text, string Encoding);

    public override bool Execute()
    {
        var written = new List<Written>();
        foreach (var root in Roots) WriteRoot(root, written);
        if (Log.HasLoggedErrors) return false;

        var encodings = written.GroupBy(w => w.Encoding).ToList();
        if (encodings.Count > 1)
        {
            Log.LogError(null, "WIT0107", null, ProjectFile, 0, 0, 0, 0,
                "The worlds of this project use different string encodings ({0}); the linker (wasm-component-ld --string-encoding) takes one for every component type: give every <Wit> item the same StringEncoding.",
                string.Join(", ", encodings.Select(g => string.Join(" and ", g.Select(w => w.World)) + ": " + g.Key)));
            return false;
        }
        StringEncoding = encodings.Count == 1 ? encodings[0].Key : "utf8";

        Directory.CreateDirectory(OutputDirectory);
        var items = new List<ITaskItem>();
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var world in written)
        {
            string path = Path.GetFullPath(Path.Combine(OutputDirectory, world.File));
            if (!files.Add(path)) continue; // the same world selected by two roots
            if (!File.Exists(path) || File.ReadAllText(path) != world.Text) File.WriteAllText(path, world.Text, new UTF8Encoding(false));
            var item = new TaskItem(path);
            item.SetMetadata("World", world.World);
            item.SetMetadata("LinkerPath", path.Replace('\\', '/'));
            items.Add(item);
        }
        foreach (string stale in Directory.GetFiles(OutputDirectory, "*.wit"))
        {
            if (!files.Contains(Path.GetFullPath(stale))) File.Delete(stale);
        }
        ComponentTypes = items.ToArray();
        return true;
    }

    private void WriteRoot(ITaskItem root, List<Written> written)
    {
        string path = root.ItemSpec;
        string encodingText = Metadata(root, "StringEncoding", DefaultStringEncoding);
        if (!StringEncodings.TryParse(encodingText, out var encoding))
        {
            Log.LogError(null, OptionValidation.DiagnosticCode, null, ProjectFile, 0, 0, 0, 0,
                "StringEncoding '{0}' of the <Wit> item '{1}' is not a string encoding: use {2}.", encodingText, path, StringEncodings.ValidNames);
            return;
        }

        var load = WitLoader.Load(path, WitItemValues.Features(Metadata(root, "Features", DefaultFeatures)));
        foreach (var diagnostic in load.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) LogWit(diagnostic, load);
        if (!load.Success || load.Resolve is not { } resolve) return;

        var selection = WorldSelection.Select(resolve, load.MainPackages, WitItemValues.Worlds(root.GetMetadata("World")), WitItemValues.HowToChooseWorld);
        foreach (var diagnostic in selection.Diagnostics) LogWit(diagnostic, load);
        foreach (var id in selection.Worlds)
        {
            written.Add(new Written(FileName(resolve, id), QualifiedName(resolve, id), WitPrinter.PrintWorld(resolve, id),
                StringEncodings.EmbedName(encoding)));
        }
    }

    private static string Metadata(ITaskItem item, string name, string fallback)
    {
        string value = item.GetMetadata(name);
        return string.IsNullOrWhiteSpace(value) ? fallback : value;
    }

    /// <summary>A WIT error at its file, line and column (when it has a location), with its WIT code.</summary>
    private void LogWit(WitDiagnostic diagnostic, LoadResult load)
    {
        if (diagnostic.Span.IsKnown && load.Sources.FileAt(diagnostic.Span.Start) is { } file)
        {
            var at = file.Locate(diagnostic.Span.Start);
            Log.LogError(null, diagnostic.Code, null, file.Path, at.Line, at.CharColumn, 0, 0, "{0}", diagnostic.MessageWithHelp);
            return;
        }
        Log.LogError(null, diagnostic.Code, null, ProjectFile, 0, 0, 0, 0, "{0}", diagnostic.ToString());
    }

    private static string QualifiedName(Resolve resolve, WorldId id)
    {
        var world = resolve.Worlds[id];
        if (world.Package is not { } package) return world.Name;
        var name = resolve.Packages[package].Name;
        return name.Namespace + ":" + name.Name + "/" + world.Name + (name.Version is { } version ? "@" + version : "");
    }

    /// <summary><c>ns_pkg[_version]_world.wit</c> with only file-name-safe characters: distinct per world.</summary>
    private static string FileName(Resolve resolve, WorldId id)
    {
        var world = resolve.Worlds[id];
        string name = world.Name;
        if (world.Package is { } package)
        {
            var pkg = resolve.Packages[package].Name;
            name = pkg.Namespace + "_" + pkg.Name + (pkg.Version is { } version ? "_" + version : "") + "_" + world.Name;
        }
        var safe = new StringBuilder();
        foreach (char c in name) safe.Append(c < 0x80 && (char.IsLetterOrDigit(c) || c is '.' or '_' or '-') ? c : '_');
        return safe + ".wit";
    }
}

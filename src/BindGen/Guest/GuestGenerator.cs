using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;

namespace WitTools.BindGen.Guest;

/// <summary>
/// C# guest bindings for one world (docs/type-mapping.md): the binding model (<see cref="BindingBuilder"/>) decides,
/// <see cref="GuestPrinter"/> prints. Never throws on bad input: problems come back as <see cref="GuestResult.Diagnostics"/>.
/// </summary>
public static partial class GuestGenerator
{
    public static GuestResult Generate(Resolve resolve, WorldId world, GuestOptions options)
    {
        var binding = BindingBuilder.Build(resolve, world, options.ToBindingOptions());
        if (!binding.Success) return GuestResult.Failed(binding.Diagnostics);
        return Print(resolve, binding.World!, binding.Projection!, options.Stubs);
    }

    /// <summary>Prints a built model: the bindings, the stubs when asked for, the runtime and the world's WIT.</summary>
    public static GuestResult Print(Resolve resolve, WorldBinding world, TypeProjection projection, bool stubs)
    {
        var printer = new GuestPrinter(world, projection);
        var files = printer.Bindings();
        if (stubs) files.Add(printer.Stubs());
        string root = world.Options.RootNamespace;
        files.Add(new GuestFile("WitRuntime.cs", GuestRuntime.Text(root, world.Runtime), GuestFileKind.Runtime, root));
        files.Add(new GuestFile(world.WitName + ".wit", writer =>
        {
            writer.Write(EncodingNote(world));
            writer.Write(WitPrinter.PrintWorld(resolve, world.Id));
        }, GuestFileKind.Wit, root));
        var exports = world.Exports.Select(contract => new GuestExport(
            contract.ExportName, world.Class.Namespace, world.Class.Simple, contract.Factory, contract.Contract.ToString(),
            GuestPrinter.FactoryDeclaration(contract), contract.Span,
            contract.IsWorldFunctions ? contract.Functions.Select(f => f.WitName).ToList() : (IReadOnlyList<string>)Array.Empty<string>())).ToList();
        return new GuestResult(files, Array.Empty<WitParser.Diagnostics.WitDiagnostic>(), exports, world.QualifiedName, root, world.Runtime,
            world.EntryPoints.ToList(), world.Options.TextKey());
    }

    /// <summary>For a string encoding other than the default, a comment atop the component-type WIT: the core module
    /// must be embedded with the same encoding, or every string crossing the boundary is misread.</summary>
    private static string EncodingNote(WorldBinding world)
    {
        var encoding = world.Options.StringEncoding;
        if (encoding == StringEncoding.Utf8) return "";
        string canonical = StringEncodings.CanonicalName(encoding);
        string embed = StringEncodings.EmbedName(encoding);
        return "// These bindings pass strings as `" + canonical + "` (canonical option string-encoding=" + canonical + ").\n" +
               "// Embed the component type with the same encoding, e.g.\n" +
               "//   wasm-tools component embed --encoding " + embed + " --world " + world.WitName + " <this file> <module.wasm>\n\n";
    }
}

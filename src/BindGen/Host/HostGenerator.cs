using System;
using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Host;

/// <summary>
/// C# host bindings for one world (docs/host-bindings.md): a .NET program instantiates a component of the world and
/// calls it through typed C#, and implements its imports as C# interfaces. The binding model
/// (<see cref="BindingBuilder.BuildHost"/>) decides, <see cref="HostPrinter"/> prints. Never throws on bad input:
/// problems come back as <see cref="GuestResult.Diagnostics"/>.
/// </summary>
public static class HostGenerator
{
    public static GuestResult Generate(Resolve resolve, WorldId world, GuestOptions options)
    {
        var binding = BindingBuilder.BuildHost(resolve, world, options.ToBindingOptions());
        if (!binding.Success) return GuestResult.Failed(binding.Diagnostics);
        return Print(binding.World!, binding.Projection!, binding.Codecs!);
    }

    /// <summary>Prints a built model: the bindings and the runtime.</summary>
    public static GuestResult Print(HostWorldBinding world, TypeProjection projection, HostCodecIndex codecs)
    {
        var printer = new HostPrinter(new HostModel(world, projection, codecs));
        var files = printer.Bindings();
        string root = world.Options.RootNamespace;
        files.Add(new GuestFile("WitRuntime.cs", HostRuntime.Text(root, world.Runtime), GuestFileKind.Runtime, root));
        return new GuestResult(files, Array.Empty<WitParser.Diagnostics.WitDiagnostic>(), null, world.QualifiedName, root, world.Runtime,
            Array.Empty<string>(), OptionsKey(world.Options));
    }

    /// <summary>The options key of host bindings: host and guest bindings never share a namespace.</summary>
    public static string OptionsKey(BindingOptions options) => "host bindings, " + options.TextKey();
}

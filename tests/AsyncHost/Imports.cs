using System;
using System.Globalization;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.WitParser.Model;

namespace WitTools.AsyncHost;

/// <summary>
/// A canonical built-in a guest imports, as the spec names it (<c>stream.read</c>, <c>resource.drop</c>, ...), with what its
/// <c>canon</c> definition is parameterized by: the non-blocking option, the payload type of a stream or future (none for
/// <c>unit</c>), the resource, the result type of <c>task.return</c>. Read from wit-component's core names.
/// </summary>
public sealed record BuiltinImport(string Canon, bool Async, AbiType? Payload, TypeId? Resource, AbiType? TaskReturnResult);

public static class Imports
{
    /// <summary>Every function the world imports under (module, name), or null.</summary>
    public static FunctionBinding? Function(WorldBinding world, string module, string name) =>
        GuestInstance.ImportedFunctions(world).FirstOrDefault(f => f.Core.Module == module && f.Core.Name == name);

    /// <summary>The built-in behind core import (<paramref name="module"/>, <paramref name="name"/>) of a guest of <paramref name="world"/>.</summary>
    public static BuiltinImport Builtin(WorldBinding world, string module, string name)
    {
        bool async = name.StartsWith("[async-lower]", StringComparison.Ordinal);
        string field = async ? name.Substring("[async-lower]".Length) : name;
        BuiltinImport Plain(string canon) => new(canon, async, null, null, null);
        switch (field)
        {
            case "[context-get-0]": return Plain("context.get");
            case "[context-set-0]": return Plain("context.set");
            case "[waitable-set-new]": return Plain("waitable-set.new");
            case "[waitable-set-wait]": return Plain("waitable-set.wait");
            case "[waitable-set-poll]": return Plain("waitable-set.poll");
            case "[waitable-set-drop]": return Plain("waitable-set.drop");
            case "[waitable-join]": return Plain("waitable.join");
            case "[subtask-drop]": return Plain("subtask.drop");
            case "[subtask-cancel]": return Plain("subtask.cancel");
            case "[task-cancel]": return Plain("task.cancel");
            case "[backpressure-inc]": return Plain("backpressure.inc");
            case "[backpressure-dec]": return Plain("backpressure.dec");
            case "[error-context-drop]": return Plain("error-context.drop");
        }
        if (field.StartsWith("[error-context-new-", StringComparison.Ordinal)) return Plain("error-context.new");
        if (field.StartsWith("[error-context-debug-message-", StringComparison.Ordinal)) return Plain("error-context.debug-message");
        foreach (var (prefix, canon) in new[] { ("[resource-new]", "resource.new"), ("[resource-rep]", "resource.rep"), ("[resource-drop]", "resource.drop") })
            if (field.StartsWith(prefix, StringComparison.Ordinal))
                return new BuiltinImport(canon, async, null, Resource(world, module, field.Substring(prefix.Length)), null);
        if (field.StartsWith("[task-return]", StringComparison.Ordinal))
            return new BuiltinImport("task.return", async, null, null, Function(world, module, field.Substring("[task-return]".Length), export: true).Plan.Function.Result);
        foreach (var kind in new[] { "stream", "future" })
        {
            foreach (var op in new[] { "new", "read", "write", "cancel-read", "cancel-write", "drop-readable", "drop-writable" })
            {
                string prefix = "[" + kind + "-" + op + "-";
                if (!field.StartsWith(prefix, StringComparison.Ordinal)) continue;
                string rest = field.Substring(prefix.Length);
                int close = rest.IndexOf(']');
                string index = rest.Substring(0, close);
                AbiType? payload = null;
                if (index != "unit")
                {
                    var f = Function(world, module, rest.Substring(close + 1), export: module.StartsWith(AsyncBuiltins.ExportPrefix, StringComparison.Ordinal));
                    payload = AsyncAbi.AsyncValues(f.Plan.Function)[int.Parse(index, CultureInfo.InvariantCulture)].Element;
                }
                return new BuiltinImport(kind + "." + op, async, payload, null, null);
            }
        }
        throw new InvalidOperationException("core import " + module + " " + name + " is no built-in the async host knows");
    }

    /// <summary>The WIT function a built-in's name refers to: an import of <paramref name="module"/>, or (with <c>[export]</c>) an export.</summary>
    private static FunctionBinding Function(WorldBinding world, string module, string function, bool export)
    {
        if (export)
        {
            string iface = module.Substring(AsyncBuiltins.ExportPrefix.Length);
            string name = iface == AsyncBuiltins.RootModule ? function : iface + "#" + function;
            return GuestInstance.ExportedFunctions(world).First(f => Emulator.ExportName(f) == name);
        }
        return GuestInstance.ImportedFunctions(world).First(f => f.Core.Module == module && f.WitName == function);
    }

    private static TypeId Resource(WorldBinding world, string module, string resource)
    {
        bool exported = module.StartsWith(AsyncBuiltins.ExportPrefix, StringComparison.Ordinal);
        string iface = exported ? module.Substring(AsyncBuiltins.ExportPrefix.Length) : module;
        return world.Interfaces.Where(i => i.ModuleName == iface).SelectMany(i => i.Types.Concat(i.ExportTypes)).OfType<ResourceDeclaration>()
            .First(r => r.WitName == resource && r.IsExported == exported).Origin;
    }
}

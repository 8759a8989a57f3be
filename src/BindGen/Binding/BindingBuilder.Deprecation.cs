using WitTools.WitParser.Model;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    private sealed partial class Builder
    {
        /// <summary>
        /// The message of the <c>[Obsolete]</c> a C# declaration or member of a <c>@deprecated</c> WIT item carries, so
        /// that the user's C# using it warns (CS0618) where it uses it; generated code disables those warnings for
        /// itself. Null when the item is not deprecated. (In WIT, WIT0005 reports uses of deprecated items too, but
        /// only where the user's own WIT names them: a deprecated item inside a dependency warns only when C# uses it.)
        /// </summary>
        private static string? Deprecation(Stability stability, string what, string name) =>
            stability.Deprecated is { } version ? $"WIT {what} `{name}` is deprecated since version {version}" : null;

        /// <summary>A function's name in messages: <c>iface#name</c>, or the world's qualified name, '#', the name.</summary>
        private string FunctionMessageName(Function f, FunctionRole role, string core)
        {
            if (role == FunctionRole.GuestImport) return (core == "$root" ? QualifiedWorldName() : core) + "#" + f.Name;
            return core.Contains("#") ? core : QualifiedWorldName() + "#" + core;
        }

        /// <summary>A named type's name in messages: <c>iface.name</c>, or the world's qualified name, '.', the name.</summary>
        private string TypeMessageName(TypeDef def) =>
            (def.Owner.TryGetInterface(out var owner) ? _resolve.IdOf(owner) ?? _resolve.Interfaces[owner].Name ?? "" : QualifiedWorldName()) + "." + def.Name;
    }
}

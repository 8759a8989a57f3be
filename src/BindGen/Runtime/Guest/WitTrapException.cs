// Always emitted into guest bindings: invalid data from the other side, and the abort of a failed export.
namespace WitTools.Runtime;

/// <summary>The component received invalid data from the other side of the boundary (a bad discriminant,
/// a char out of range or a surrogate, invalid UTF-8, a misaligned or out-of-bounds pointer, an unknown handle).
/// In a real component this aborts the instance, as the canonical ABI requires.</summary>
public sealed class WitTrapException : global::System.Exception
{
    public WitTrapException(string message) : base(message) { }

    public WitTrapException(string message, global::System.Exception inner) : base(message, inner) { }

    /// <summary>
    /// An exception escaped the export <paramref name="function"/> (the implementation, lifting, lowering, a
    /// destructor or a post-return): the instance must not continue. In wasm32 this writes one line to stderr and
    /// aborts (<c>Environment.FailFast</c>, a trap); with <c>WIT_EMULATED_MEMORY</c> it frees the lowered result
    /// and returns a <see cref="WitTrapException"/> wrapping <paramref name="error"/> for the shim to throw.
    /// </summary>
    public static WitTrapException Abort(string function, global::System.Exception error)
    {
        string detail = error is WitTrapException ? error.Message : TypeName(error.GetType()) + ": " + error.Message;
        string message = "WIT export `" + function + "` failed: " + detail.Replace('\r', ' ').Replace('\n', ' ');
#if WIT_EMULATED_MEMORY
        WitMemory.PostReturn.FreeAll();
        return new WitTrapException(message, error);
#else
        try
        {
            global::System.Console.Error.WriteLine(message);
        }
        catch
        {
            // nothing more can be reported
        }
        global::System.Environment.FailFast(message, error);
        return new WitTrapException(message, error); // not reached
#endif
    }

    private static string TypeName(global::System.Type type)
    {
        if (!type.IsGenericType) return type.FullName ?? type.Name;
        string name = type.Namespace + "." + type.Name.Substring(0, type.Name.IndexOf('`')) + "<";
        var arguments = type.GetGenericArguments();
        for (int i = 0; i < arguments.Length; i++) name += (i > 0 ? ", " : "") + TypeName(arguments[i]);
        return name + ">";
    }
}

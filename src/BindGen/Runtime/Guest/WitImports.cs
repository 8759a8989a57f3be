// Emitted when the world imports functions or uses resources: what the imports do when the bindings run outside a
// WebAssembly component (a unit test, a tool). Inside a component (OperatingSystem.IsWasi(), a constant in a WASI
// build, so the check and the managed path are trimmed away) imports call the host through the canonical ABI. Outside
// one there is no host and no linear memory: each import calls a member of its import contract (`Iface.IHost`,
// `World.IHost`, `Resource.IHost`) on an implementation the test provided, with the C# values as they are.
// docs/type-mapping.md, "Imports outside a component".
namespace WitTools.Runtime;

/// <summary>
/// Provides a component's imports to its code when it runs outside a WebAssembly component, in plain .NET (unit tests):
/// implement the import contracts (<c>Progress.IHost</c> for an imported interface <c>progress</c>, <c>…World.IHost</c>
/// for the world's own imported functions) and pass the object to <see cref="Provide"/>. Inside a component the host
/// provides the imports and this class is not used.
/// </summary>
public static class WitImports
{
    private static readonly global::System.Threading.AsyncLocal<Provided?> s_provided = new();

    /// <summary>
    /// Makes <paramref name="implementation"/> provide every import contract (<c>IHost</c>) it implements to the calling
    /// code and what it calls, runs or awaits (the scope flows like an <see cref="global::System.Threading.AsyncLocal{T}"/>:
    /// tests running in parallel each see their own), until the returned scope is disposed. A later
    /// <see cref="Provide"/> of the same contract takes precedence while it lasts.
    /// </summary>
    public static global::System.IDisposable Provide(object implementation)
    {
        if (implementation is null) throw new global::System.ArgumentNullException(nameof(implementation));
        var scope = new Provided(implementation, s_provided.Value);
        s_provided.Value = scope;
        return scope;
    }

    /// <summary>True when the bindings run outside a WebAssembly component (then imports call the provided
    /// implementations). With <c>WIT_EMULATED_MEMORY</c> (the bindings' own tests) imports go through the emulated memory.</summary>
    internal static bool OutsideComponent
    {
        get
        {
#if WIT_EMULATED_MEMORY
            return false;
#else
            return !global::System.OperatingSystem.IsWasi();
#endif
        }
    }

    /// <summary>The most recently provided implementation of the contract <typeparamref name="T"/>; without one, an
    /// <see cref="global::System.InvalidOperationException"/> naming the import and how to provide it.</summary>
    internal static T Get<T>(string import) where T : class
    {
        for (var scope = s_provided.Value; scope is not null; scope = scope.Next)
        {
            if (!scope.Disposed && scope.Implementation is T implementation) return implementation;
        }
        throw NotProvided(import, typeof(T));
    }

    /// <summary>The exception an import called outside a component throws when nothing implements its contract: what
    /// happened, where (the runtime and architecture) and how to provide the import.</summary>
    /// <param name="import">The WIT name of the import (<c>ns:pkg/iface@version#func</c>).</param>
    /// <param name="contract">The import contract (<c>IHost</c>) to implement.</param>
    /// <param name="resource">The contract is an imported resource's (<c>R.IHost</c>): its objects are made with
    /// <c>new R(implementation)</c> rather than provided.</param>
    internal static global::System.InvalidOperationException NotProvided(string import, global::System.Type contract, bool resource = false)
    {
        string name = (contract.FullName ?? contract.Name).Replace('+', '.');
        string how = resource && contract.DeclaringType is { } owner
            ? "implement `" + name + "` and create the object with `new " + (owner.FullName ?? owner.Name).Replace('+', '.') + "(implementation)`."
            : "implement `" + name + "` and provide it first: `using var imports = " + typeof(WitImports).FullName + ".Provide(new My" + ShortName(contract) + "());`.";
        return new global::System.InvalidOperationException(
            "`" + import + "` is a WebAssembly import: it can only be called inside a component, and this code runs outside one (" +
            global::System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " on " +
            global::System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture + "). To call it here (in a unit test, say), " + how);
    }

    // "Progress.IHost" → "Progress", "Batch.IHost" → "Batch": a name for the example class in the message.
    private static string ShortName(global::System.Type contract) =>
        contract.DeclaringType is { } owner ? (owner.Name.EndsWith("World", global::System.StringComparison.Ordinal) ? owner.Name.Substring(0, owner.Name.Length - 5) + "Imports" : owner.Name) : "Imports";

    private sealed class Provided : global::System.IDisposable
    {
        public Provided(object implementation, Provided? next)
        {
            Implementation = implementation;
            Next = next;
        }

        public object Implementation { get; }

        public Provided? Next { get; }

        public bool Disposed { get; private set; }

        public void Dispose()
        {
            Disposed = true;
            // back to the scope that was current before, skipping scopes disposed out of order
            var current = s_provided.Value;
            if (current != this) return;
            while (current is not null && current.Disposed) current = current.Next;
            s_provided.Value = current;
        }
    }
}

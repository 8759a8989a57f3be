namespace WitTools.BindGen.Binding;

/// <summary>Which optional parts of the runtime the bindings use. <see cref="ToString"/> and
/// <see cref="Parse"/> round-trip it as text (the source generator carries it through its pipeline);
/// a new part needs a property and a row in <see cref="Parts"/>.</summary>
public sealed class RuntimeFeatures : System.IEquatable<RuntimeFeatures>
{
    public bool Exceptions { get; set; }
    public bool Option { get; set; }
    public bool Result { get; set; }
    public bool Equality { get; set; }
    public bool Resources { get; set; }
    public bool TestHost { get; set; }

    /// <summary>Strings use the <c>utf16</c> encoding (also needed by <c>latin1+utf16</c>).</summary>
    public bool Utf16Strings { get; set; }

    /// <summary>Strings use the <c>latin1+utf16</c> encoding.</summary>
    public bool Latin1Utf16Strings { get; set; }

    /// <summary>The world exports something: the contracts carry [WitExport]/[WitFunction].</summary>
    public bool ExportAttributes { get; set; }

    /// <summary>The world imports functions (DllImport + WasmImportLinkage).</summary>
    public bool WasmImports { get; set; }

    /// <summary>The async ABI: async functions, streams, futures or error-context (tasks, subtasks, events).</summary>
    public bool Async { get; set; }

    /// <summary><c>stream&lt;T&gt;</c> (needs <see cref="Async"/>).</summary>
    public bool Streams { get; set; }

    /// <summary><c>stream&lt;u8&gt;</c>: the System.IO.Stream adapters (needs <see cref="Streams"/>).</summary>
    public bool ByteStreams { get; set; }

    /// <summary><c>future&lt;T&gt;</c> (needs <see cref="Async"/>).</summary>
    public bool Futures { get; set; }

    /// <summary><c>error-context</c>.</summary>
    public bool ErrorContext { get; set; }

    /// <summary>Host bindings: the runtime is the host's (Wasmtime interop) instead of the guest's.</summary>
    public bool Host { get; set; }

    private static readonly (string Name, System.Func<RuntimeFeatures, bool> Get, System.Action<RuntimeFeatures> Set)[] Parts =
    {
        ("exceptions", f => f.Exceptions, f => f.Exceptions = true),
        ("option", f => f.Option, f => f.Option = true),
        ("result", f => f.Result, f => f.Result = true),
        ("equality", f => f.Equality, f => f.Equality = true),
        ("resources", f => f.Resources, f => f.Resources = true),
        ("test-host", f => f.TestHost, f => f.TestHost = true),
        ("export-attributes", f => f.ExportAttributes, f => f.ExportAttributes = true),
        ("utf16-strings", f => f.Utf16Strings, f => f.Utf16Strings = true),
        ("latin1-utf16-strings", f => f.Latin1Utf16Strings, f => f.Latin1Utf16Strings = true),
        ("wasm-imports", f => f.WasmImports, f => f.WasmImports = true),
        ("async", f => f.Async, f => f.Async = true),
        ("streams", f => f.Streams, f => f.Streams = true),
        ("byte-streams", f => f.ByteStreams, f => f.ByteStreams = true),
        ("futures", f => f.Futures, f => f.Futures = true),
        ("error-context", f => f.ErrorContext, f => f.ErrorContext = true),
        ("host", f => f.Host, f => f.Host = true),
    };

    /// <summary>Adds the parts <paramref name="other"/> uses.</summary>
    public void UnionWith(RuntimeFeatures other)
    {
        foreach (var part in Parts) if (part.Get(other)) part.Set(this);
    }

    /// <summary>The used parts, comma-separated ("exceptions,result,wasm-imports").</summary>
    public override string ToString() => string.Join(",", System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(Parts, p => p.Get(this)), p => p.Name));

    /// <summary>The inverse of <see cref="ToString"/>; unknown names are ignored.</summary>
    public static RuntimeFeatures Parse(string text)
    {
        var features = new RuntimeFeatures();
        foreach (var name in text.Split(','))
            foreach (var part in Parts)
                if (part.Name == name.Trim()) part.Set(features);
        return features;
    }

    public bool Equals(RuntimeFeatures? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as RuntimeFeatures);

    public override int GetHashCode() => ToString().GetHashCode();
}

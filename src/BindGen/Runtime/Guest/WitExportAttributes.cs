// Emitted when the world exports something. Read by the WitTools analyzers (WIT0202) to name the WIT function
// a contract member stands for. Conditional on a symbol nobody defines: the compiler still binds them
// (analyzers see them) but writes nothing to the assembly.
namespace WitTools.Runtime;

/// <summary>The WIT export a generated contract stands for (read by the WitTools analyzers; not compiled into the assembly).</summary>
[global::System.AttributeUsage(global::System.AttributeTargets.Interface | global::System.AttributeTargets.Class, Inherited = false)]
[global::System.Diagnostics.Conditional("WITTOOLS_ATTRIBUTES")]
internal sealed class WitExportAttribute : global::System.Attribute
{
    public WitExportAttribute(string name) => Name = name;

    /// <summary>The component-model name: "ns:pkg/interface@version", or the world's name for its own functions.</summary>
    public string Name { get; }
}

/// <summary>The WIT function a contract member implements (read by the WitTools analyzers; not compiled into the assembly).</summary>
[global::System.AttributeUsage(global::System.AttributeTargets.Method, Inherited = false)]
[global::System.Diagnostics.Conditional("WITTOOLS_ATTRIBUTES")]
internal sealed class WitFunctionAttribute : global::System.Attribute
{
    public WitFunctionAttribute(string name, string type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The component-model name: "factor", "[method]batch.push", "[static]batch.merge".</summary>
    public string Name { get; }

    /// <summary>The WIT type: "func(n: u64) -> u32".</summary>
    public string Type { get; }
}

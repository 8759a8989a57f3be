namespace WitTools.BindGen.Tests.Runtime;

/// <summary>
/// The runtime files are compiled into this test assembly (namespace WitTools.Runtime, WIT_EMULATED_MEMORY): their
/// emulated memory is static state, so the tests that use it run one after another, and each leaves no live
/// allocation behind.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuntimeCollection
{
    public const string Name = "WitTools.Runtime (static emulated memory)";
}

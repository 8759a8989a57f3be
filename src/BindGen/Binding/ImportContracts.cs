namespace WitTools.BindGen.Binding;

/// <summary>
/// An import contract: the C# interface through which an import is provided. Inside a WebAssembly component the host
/// provides the import through the canonical ABI; outside one (unit tests, tools) the guest bindings call a member of
/// this contract on an implementation the code provided (<c>WitImports.Provide</c>), passing the C# values as they are.
/// The host bindings' contract for an import is this one (<c>BindingBuilder.BuildHost</c> names it with the same step and
/// shapes its members as the guest import), so one class provides an import to a guest unit test and, registered with
/// the host's linker, to a component; resource contracts (<c>R.IHost</c>) are guest-only, the host derives from an
/// abstract resource class instead. docs/type-mapping.md, "Imports outside a component".
/// <list type="bullet">
/// <item><c>Iface.IHost</c> (nested in the interface class) for an imported interface: its freestanding functions,
/// and for each of its resources <c>CreateR</c> (the constructor) and <c>RStatic</c> (each static function).</item>
/// <item><c>WWorld.IHost</c> for the world's own imported functions (and the constructors and statics of world-level resources).</item>
/// <item><c>R.IHost</c> (nested in the imported resource class, <see cref="IsResource"/>): the resource's methods,
/// without <c>self</c>; an object of the resource class wraps one implementation (<c>new R(R.IHost)</c>).</item>
/// </list>
/// Members have the C# signature of the import they provide (parameters, return type, <c>WitException&lt;E&gt;</c> or
/// <c>Result&lt;T, E&gt;</c>), except that a list of numbers the import takes as a pinned <c>ReadOnlySpan&lt;T&gt;</c> is a
/// <c>T[]</c> (<see cref="ImportDispatch.Parameters"/>): contracts hold no ref struct, so reflection proxies and mocking
/// libraries can implement them, and a host passes the array it lifted; member names follow the export contracts' rule (<c>F</c>, <c>CreateR</c>, <c>RStatic</c>;
/// resource methods keep the resource class's names), in a scope of their own.
/// </summary>
/// <param name="ImportName">What the contract provides: the interface ("wittools:factorization/progress@0.1.0"), the
/// world's qualified name for world-level imports, or the resource ("…/factorize@0.1.0#batch").</param>
/// <param name="Contract">The C# interface.</param>
/// <param name="Members">The guest imports it provides, in WIT order; each one's <see cref="FunctionBinding.Dispatch"/>
/// names its member.</param>
public sealed record ImportContract(string ImportName, CsName Contract, ValueArray<FunctionBinding> Members, bool IsResource);

/// <summary>Where a guest import goes when the bindings run outside a WebAssembly component: a member of an
/// <see cref="ImportContract"/>.</summary>
/// <param name="Import">The import for messages: "wittools:factorization/progress@0.1.0#report" (a world's own function:
/// the world's qualified name, '#', the function).</param>
/// <param name="Contract">The contract: taken from the provided implementations, or for a resource method
/// (<see cref="FromSelf"/>) the resource's <c>R.IHost</c>, taken from the object the method is called on.</param>
/// <param name="Member">The contract member called with the import's C# arguments.</param>
/// <param name="Parameters">The contract member's parameters: the import's, with each pinned <c>ReadOnlySpan&lt;T&gt;</c>
/// a <c>T[]</c> (the import passes a copy, <c>ToArray()</c>, only outside a component).</param>
public sealed record ImportDispatch(string Import, CsName Contract, string Member, bool FromSelf, ValueArray<ParameterBinding> Parameters);

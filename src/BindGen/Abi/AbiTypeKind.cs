namespace WitTools.BindGen.Abi;

/// <summary>
/// The shape of a WIT value type as the canonical ABI sees it. Aliases are gone (they share the node of
/// the type they name); specialized types (tuple, enum, option, result, map) keep their own kind so that
/// plans and emitters can treat them idiomatically, while layout follows the spec's despecialization.
/// </summary>
public enum AbiTypeKind
{
    Bool,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    Char,
    String,
    ErrorContext,
    List,
    FixedList,
    Map,
    Record,
    Tuple,
    Variant,
    Enum,
    Option,
    Result,
    Flags,
    Own,
    Borrow,
    Future,
    Stream,

    /// <summary>Not a valid value type (see <see cref="AbiType.Error"/>).</summary>
    Invalid,
}

using System.Collections.Generic;
using System.Linq;

namespace WitTools.BindGen.Abi;

/// <summary>A function parameter as the ABI sees it.</summary>
public sealed class AbiParam
{
    public AbiParam(string name, AbiType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public AbiType Type { get; }
}

/// <summary>
/// A WIT function reduced to what the canonical ABI needs: its component-model name
/// (e.g. <c>[method]blob.read</c>), parameters, optional result and whether it is an <c>async</c> func.
/// </summary>
public sealed class AbiFunction
{
    public AbiFunction(string name, IEnumerable<AbiParam> parameters, AbiType? result, bool isAsync = false)
    {
        Name = name;
        Params = parameters.ToArray();
        Result = result;
        IsAsync = isAsync;
    }

    public AbiFunction(string name, AbiType? result, params (string Name, AbiType Type)[] parameters)
        : this(name, parameters.Select(p => new AbiParam(p.Name, p.Type)), result)
    {
    }

    public string Name { get; }
    public IReadOnlyList<AbiParam> Params { get; }
    public AbiType? Result { get; }
    public bool IsAsync { get; }

    /// <summary>Why the canonical ABI rejects the function ("parameter `x`: ..." or "result: ..."), or null.</summary>
    public string? Error
    {
        get
        {
            foreach (var p in Params)
                if (p.Type.Error is { } error) return "parameter `" + p.Name + "`: " + error;
            return Result?.Error is { } resultError ? "result: " + resultError : null;
        }
    }
}

/// <summary>
/// Which side of a component boundary the core function is on.
/// <see cref="Lift"/>: the core function a component exports and the host lifts (the callee; results that
/// do not fit are returned through a pointer). <see cref="Lower"/>: the core function a component imports,
/// lowered from the host's function (the caller; results that do not fit are written through an extra
/// out-pointer parameter).
/// </summary>
public enum AbiConvention
{
    Lift,
    Lower,
}

using System.Collections.Generic;
using System.Linq;

namespace WitTools.BindGen.Abi;

/// <summary>The core wasm signature of a lifted or lowered function (the spec's <c>flatten_functype</c>).</summary>
public sealed class CoreSignature : System.IEquatable<CoreSignature>
{
    public CoreSignature(
        IReadOnlyList<CoreType> @params,
        IReadOnlyList<CoreType> results,
        bool paramsSpilled,
        bool resultsSpilled,
        bool isAsync,
        CoreSignature? taskReturn)
    {
        Params = @params;
        Results = results;
        ParamsSpilled = paramsSpilled;
        ResultsSpilled = resultsSpilled;
        IsAsync = isAsync;
        TaskReturn = taskReturn;
    }

    public IReadOnlyList<CoreType> Params { get; }
    public IReadOnlyList<CoreType> Results { get; }

    /// <summary>The parameters did not fit in flat values: the only core param (first) is a pointer to
    /// them, laid out as a record.</summary>
    public bool ParamsSpilled { get; }

    /// <summary>The results did not fit in flat values: they live in memory, either behind the returned
    /// pointer (lift) or behind the last core param, the out-pointer (lower).</summary>
    public bool ResultsSpilled { get; }

    /// <summary>Uses the async ABI (an <c>async</c> func): lift returns an i32 callback code and hands
    /// results to <c>task.return</c>; lower returns an i32 status.</summary>
    public bool IsAsync { get; }

    /// <summary>For async lift: the signature of the <c>task.return</c> built-in that delivers the results.</summary>
    public CoreSignature? TaskReturn { get; }

    public bool Equals(CoreSignature? other) =>
        other is not null && Params.SequenceEqual(other.Params) && Results.SequenceEqual(other.Results) && ParamsSpilled == other.ParamsSpilled
        && ResultsSpilled == other.ResultsSpilled && IsAsync == other.IsAsync && Equals(TaskReturn, other.TaskReturn);

    public override bool Equals(object? obj) => Equals(obj as CoreSignature);

    public override int GetHashCode()
    {
        int hash = IsAsync ? 1 : 0;
        foreach (var p in Params) hash = unchecked(hash * 31 + (int)p + 1);
        foreach (var r in Results) hash = unchecked(hash * 37 + (int)r + 1);
        return hash;
    }

    public override string ToString() =>
        "(" + string.Join(", ", Params.Select(p => p.Name())) + ") -> (" + string.Join(", ", Results.Select(r => r.Name())) + ")";
}

using System.Collections.Generic;
using System.Linq;

namespace WitTools.BindGen.Abi;

/// <summary>The core wasm signature of a lifted or lowered function (the spec's <c>flatten_functype</c>).</summary>
public sealed class CoreSignature
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

    public override string ToString() =>
        "(" + string.Join(", ", Params.Select(p => p.Name())) + ") -> (" + string.Join(", ", Results.Select(r => r.Name())) + ")";
}

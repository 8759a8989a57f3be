using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Wasmtime;
using Wasmtime.Components;
using WitTools.AbiOracle.Types;

namespace WitTools.AbiOracle.Probing;

/// <summary>A component function type plus the core signature someone claims it flattens to.</summary>
/// <param name="CoreParams">Core types such as <c>"i32"</c>, <c>"i64"</c>, <c>"f32"</c>, <c>"f64"</c>.</param>
public sealed record CoreSignatureClaim(
    IReadOnlyList<WitValueType> Params,
    WitValueType? Result,
    IReadOnlyList<string> CoreParams,
    IReadOnlyList<string> CoreResults);

/// <summary>
/// Lets Wasmtime's component validator judge flattening (the spec's <c>flatten_functype</c>): a component that
/// <c>canon lift</c>s a core function of the claimed signature, or imports into a core module the function that
/// <c>canon lower</c> produces, only validates when the claim is exactly right. Nothing is executed.
/// </summary>
public static class CoreSignatureCheck
{
    /// <summary>Null when every claim is what <c>canon lift</c> expects, else Wasmtime's validation error.</summary>
    public static string? CheckLift(IReadOnlyList<CoreSignatureClaim> claims) => Validate(BuildLift(claims));

    /// <summary>Null when every claim is what <c>canon lower</c> produces, else Wasmtime's validation error.</summary>
    public static string? CheckLower(IReadOnlyList<CoreSignatureClaim> claims) => Validate(BuildLower(claims));

    private static string? Validate(string wat)
    {
        try
        {
            using var component = Component.FromText(ProbeComponent.Engine, wat);
            return null;
        }
        catch (WasmtimeException e)
        {
            return e.Message;
        }
    }

    private const string MemoryModule = """
  (core module $memory
    (memory (export "memory") 1)
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable))
  (core instance $mi (instantiate $memory))
  (alias core export $mi "memory" (core memory $mem))
  (alias core export $mi "cabi_realloc" (core func $realloc))

""";

    internal static string BuildLift(IReadOnlyList<CoreSignatureClaim> claims)
    {
        var sb = new StringBuilder("(component\n").Append(MemoryModule);
        sb.Append("  (core module $m\n");
        for (var i = 0; i < claims.Count; i++)
            sb.Append("    (func (export \"f").Append(i).Append("\") ").Append(CoreFuncType(claims[i])).Append(" unreachable)\n");
        sb.Append("  )\n  (core instance $i (instantiate $m))\n");
        var nominal = 0;
        for (var i = 0; i < claims.Count; i++)
        {
            var type = ComponentFuncType(claims[i], sb, ref nominal, import: false);
            sb.Append("  (func (export \"f").Append(i).Append("\") ").Append(type)
              .Append("\n    (canon lift (core func $i \"f").Append(i).Append("\") (memory $mem) (realloc $realloc)))\n");
        }
        return sb.Append(")\n").ToString();
    }

    internal static string BuildLower(IReadOnlyList<CoreSignatureClaim> claims)
    {
        var sb = new StringBuilder("(component\n");
        var nominal = 0;
        for (var i = 0; i < claims.Count; i++)
        {
            var type = ComponentFuncType(claims[i], sb, ref nominal, import: true);
            sb.Append("  (import \"f").Append(i).Append("\" (func $f").Append(i).Append(' ').Append(type).Append("))\n");
        }
        sb.Append(MemoryModule);
        for (var i = 0; i < claims.Count; i++)
            sb.Append("  (core func $l").Append(i).Append(" (canon lower (func $f").Append(i).Append(") (memory $mem) (realloc $realloc)))\n");
        sb.Append("  (core module $user\n");
        for (var i = 0; i < claims.Count; i++)
            sb.Append("    (import \"host\" \"f").Append(i).Append("\" (func ").Append(CoreFuncType(claims[i])).Append("))\n");
        sb.Append("  )\n  (core instance (instantiate $user (with \"host\" (instance");
        for (var i = 0; i < claims.Count; i++) sb.Append(" (export \"f").Append(i).Append("\" (func $l").Append(i).Append("))");
        return sb.Append("))))\n)\n").ToString();
    }

    private static string CoreFuncType(CoreSignatureClaim claim)
    {
        var sb = new StringBuilder();
        if (claim.CoreParams.Count > 0) sb.Append("(param ").Append(string.Join(" ", claim.CoreParams)).Append(')');
        if (claim.CoreResults.Count > 0) sb.Append(" (result ").Append(string.Join(" ", claim.CoreResults)).Append(')');
        return sb.ToString();
    }

    private static string ComponentFuncType(CoreSignatureClaim claim, StringBuilder defs, ref int nominal, bool import)
    {
        var sb = new StringBuilder();
        for (var p = 0; p < claim.Params.Count; p++)
            sb.Append("(param \"p").Append(p).Append("\" ").Append(ProbeWat.Reference(claim.Params[p], defs, ref nominal, import)).Append(") ");
        if (claim.Result != null)
            sb.Append("(result ").Append(ProbeWat.Reference(claim.Result, defs, ref nominal, import)).Append(')');
        return sb.ToString().TrimEnd();
    }
}

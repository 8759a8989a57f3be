using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.AbiOracle.Types;

namespace WitTools.AbiOracle.Probing;

/// <summary>
/// Writes the probe component. One core module (memory, bump <c>cabi_realloc</c>, a type-independent
/// <c>lower</c> and <c>lift</c>) is lifted once per probed type T as:
/// <list type="bullet">
/// <item><c>lower-tK: func(x: list&lt;T&gt;) -> tuple&lt;u32, u32, list&lt;u64&gt;&gt;</c>: Wasmtime lowers a one-element
/// list (a list is always lowered to memory), the core returns (element pointer, bytes used, memory words [0, used)).</item>
/// <item><c>lift-tK: func(image: list&lt;u64&gt;, p: u32, count: u32, r: u32) -> list&lt;T&gt;</c>: the core copies the image
/// to address 0, writes the list (p, count) at r and returns r, so Wasmtime lifts the bytes at p.</item>
/// </list>
/// Nominal types (record, variant, enum, flags) are hoisted and exported by name, because a component may only
/// export functions whose nominal types are exported.
/// </summary>
internal static class ProbeWat
{
    /// <summary>First address the allocator hands out; [0, 16) is zeroed and left unused by lowering.</summary>
    public const int HeapBase = 16;

    // Core module shared by every probe. The allocator zero-fills everything it hands out (and any alignment gap),
    // so lowered images are deterministic: padding bytes Wasmtime does not write read as zero.
    private const string CoreModule = """
  (core module $m
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 16))
    (global $hw (mut i32) (i32.const 16))
    (func $ensure (param $end i32)
      (local $have i32)
      (local.set $have (i32.shl (memory.size) (i32.const 16)))
      (if (i32.gt_u (local.get $end) (local.get $have))
        (then
          (if (i32.eq
                (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $have)) (i32.const 65535)) (i32.const 16)))
                (i32.const -1))
            (then unreachable)))))
    (func $realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $r i32) (local $end i32)
      (if (i32.eq (global.get $heap) (i32.const 16))
        (then (memory.fill (i32.const 0) (i32.const 0) (i32.const 16))))
      (local.set $r
        (i32.and
          (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
      (local.set $end (i32.add (local.get $r) (local.get $size)))
      (if (i32.lt_u (local.get $end) (local.get $r)) (then unreachable))
      (call $ensure (local.get $end))
      (memory.fill (global.get $heap) (i32.const 0) (i32.sub (local.get $end) (global.get $heap)))
      (if (local.get $old)
        (then
          (memory.copy (local.get $r) (local.get $old)
            (select (local.get $old_size) (local.get $size) (i32.lt_u (local.get $old_size) (local.get $size))))))
      (global.set $heap (local.get $end))
      (if (i32.gt_u (local.get $end) (global.get $hw)) (then (global.set $hw (local.get $end))))
      (local.get $r))
    (func (export "lower") (param $p i32) (param $n i32) (result i32)
      (local $r i32)
      (local.set $r (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
      (call $ensure (i32.add (local.get $r) (i32.const 16)))
      (i32.store (local.get $r) (local.get $p))
      (i32.store offset=4 (local.get $r) (global.get $heap))
      (i32.store offset=8 (local.get $r) (i32.const 0))
      (i32.store offset=12 (local.get $r) (i32.shr_u (i32.add (global.get $heap) (i32.const 7)) (i32.const 3)))
      (global.set $heap (i32.const 16))
      (local.get $r))
    (func (export "lift") (param $img i32) (param $words i32) (param $p i32) (param $count i32) (param $r i32) (result i32)
      (local $len i32)
      (local.set $len (i32.shl (local.get $words) (i32.const 3)))
      (memory.copy (i32.const 0) (local.get $img) (local.get $len))
      (if (i32.gt_u (global.get $hw) (local.get $len))
        (then (memory.fill (local.get $len) (i32.const 0) (i32.sub (global.get $hw) (local.get $len)))))
      (call $ensure (i32.add (local.get $r) (i32.const 8)))
      (i32.store (local.get $r) (local.get $p))
      (i32.store offset=4 (local.get $r) (local.get $count))
      (global.set $heap (i32.const 16))
      (local.get $r))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "cabi_realloc" (core func $realloc))
""";

    public static string LowerName(int index) => $"lower-t{index}";

    public static string LiftName(int index) => $"lift-t{index}";

    /// <summary>The canonical option spellings <c>string-encoding=...</c> takes.</summary>
    public static readonly IReadOnlyList<string> StringEncodings = ["utf8", "utf16", "latin1+utf16"];

    /// <param name="stringEncoding">The <c>string-encoding</c> canonical option of every lifted function: how strings
    /// sit in the probe's memory (<c>utf8</c>, <c>utf16</c> or <c>latin1+utf16</c>).</param>
    public static string Build(IReadOnlyList<WitValueType> types, string stringEncoding = "utf8")
    {
        if (!StringEncodings.Contains(stringEncoding)) throw new System.ArgumentException("unknown string encoding " + stringEncoding, nameof(stringEncoding));
        var options = stringEncoding == "utf8" ? "" : " string-encoding=" + stringEncoding;
        var sb = new StringBuilder();
        sb.Append("(component\n").Append(CoreModule);
        var nominalCount = 0;
        for (var index = 0; index < types.Count; index++)
        {
            var t = Reference(types[index], sb, ref nominalCount);
            sb.Append("  (func (export \"").Append(LowerName(index)).Append("\") (param \"x\" (list ").Append(t)
              .Append(")) (result (tuple u32 u32 (list u64)))\n")
              .Append("    (canon lift (core func $i \"lower\") (memory $mem) (realloc $realloc)").Append(options).Append("))\n");
            sb.Append("  (func (export \"").Append(LiftName(index))
              .Append("\") (param \"image\" (list u64)) (param \"p\" u32) (param \"count\" u32) (param \"r\" u32) (result (list ")
              .Append(t).Append("))\n")
              .Append("    (canon lift (core func $i \"lift\") (memory $mem) (realloc $realloc)").Append(options).Append("))\n");
        }
        sb.Append(")\n");
        return sb.ToString();
    }

    /// <summary>
    /// Returns the WAT text that refers to <paramref name="type"/>, appending to <paramref name="defs"/> a
    /// definition plus export (or import) for every nominal type inside it (children first).
    /// </summary>
    internal static string Reference(WitValueType type, StringBuilder defs, ref int nominalCount, bool import = false)
    {
        var counter = nominalCount;
        string? Hoist(WitValueType t)
        {
            if (!t.IsNominal) return null;
            var body = new StringBuilder();
            t.Write(body, Hoist);
            var id = counter++;
            defs.Append("  (type $d").Append(id).Append(' ').Append(body).Append(")\n");
            // Exported functions need exported nominal types; imported functions need imported ones.
            if (import) defs.Append("  (import \"n").Append(id).Append("\" (type $n").Append(id).Append(" (eq $d").Append(id).Append(")))\n");
            else defs.Append("  (export $n").Append(id).Append(" \"n").Append(id).Append("\" (type $d").Append(id).Append("))\n");
            return "$n" + id;
        }

        string text;
        var hoisted = Hoist(type);
        if (hoisted != null) text = hoisted;
        else
        {
            var sb = new StringBuilder();
            type.Write(sb, Hoist);
            text = sb.ToString();
        }
        nominalCount = counter;
        return text;
    }
}

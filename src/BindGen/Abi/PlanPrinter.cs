using System.Globalization;
using System.Linq;
using System.Text;

namespace WitTools.BindGen.Abi;

/// <summary>
/// Readable text of plans, for review and snapshot tests. Lifting reads "type &lt;- location", lowering
/// writes "type -&gt; location"; memory offsets are relative to the current base (list and fixed-size list
/// element plans start a new base at each element).
/// </summary>
public static class PlanPrinter
{
    public static string Print(TypePlan plan)
    {
        var sb = new StringBuilder();
        sb.Append(plan.Direction == PlanDirection.Lift ? "lift " : "lower ")
          .Append(plan.Type).Append(" (").Append(plan.Storage == PlanStorage.Flat ? "flat" : "memory").Append(")\n");
        Node(sb, plan.Root, plan.Direction, "", 1);
        return sb.ToString();
    }

    public static string Print(FunctionAbiPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append(plan.Function.Name).Append(" (").Append(plan.Convention == AbiConvention.Lift ? "lift" : "lower")
          .Append(plan.Function.IsAsync ? ", async" : "").Append(")\n");
        if (plan.Error is not null)
        {
            sb.Append("  error: ").Append(plan.Error).Append('\n');
            return sb.ToString();
        }
        var signature = plan.Signature!;
        sb.Append("  core: ").Append(signature).Append('\n');
        if (signature.TaskReturn is not null) sb.Append("  task.return: ").Append(signature.TaskReturn).Append('\n');

        sb.Append("  params (").Append(plan.ParamsDirection == PlanDirection.Lift ? "lift" : "lower").Append("): ");
        if (plan.ParamsLocation == ParamsLocation.CoreParams) sb.Append("core params");
        else sb.Append("memory at core param 0, ").Append(Area(plan.ParamsArea!));
        sb.Append('\n');
        foreach (var p in plan.Params) Node(sb, p.Plan, plan.ParamsDirection, p.Name + ": ", 2);

        sb.Append("  result (").Append(plan.ResultDirection == PlanDirection.Lift ? "lift" : "lower").Append("): ");
        sb.Append(plan.ResultLocation switch
        {
            ResultLocation.None => "none",
            ResultLocation.CoreResults => "core results",
            ResultLocation.ReturnedPointer => "memory at returned pointer, " + Area(plan.ResultArea!),
            ResultLocation.OutPointer => "memory at out-pointer core param " + plan.OutPointerIndex + ", " + Area(plan.ResultArea!),
            ResultLocation.TaskReturnParams => "task.return params",
            ResultLocation.TaskReturnPointer => "memory passed to task.return, " + Area(plan.ResultArea!),
            _ => "?",
        });
        sb.Append('\n');
        if (plan.Result is not null) Node(sb, plan.Result, plan.ResultDirection, "", 2);
        if (plan.NeedsPostReturn) sb.Append("  post-return: frees the lowered result\n");
        return sb.ToString();
    }

    private static string Area(TypeLayout layout) =>
        "area size " + layout.Size.ToString(CultureInfo.InvariantCulture) + " align " + layout.Align.ToString(CultureInfo.InvariantCulture);

    private static void Indent(StringBuilder sb, int level) => sb.Append(' ', level * 2);

    private static void Node(StringBuilder sb, ValuePlan plan, PlanDirection direction, string label, int level)
    {
        string arrow = direction == PlanDirection.Lift ? " <- " : " -> ";
        Indent(sb, level);
        sb.Append(label).Append(plan.Type);
        switch (plan)
        {
            case ScalarPlan scalar:
                sb.Append(arrow).Append(scalar.Location).Append('\n');
                break;
            case StringPlan str:
                sb.Append(arrow).Append("ptr ").Append(str.Pointer).Append(", len ").Append(str.Length);
                // UTF-8 (the default) prints nothing extra, so existing plans read as before
                if (str.Encoding != StringEncoding.Utf8)
                    sb.Append("; ").Append(StringEncodings.CanonicalName(str.Encoding)).Append(" align ").Append(str.Alignment);
                sb.Append('\n');
                break;
            case ListPlan list:
                sb.Append(arrow).Append("ptr ").Append(list.Pointer).Append(", len ").Append(list.Length)
                  .Append("; element size ").Append(list.ElementSize).Append(" align ").Append(list.ElementAlign)
                  .Append(list.IsCanonical ? ", canonical" : "").Append('\n');
                Node(sb, list.Element, direction, "element: ", level + 1);
                break;
            case FixedListPlan fixedList when fixedList.Elements is not null:
                sb.Append('\n');
                for (int i = 0; i < fixedList.Elements.Count; i++) Node(sb, fixedList.Elements[i], direction, "[" + i + "]: ", level + 1);
                break;
            case FixedListPlan fixedList:
                sb.Append(" at +").Append(fixedList.Offset).Append(": ").Append(fixedList.Length).Append(" x ").Append(fixedList.ElementSize).Append(" bytes\n");
                Node(sb, fixedList.Element!, direction, "element: ", level + 1);
                break;
            case SharedTypePlan shared:
                sb.Append(" at +").Append(shared.Offset).Append(": its own plan\n");
                break;
            case RecordPlan record:
                sb.Append('\n');
                foreach (var field in record.Fields) Node(sb, field.Plan, direction, field.Name + ": ", level + 1);
                break;
            case VariantPlan variant:
                sb.Append(arrow).Append("discriminant ").Append(variant.Discriminant).Append('\n');
                foreach (var @case in variant.Cases)
                {
                    string caseLabel = "case " + @case.Discriminant + " " + @case.Name;
                    bool zeroes = direction == PlanDirection.Lower && @case.UnusedSlots.Count > 0;
                    string zeroText = zeroes ? "zero " + string.Join(", ", @case.UnusedSlots.Select(s => s.ToString())) : "";
                    if (@case.Payload is null)
                    {
                        Indent(sb, level + 1);
                        sb.Append(caseLabel).Append(zeroes ? "; " + zeroText : "").Append('\n');
                        continue;
                    }
                    Node(sb, @case.Payload, direction, caseLabel + ": ", level + 1);
                    if (zeroes)
                    {
                        Indent(sb, level + 2);
                        sb.Append(zeroText).Append('\n');
                    }
                }
                break;
            default:
                sb.Append('\n');
                break;
        }
    }
}

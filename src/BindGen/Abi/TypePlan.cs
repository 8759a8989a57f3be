namespace WitTools.BindGen.Abi;

/// <summary>The plan moving one value of <see cref="Type"/> in one direction, from/to flat core values
/// (slots numbered from 0 in the type's own flat form) or memory (offsets from a base pointer).</summary>
public abstract class TypePlan
{
    private protected TypePlan(AbiType type, PlanStorage storage, ValuePlan root)
    {
        Type = type;
        Storage = storage;
        Root = root;
    }

    public AbiType Type { get; }
    public PlanStorage Storage { get; }
    public ValuePlan Root { get; }
    public abstract PlanDirection Direction { get; }
}

/// <summary>Reads core values or memory into a value (<see cref="PlanDirection.Lift"/>).</summary>
public sealed class LiftPlan : TypePlan
{
    public LiftPlan(AbiType type, PlanStorage storage, ValuePlan root) : base(type, storage, root) { }

    public override PlanDirection Direction => PlanDirection.Lift;
}

/// <summary>Writes a value into core values or memory (<see cref="PlanDirection.Lower"/>).</summary>
public sealed class LowerPlan : TypePlan
{
    public LowerPlan(AbiType type, PlanStorage storage, ValuePlan root) : base(type, storage, root) { }

    public override PlanDirection Direction => PlanDirection.Lower;
}

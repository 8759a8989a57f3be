using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Tests.TestSupport;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Tests.Abi;

public class ResolveAbiTests
{
    [Fact]
    public void Aliases_share_the_node_of_what_they_name_and_handles_see_through_used_resources()
    {
        var m = new ModelBuilder();
        var pkg = m.Package("ex", "p");
        var a = m.Interface(pkg, "a");
        var b = m.Interface(pkg, "b");
        var file = m.Named(a, "file", new ResourceKind());
        var point = m.Named(a, "point", new RecordKind(ModelBuilder.Fields(("x", WitType.F64))));
        // interface b { use a.{file, point}; type p2 = point; }
        var usedFile = m.Named(b, "file", new AliasKind(file));
        var usedPoint = m.Named(b, "point", new AliasKind(point));
        var p2 = m.Named(b, "p2", new AliasKind(usedPoint));
        var borrow = m.Anonymous(new HandleKind(HandleOwnership.Borrow, usedFile));

        var abi = new ResolveAbi(m.Resolve);
        Assert.Same(abi.Type(point), abi.Type(p2));
        Assert.Equal("point", abi.Type(p2).Name);
        var handle = abi.Type(borrow);
        Assert.Equal(AbiTypeKind.Borrow, handle.Kind);
        Assert.Equal("file", handle.ResourceName);
        Assert.Equal(AbiTypeKind.Own, abi.Type(file).Kind);
        Assert.Equal(AbiTypeKind.Own, abi.Type(usedFile).Kind);
    }

    [Fact]
    public void Every_type_def_kind_maps_to_its_abi_kind()
    {
        var m = new ModelBuilder();
        var pkg = m.Package("ex", "p");
        var i = m.Interface(pkg, "i");
        var u8s = m.Anonymous(new ListKind(WitType.U8));
        Assert.Equal(AbiTypeKind.List, Kind(m, u8s));
        Assert.Equal(AbiTypeKind.FixedList, Kind(m, m.Anonymous(new FixedSizeListKind(WitType.U32, 4))));
        Assert.Equal(AbiTypeKind.Map, Kind(m, m.Anonymous(new MapKind(WitType.String, u8s))));
        Assert.Equal(AbiTypeKind.Tuple, Kind(m, m.Anonymous(new TupleKind(new() { WitType.U8 }))));
        Assert.Equal(AbiTypeKind.Option, Kind(m, m.Anonymous(new OptionKind(WitType.U8))));
        Assert.Equal(AbiTypeKind.Result, Kind(m, m.Anonymous(new ResultKind(null, WitType.U8))));
        Assert.Equal(AbiTypeKind.Future, Kind(m, m.Anonymous(new FutureKind(null))));
        Assert.Equal(AbiTypeKind.Stream, Kind(m, m.Anonymous(new StreamKind(WitType.U8))));
        Assert.Equal(AbiTypeKind.ErrorContext, Kind(m, WitType.ErrorContext));
        Assert.Equal(AbiTypeKind.Invalid, Kind(m, m.Anonymous(new UnknownKind())));
        Assert.Equal(16, new ResolveAbi(m.Resolve).Type(m.Anonymous(new FixedSizeListKind(WitType.U32, 4))).Layout.Size);
        Assert.Equal(AbiTypeKind.Enum, Kind(m, m.Named(i, "e", new EnumKind(new() { new EnumCase("a") }))));
        Assert.Equal(AbiTypeKind.Flags, Kind(m, m.Named(i, "f", new FlagsKind(new() { new Flag("a") }))));
    }

    private static AbiTypeKind Kind(ModelBuilder m, WitType type) => new ResolveAbi(m.Resolve).Type(type).Kind;

    [Fact]
    public void A_type_used_by_several_fields_is_not_a_cycle()
    {
        // regression: two fields naming the same anonymous option<u64> were reported as a cycle
        var m = new ModelBuilder();
        var pkg = m.Package("ex", "p");
        var i = m.Interface(pkg, "i");
        var stamp = m.Named(i, "stamp", new RecordKind(ModelBuilder.Fields(("s", WitType.U64))));
        var maybe = m.Anonymous(new OptionKind(stamp));
        var stat = m.Named(i, "stat", new RecordKind(ModelBuilder.Fields(("a", maybe), ("b", maybe), ("c", stamp), ("d", maybe))));
        var type = new ResolveAbi(m.Resolve).Type(stat);
        Assert.True(type.IsValid, type.Error);
        Assert.Equal(56, type.Layout.Size); // a@0 b@16 c@32 d@40, 16 + 16 + 8 + 16
    }

    [Fact]
    public void Cycles_and_bad_ids_give_invalid_types()
    {
        var m = new ModelBuilder();
        var pkg = m.Package("ex", "p");
        var i = m.Interface(pkg, "i");
        // a record containing itself cannot come out of the resolver, but must not hang us
        var self = m.Named(i, "r", new RecordKind());
        ((RecordKind)m.Resolve.Types[self].Kind).Fields.Add(new Field("me", self));
        var abi = new ResolveAbi(m.Resolve);
        Assert.False(abi.Type(self).IsValid);
        Assert.Contains("depends on itself", abi.Type(self).Error);
        Assert.False(abi.Type(new TypeId(999)).IsValid);
    }

    [Fact]
    public void Functions_carry_their_component_model_name_and_async_flag()
    {
        var m = new ModelBuilder();
        var pkg = m.Package("ex", "p");
        var i = m.Interface(pkg, "i");
        var res = m.Named(i, "res", new ResourceKind());
        var function = m.Method(i, FunctionKind.AsyncMethod, "[method]res.get", res, WitType.U32, ("self", m.Anonymous(new HandleKind(HandleOwnership.Borrow, res))));
        var abi = new ResolveAbi(m.Resolve).Function(function);
        Assert.Equal("[method]res.get", abi.Name);
        Assert.True(abi.IsAsync);
        Assert.Equal(AbiTypeKind.Borrow, abi.Params.Single().Type.Kind);
    }
}

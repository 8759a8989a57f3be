using System.Linq;
using System.Text.Json;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Tests.TestSupport;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Tests.Abi;

public class LayoutReportTests
{
    // package ex:demo;
    // interface types {
    //   record point { x: s32, y: u8 }
    //   variant shape { circle(f32), rect(tuple<point, point>), none }
    //   enum color { red, green }
    //   flags perms { read, write, exec }
    //   type alias = point;
    //   resource blob { constructor(data: list<u8>); read: func(n: u64) -> result<list<u8>, string>;
    //                   open: static func(name: string) -> blob; }
    //   f: func(a: string, b: option<point>) -> shape;
    // }
    // world w { import types; type id = u64; export run: func(args: list<string>) -> result; }
    private static (Resolve Resolve, PackageId Package) Demo(SemVersion? version = null)
    {
        var m = new ModelBuilder();
        var pkg = m.Package("ex", "demo", version);
        var types = m.Interface(pkg, "types");
        var point = m.Named(types, "point", new RecordKind(ModelBuilder.Fields(("x", WitType.S32), ("y", WitType.U8))));
        var pair = m.Anonymous(new TupleKind(new() { point, point }));
        m.Named(types, "shape", new VariantKind(new() { new Case("circle", WitType.F32), new Case("rect", pair), new Case("none") }));
        m.Named(types, "color", new EnumKind(new() { new EnumCase("red"), new EnumCase("green") }));
        m.Named(types, "perms", new FlagsKind(new() { new Flag("read"), new Flag("write"), new Flag("exec") }));
        m.Named(types, "alias", new AliasKind(point));
        var blob = m.Named(types, "blob", new ResourceKind());
        var ownBlob = m.Anonymous(new HandleKind(HandleOwnership.Own, blob));
        var borrowBlob = m.Anonymous(new HandleKind(HandleOwnership.Borrow, blob));
        var bytes = m.Anonymous(new ListKind(WitType.U8));
        m.Method(types, FunctionKind.Constructor, "[constructor]blob", blob, ownBlob, ("data", bytes));
        m.Method(types, FunctionKind.Method, "[method]blob.read", blob, m.Anonymous(new ResultKind(bytes, WitType.String)), ("self", borrowBlob), ("n", WitType.U64));
        m.Method(types, FunctionKind.Static, "[static]blob.open", blob, ownBlob, ("name", WitType.String));
        var shape = m.Resolve.Interfaces[types].Types["shape"];
        m.Function(types, "f", shape, ("a", WitType.String), ("b", m.Anonymous(new OptionKind(point))));

        var w = m.World(pkg, "w");
        m.ImportInterface(w, types);
        m.Named(w, "id", new AliasKind(WitType.U64));
        m.WorldFunction(w, "run", m.Anonymous(new ResultKind(null, null)), export: true, ("args", m.Anonymous(new ListKind(WitType.String))));
        return (m.Resolve, pkg);
    }

    [Fact]
    public void Json_snapshot_lift()
    {
        var (resolve, pkg) = Demo();
        Snapshot.Verify(LayoutReport.ToJson(resolve, new[] { pkg }, null, AbiConvention.Lift), "demo-lift-json");
    }

    [Fact]
    public void Table_snapshot_lower()
    {
        var (resolve, pkg) = Demo();
        Snapshot.Verify(LayoutReport.ToTable(resolve, new[] { pkg }, null, AbiConvention.Lower), "demo-lower-table");
    }

    [Fact]
    public void Json_entries_follow_the_spec()
    {
        var (resolve, pkg) = Demo();
        using var doc = JsonDocument.Parse(LayoutReport.ToJson(resolve, new[] { pkg }, null, AbiConvention.Lift));
        var root = doc.RootElement;

        var point = root.GetProperty("ex:demo/types.point");
        Assert.Equal(8, point.GetProperty("size").GetInt32());
        Assert.Equal(4, point.GetProperty("align").GetInt32());
        Assert.Equal(new[] { "i32", "i32" }, point.GetProperty("flat").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4, point.GetProperty("fields").GetProperty("y").GetInt32());

        // the alias repeats the entry of what it names; the resource is an owned handle
        Assert.Equal(point.ToString(), root.GetProperty("ex:demo/types.alias").ToString());
        Assert.Equal("{\n  \"size\": 4,\n  \"align\": 4,\n  \"flat\": [\n    \"i32\"\n  ]\n}".Replace("\n", "").Replace(" ", ""),
            root.GetProperty("ex:demo/types.blob").GetRawText().Replace("\n", "").Replace(" ", ""));

        var shape = root.GetProperty("ex:demo/types.shape");
        Assert.Equal(20, shape.GetProperty("size").GetInt32());
        Assert.Equal(1, shape.GetProperty("discriminant").GetProperty("size").GetInt32());
        Assert.Equal(4, shape.GetProperty("payload_offset").GetInt32());
        Assert.Equal(new[] { "i32", "i32", "i32", "i32", "i32" }, shape.GetProperty("flat").EnumerateArray().Select(e => e.GetString()));

        var color = root.GetProperty("ex:demo/types.color");
        Assert.Equal(1, color.GetProperty("payload_offset").GetInt32());

        Assert.Equal(8, root.GetProperty("ex:demo/w.id").GetProperty("size").GetInt32());

        var functions = root.GetProperty("functions");
        var read = functions.GetProperty("ex:demo/types#[method]blob.read");
        Assert.Equal(new[] { "i32", "i64" }, read.GetProperty("params").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "i32" }, read.GetProperty("results").EnumerateArray().Select(e => e.GetString()));
        Assert.False(read.GetProperty("params_spill").GetBoolean());
        Assert.True(read.GetProperty("results_spill").GetBoolean());
        Assert.True(functions.TryGetProperty("ex:demo/types#[constructor]blob", out _));
        Assert.True(functions.TryGetProperty("ex:demo/types#[static]blob.open", out _));
        Assert.True(functions.TryGetProperty("ex:demo/w#run", out _));
    }

    [Fact]
    public void Lower_convention_takes_an_out_pointer()
    {
        var (resolve, pkg) = Demo();
        using var doc = JsonDocument.Parse(LayoutReport.ToJson(resolve, new[] { pkg }, null, AbiConvention.Lower));
        var read = doc.RootElement.GetProperty("functions").GetProperty("ex:demo/types#[method]blob.read");
        Assert.Equal(new[] { "i32", "i64", "i32" }, read.GetProperty("params").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(read.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void Versioned_packages_and_one_world()
    {
        var (resolve, pkg) = Demo(new SemVersion(1, 2, 0));
        var report = LayoutReport.Create(resolve, new[] { pkg }, resolve.Packages[pkg].Worlds["w"], AbiConvention.Lift);
        Assert.Contains(report.Types, t => t.Key == "ex:demo/types@1.2.0.point");
        Assert.Contains(report.Types, t => t.Key == "ex:demo/w@1.2.0.id");
        Assert.Contains(report.Functions, f => f.Key == "ex:demo/w@1.2.0#run");


    }

    [Fact]
    public void Invalid_types_are_reported_not_thrown()
    {
        var m = new ModelBuilder();
        var pkg = m.Package("ex", "bad");
        var iface = m.Interface(pkg, "i");
        var big = m.Named(iface, "big", new FlagsKind(Enumerable.Range(0, 33).Select(i => new Flag("f" + i)).ToList()));
        m.Function(iface, "take", null, ("b", big));
        using var doc = JsonDocument.Parse(LayoutReport.ToJson(m.Resolve, new[] { pkg }, null, AbiConvention.Lift));
        Assert.Equal("cannot have more than 32 flags", doc.RootElement.GetProperty("ex:bad/i.big").GetProperty("error").GetString());
        Assert.Equal("parameter `b`: cannot have more than 32 flags", doc.RootElement.GetProperty("functions").GetProperty("ex:bad/i#take").GetProperty("error").GetString());
    }

    [Fact]
    public void Deeply_nested_model_types_do_not_overflow_the_stack()
    {
        var m = new ModelBuilder();
        var pkg = m.Package("ex", "deep");
        var iface = m.Interface(pkg, "i");
        WitType type = WitType.U8;
        for (int i = 0; i < 100_000; i++) type = m.Anonymous(new OptionKind(type));
        m.Named(iface, "deep", new AliasKind(type));
        var report = LayoutReport.Create(m.Resolve, new[] { pkg }, null, AbiConvention.Lift);
        Assert.Equal(100_001, report.Types.Single().Type.Layout.Size);
        Assert.Contains("\"flat_count\": 100001", report.ToJson());
    }
}

using System.IO;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using Xunit.Abstractions;

namespace WitTools.BindGen.Tests.Abi;

/// <summary>The layout report over real WIT, loaded by <see cref="WitLoader"/>.</summary>
public class LayoutReportWitTests(ITestOutputHelper output)
{
    private const string Demo = """
        package ex:demo;

        interface types {
          record point { x: s32, y: u8 }
          variant shape { circle(f32), rect(tuple<point, point>), none }
          enum color { red, green }
          flags perms { read, write, exec }
          type alias = point;
          resource blob {
            constructor(data: list<u8>);
            read: func(n: u64) -> result<list<u8>, string>;
            open: static func(name: string) -> blob;
          }
          f: func(a: string, b: option<point>) -> shape;
        }

        world w {
          import types;
          type id = u64;
          export run: func(args: list<string>) -> result;
        }
        """;

    private static LoadResult Load(string text)
    {
        var result = WitLoader.LoadText("demo.wit", text, FeatureSet.None);
        Assert.True(result.Success, result.RenderDiagnostics());
        return result;
    }

    [Fact]
    public void Loaded_wit_gives_the_same_report_as_the_hand_built_model()
    {
        var loaded = Load(Demo);
        var json = LayoutReport.ToJson(loaded.Resolve!, loaded.MainPackages, null, AbiConvention.Lift);
        string verified = File.ReadAllText(Path.Combine(Snapshots(), "LayoutReportTests.demo-lift-json.verified.txt"));
        Assert.Equal(verified, json);
    }

    [Fact]
    public void Signatures_at_the_limits_from_wit()
    {
        var loaded = Load("""
            package ex:limits;
            interface i {
              sixteen: func(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32,
                            i: u32, j: u32, k: u32, l: u32, m: u32, n: u32, o: u32, p: u32) -> u64;
              seventeen: func(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32,
                              i: u32, j: u32, k: u32, l: u32, m: u32, n: u32, o: u32, p: u32, q: u32) -> tuple<u8, u8>;
            }
            """);
        var lift = LayoutReport.Create(loaded.Resolve!, loaded.MainPackages, null, AbiConvention.Lift);
        var sixteen = lift.Functions.Single(f => f.Key == "ex:limits/i#sixteen").Signature!;
        Assert.Equal((16, false, false), (sixteen.Params.Count, sixteen.ParamsSpilled, sixteen.ResultsSpilled));
        var seventeen = lift.Functions.Single(f => f.Key == "ex:limits/i#seventeen").Signature!;
        Assert.Equal("(i32) -> (i32)", seventeen.ToString());
        var lower = LayoutReport.Create(loaded.Resolve!, loaded.MainPackages, null, AbiConvention.Lower);
        Assert.Equal("(i32, i32) -> ()", lower.Functions.Single(f => f.Key == "ex:limits/i#seventeen").Signature!.ToString());
    }

    [Fact]
    public void Edge_cases_from_wit()
    {
        var flags = string.Join(", ", Enumerable.Range(0, 33).Select(i => "g" + i));
        var loaded = Load($$"""
            package ex:edge;
            interface e {
              flags big { {{flags}} }
              type arr = list<u32, 3>;
              type m = map<string, u64>;
              record r { a: arr, b: list<tuple<u8, u16>, 2> }
              f: func(x: big);
              g: async func(a: string, b: string, c: u8) -> string;
            }
            """);
        var lift = LayoutReport.Create(loaded.Resolve!, loaded.MainPackages, null, AbiConvention.Lift);
        Assert.Equal("cannot have more than 32 flags", lift.Types.Single(t => t.Key == "ex:edge/e.big").Type.Error);
        Assert.Equal("parameter `x`: cannot have more than 32 flags", lift.Functions.Single(f => f.Key == "ex:edge/e#f").Error);
        var r = lift.Types.Single(t => t.Key == "ex:edge/e.r").Type;
        Assert.Equal((20L, 4, 7L), (r.Layout.Size, r.Layout.Align, r.Flat.Count));
        Assert.Equal(new long[] { 0, 12 }, r.Layout.FieldOffsets);
        Assert.Equal(8, lift.Types.Single(t => t.Key == "ex:edge/e.m").Type.Layout.Size);

        var g = lift.Functions.Single(f => f.Key == "ex:edge/e#g").Signature!;
        Assert.Equal("(i32, i32, i32, i32, i32) -> (i32)", g.ToString());
        Assert.Equal("(i32, i32) -> ()", g.TaskReturn!.ToString());
        var lower = LayoutReport.Create(loaded.Resolve!, loaded.MainPackages, null, AbiConvention.Lower);
        Assert.Equal("(i32, i32) -> (i32)", lower.Functions.Single(f => f.Key == "ex:edge/e#g").Signature!.ToString());
    }

    private static string Snapshots([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;


    [Fact]
    public void Every_wasi_package_has_a_valid_layout()
    {
        string root = global::WitTools.Tests.Shared.WitCorpus.Root;
        int packages = 0, types = 0, functions = 0;
        foreach (var version in Directory.GetDirectories(root).OrderBy(d => d))
        {
            foreach (var package in Directory.GetDirectories(version).OrderBy(d => d))
            {
                var loaded = WitLoader.Load(package, FeatureSet.All);
                Assert.True(loaded.Success, package + ": " + loaded.RenderDiagnostics());
                foreach (var convention in new[] { AbiConvention.Lift, AbiConvention.Lower })
                {
                    var report = LayoutReport.Create(loaded.Resolve!, loaded.MainPackages, null, convention);
                    Assert.All(report.Types, t => Assert.True(t.Type.IsValid, t.Key + ": " + t.Type.Error));
                    Assert.All(report.Functions, f => Assert.True(f.Signature is not null, f.Key + ": " + f.Error));
                    foreach (var f in report.Functions)
                    {
                        var plan = AbiPlanner.Plan(f.Function, convention);
                        Assert.True(plan.Error is null, f.Key + ": " + plan.Error);
                    }
                    if (convention == AbiConvention.Lift)
                    {
                        types += report.Types.Count;
                        functions += report.Functions.Count;
                    }
                }
                packages++;
            }
        }
        output.WriteLine($"{packages} packages, {types} types, {functions} functions laid out and planned");
    }
}

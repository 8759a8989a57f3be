using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using WitTools.BindGen.Tests.Guest;
using WitTools.BindGen.Tests.Host.Features;
using WitTools.BindGen.Tests.Host.TestSupport;
using WitTools.Tests.Shared;
using Gen = WitTools.BindGen.Tests.Host.Features.Test.Host;

namespace WitTools.BindGen.Tests.Host;

/// <summary>The features world (Host/wit/features) as a forwarding component: each export calls the matching import.</summary>
public sealed class FeaturesComponentFixture : IDisposable
{
    public FeaturesComponentFixture()
    {
        var load = GuestCompiler.Load(Path.Combine(RepositoryPaths.Root, "tests", "BindGen.Tests", "Host", "wit", "features"));
        var world = GuestCompiler.Worlds(load).Single(w => w.Name.EndsWith("/features")).Id;
        Wat = ForwarderComponent.Build(load.Resolve!, world, worldPairs: new[] { ("now", "clock") });
        Engine = new WitEngine();
        Component = WitComponent.FromText(Engine, Wat);
        Faulty = WitComponent.FromFile(Engine, Path.Combine(AppContext.BaseDirectory, "Host", "wat", "faulty.wat"));
    }

    public string Wat { get; }
    public WitEngine Engine { get; }
    public WitComponent Component { get; }
    public WitComponent Faulty { get; }

    public void Dispose()
    {
        Component.Dispose();
        Faulty.Dispose();
        Engine.Dispose();
    }
}

/// <summary>
/// Host bindings of a world that imports and exports the same interface (and has world-level types and functions):
/// the host calls each export, the component forwards it to the host's implementation of the import, so every value
/// crosses in both directions; results mapped to exceptions; host exceptions and component traps.
/// </summary>
public sealed class FeatureHostTests : IClassFixture<FeaturesComponentFixture>
{
    private readonly FeaturesComponentFixture _fixture;

    public FeatureHostTests(FeaturesComponentFixture fixture) => _fixture = fixture;

    /// <summary>The host's implementation of the imports: records what the component passed, answers with
    /// <see cref="Answer"/> (or throws <see cref="Throw"/>).</summary>
    private sealed class Imports : Gen.Values.IHost, Gen.FeaturesWorld.IHost
    {
        public List<object?> Received { get; } = new();
        public Func<object?, object?>? Answer { get; set; }
        public Exception? Throw { get; set; }

        private T Reply<T>(object? received)
        {
            Received.Add(received);
            if (Throw is not null) throw Throw;
            return (T)(Answer is null ? received : Answer(received))!;
        }

        public Gen.Values.Point EchoPoint(Gen.Values.Point p) => Reply<Gen.Values.Point>(p);
        public Gen.Values.Shape EchoShape(Gen.Values.Shape s) => Reply<Gen.Values.Shape>(s);
        public byte[] EchoBytes(byte[] b) => Reply<byte[]>(b);
        public string EchoText(string t) => Reply<string>(t);
        public Gen.Values.Bag EchoBag(Gen.Values.Bag b) => Reply<Gen.Values.Bag>(b);

        public (ulong, string, Gen.Values.Point[]) EchoMany(byte a, ushort b, uint c, ulong d, sbyte e, short f, int g, long h, float i, double j,
            Rune k, bool l, string m, uint? n, (byte, string) o, Gen.Values.Point[] p, Gen.Values.Color q)
        {
            Received.Add((a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q));
            return (d + c + b + a, m + o.Item2 + k + q, p);
        }

        public IReadOnlyDictionary<string, Gen.Values.Point[]> EchoMap(IReadOnlyDictionary<string, Gen.Values.Point[]> m) =>
            Reply<IReadOnlyDictionary<string, Gen.Values.Point[]>>(m);

        public uint Divide(uint a, uint b) => b == 0 ? throw new WitException<string>("division by zero") : Reply<uint>(a / b);

        public void Check(bool ok)
        {
            Received.Add(ok);
            if (!ok) throw new WitException<Gen.Values.Color>(Gen.Values.Color.Blue);
        }

        public void Nothing() => Received.Add("nothing");

        public Gen.FeaturesWorld.Stamp Clock() => Reply<Gen.FeaturesWorld.Stamp>(new Gen.FeaturesWorld.Stamp(1234567890123, "tick ✓"));
    }

    private Gen.FeaturesHost Instantiate(Imports imports) => Gen.FeaturesHost.Instantiate(_fixture.Component, imports, imports);

    [Fact]
    public void RecordsAndVariantsCrossBothWays()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        var p = new Gen.Values.Point(-3, int.MaxValue);
        Assert.Equal(p, host.Values.EchoPoint(p));
        Assert.Equal(p, Assert.Single(imports.Received));

        imports.Answer = _ => new Gen.Values.Shape.Rect(new Gen.Values.Point(1, 2));
        Assert.Equal(new Gen.Values.Shape.Rect(new Gen.Values.Point(1, 2)), host.Values.EchoShape(new Gen.Values.Shape.Circle(2.5)));
        Assert.Equal(new Gen.Values.Shape.Circle(2.5), imports.Received[1]);
        imports.Answer = null;
        Assert.Equal(new Gen.Values.Shape.Nothing(), host.Values.EchoShape(new Gen.Values.Shape.Nothing()));
    }

    [Fact]
    public void EveryKindOfValueRoundTrips()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        var bag = new Gen.Values.Bag(
            "näme \U0001F600", new[] { "", "a", "ÿ", "\u4E2D\u6587" }, Gen.Values.Color.Green, Gen.Values.Perms.Read | Gen.Values.Perms.Exec,
            new Gen.Values.Shape[] { new Gen.Values.Shape.Circle(double.NaN), new Gen.Values.Shape.Nothing(), new Gen.Values.Shape.Rect(new(int.MinValue, 0)) },
            (255, "pair"), new Gen.Values.Point(7, 8), Option<uint?>.Some(42), Result<ulong, string>.Err("bad"), new Rune(0x10FFFF),
            Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());
        Assert.Equal(bag, host.Values.EchoBag(bag));
        Assert.Equal(bag, Assert.Single(imports.Received));

        var other = bag with { Maybe = null, Nested = Option<uint?>.None, Outcome = Result<ulong, string>.Ok(ulong.MaxValue), Tags = Array.Empty<string>(), Perms = default };
        Assert.Equal(other, host.Values.EchoBag(other));
        var some = bag with { Nested = Option<uint?>.Some(null) }; // some(none) is not none
        Assert.NotEqual(bag, some);
        Assert.Equal(some, host.Values.EchoBag(some));
    }

    [Fact]
    public void SeventeenParametersSpillToMemory()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        var points = new[] { new Gen.Values.Point(1, 1) };
        var (sum, text, back) = host.Values.EchoMany(1, 2, 3, 4, -5, -6, -7, -8, 9.5f, 10.25, new Rune('é'), true, "m", null, (11, "o"), points, Gen.Values.Color.Red);
        Assert.Equal(10UL, sum);
        Assert.Equal("moéRed", text);
        Assert.Equal(points, back);
        var received = ((byte, ushort, uint, ulong, sbyte, short, int, long, float, double, Rune, bool, string, uint?, (byte, string), Gen.Values.Point[], Gen.Values.Color))Assert.Single(imports.Received)!;
        Assert.Equal(9.5f, received.Item9);
        Assert.Null(received.Item14);
    }

    [Fact]
    public void BytesAndText()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        var bytes = new byte[64 * 1024];
        new Random(5).NextBytes(bytes);
        Assert.Equal(bytes, host.Values.EchoBytes(bytes));
        Assert.Empty(host.Values.EchoBytes(Array.Empty<byte>()));
        foreach (var text in new[] { "", "ascii", "Latin-1 ÿ", "BMP \u4E2D", "astral \U0001F680", new string('x', 10000) })
            Assert.Equal(text, host.Values.EchoText(text));
    }

    [Fact]
    public void MapsCrossBothWays()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        var map = new Dictionary<string, Gen.Values.Point[]> { ["a"] = new[] { new Gen.Values.Point(1, 2) }, ["ü"] = Array.Empty<Gen.Values.Point>() };
        var back = host.Values.EchoMap(map);
        Assert.Equal(map.Keys.OrderBy(k => k), back.Keys.OrderBy(k => k));
        foreach (var key in map.Keys) Assert.Equal(map[key], back[key]);
        var received = (IReadOnlyDictionary<string, Gen.Values.Point[]>)Assert.Single(imports.Received)!;
        Assert.Equal(new Gen.Values.Point(1, 2), received["a"].Single());
    }

    [Fact]
    public void ResultsAreExceptionsBothWays()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        Assert.Equal(3u, host.Values.Divide(10, 3));
        // the host's implementation throws WitException<string>: the component receives err("division by zero")
        // and returns it, so the caller gets the same exception back
        Assert.Equal("division by zero", Assert.Throws<WitException<string>>(() => host.Values.Divide(1, 0)).Value);
        host.Values.Check(true);
        Assert.Equal(Gen.Values.Color.Blue, Assert.Throws<WitException<Gen.Values.Color>>(() => host.Values.Check(false)).Value);
        host.Values.Nothing();
        Assert.Equal("nothing", imports.Received.Last());
        Assert.Null(host.Store.TrappedIn); // errors are values, not traps
    }

    [Fact]
    public void WorldLevelFunctionsAndTypes()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        Assert.Equal(new Gen.FeaturesWorld.Stamp(1234567890123, "tick ✓"), host.Exports.Now());
    }

    [Fact]
    public void AnUnpairedSurrogateIsRefusedBeforeTheCall()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        var error = Assert.Throws<ArgumentException>(() => host.Values.EchoText("bad \ud800 string"));
        Assert.Contains("unpaired surrogate (U+D800 at index 4)", error.Message);
        Assert.Empty(imports.Received);
        Assert.Equal("fine", host.Values.EchoText("fine")); // nothing was called, the store is usable
    }

    [Fact]
    public void AHostExceptionTrapsTheComponentAndReachesTheCaller()
    {
        var imports = new Imports { Throw = new FormatException("cannot answer") };
        using var host = Instantiate(imports);
        var trap = Assert.Throws<WitComponentTrapException>(() => host.Values.EchoText("x"));
        Assert.Equal("test:host/values@1.0.0#echo-text", trap.Function);
        Assert.Contains("host function `test:host/values@1.0.0#echo-text` failed: System.FormatException: cannot answer", trap.Message);
        Assert.IsType<FormatException>(trap.InnerException);
        Assert.Throws<WitComponentTrapException>(() => host.Exports.Now());
    }

    [Fact]
    public void AComponentTrapNamesTheFunction()
    {
        using var host = Gen.FaultyHost.Instantiate(_fixture.Faulty);
        var trap = Assert.Throws<WitComponentTrapException>(() => host.Faults.Boom());
        Assert.Equal("test:host/faults@1.0.0#boom", trap.Function);
        Assert.Equal("WIT function `test:host/faults@1.0.0#boom` trapped: wasm trap: wasm `unreachable` instruction executed", trap.Message);
        Assert.Contains("wasm backtrace", trap.Trap);
        Assert.Null(trap.InnerException);
        Assert.Equal("test:host/faults@1.0.0#boom", host.Store.TrappedIn);
        Assert.Contains("trapped earlier", Assert.Throws<WitComponentTrapException>(() => host.Faults.Boom()).Message);
    }

    [Fact]
    public void AStoreHoldsOneInstance()
    {
        var imports = new Imports();
        using var host = Instantiate(imports);
        var error = Assert.Throws<InvalidOperationException>(() => Gen.FeaturesHost.Instantiate(_fixture.Component, imports, imports, host.Store));
        Assert.Contains("one store per instance", error.Message);
        Assert.Equal(new Gen.Values.Point(0, 0), host.Values.EchoPoint(new Gen.Values.Point(0, 0)));
        Assert.Throws<ArgumentNullException>(() => Gen.FeaturesHost.Instantiate(_fixture.Component, null!, imports));
    }

    [Fact]
    public void ADisposedInstanceRefusesCalls()
    {
        var host = Instantiate(new Imports());
        host.Dispose();
        Assert.True(host.Store.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => host.Values.EchoPoint(new Gen.Values.Point(0, 0)));
    }
}

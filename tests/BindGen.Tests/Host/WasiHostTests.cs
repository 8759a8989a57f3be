using System;
using System.IO;
using System.Linq;
using WitTools.BindGen.Tests.Guest;
using WitTools.BindGen.Tests.Host.TestSupport;
using WitTools.BindGen.Tests.Host.Wasi;
using WitTools.Tests.Shared;
using Gen = WitTools.BindGen.Tests.Host.Wasi.Test.Wasi;

namespace WitTools.BindGen.Tests.Host;

/// <summary>
/// A world importing WASI (Host/wit/wasi): the host bindings link Wasmtime's WASI preview 2 and give each store a WASI
/// context (arguments and environment from <see cref="WitWasiConfiguration"/>); the host implements nothing itself.
/// </summary>
public sealed class WasiHostTests : IDisposable
{
    private readonly WitEngine _engine = new();
    private readonly WitComponent _component;

    public WasiHostTests()
    {
        var load = GuestCompiler.Load(Path.Combine(RepositoryPaths.Root, "tests", "BindGen.Tests", "Host", "wit", "wasi"));
        var world = GuestCompiler.Worlds(load).Single().Id;
        string wat = ForwarderComponent.Build(load.Resolve!, world, worldPairs: new[]
        {
            ("roll", "wasi:random/random@0.2.0#get-random-u64"),
            ("arguments", "wasi:cli/environment@0.2.0#get-arguments"),
            ("environment", "wasi:cli/environment@0.2.0#get-environment"),
        });
        _component = WitComponent.FromText(_engine, wat);
    }

    public void Dispose()
    {
        _component.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void WasiPreview2IsLinked()
    {
        using var host = Gen.WasiUserHost.Instantiate(_component);
        Assert.True(host.Store.HasWasi);
        var rolls = Enumerable.Range(0, 8).Select(_ => host.Exports.Roll()).ToHashSet();
        Assert.True(rolls.Count > 1);
        Assert.Empty(host.Exports.Arguments());
    }

    [Fact]
    public void TheStoreConfiguresWasi()
    {
        var wasi = new WitWasiConfiguration { InheritStdout = false, InheritStderr = false };
        wasi.Arguments.Add("factor");
        wasi.Arguments.Add("ü 360");
        wasi.Environment["MODE"] = "test";
        using var host = Gen.WasiUserHost.Instantiate(_component, new WitStore(_engine, wasi));
        Assert.Equal(new[] { "factor", "ü 360" }, host.Exports.Arguments());
        Assert.Equal(new[] { ("MODE", "test") }, host.Exports.Environment());
    }

    [Fact]
    public void AStoreWithoutWasiIsRefused()
    {
        using var store = new WitStore(_engine);
        var error = Assert.Throws<ArgumentException>(() => Gen.WasiUserHost.Instantiate(_component, store));
        Assert.StartsWith("the world imports WASI: the store needs a WASI configuration", error.Message);
    }
}

using System.Linq;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Host;
using WitTools.BindGen.Tests.Guest;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Binding;

/// <summary>
/// An imported interface (and the world's own imported functions) has one C# contract: the guest bindings' import
/// contract, which a unit test provides through <c>WitImports.Provide</c>, is the interface the host bindings make a .NET
/// host implement — same name, member names and signatures — so one class serves both (it used to be
/// <c>Progress.IHost</c> on the guest and <c>Progress.IProgress</c> on the host, with <c>T[]</c> against
/// <c>ReadOnlySpan&lt;T&gt;</c> parameters and a constructor following the result mapping on one side only).
/// </summary>
public sealed class ImportContractAgreementTests
{
    private const string Wit = """
        package demo:shared;

        interface api {
            resource conn {
                constructor(addr: string) -> result<conn, string>;
                send: func(data: list<u8>) -> u32;
                open: static func(addr: string) -> conn;
            }
            checksum: func(data: list<u8>) -> u32;
            parse: func(text: string) -> result<u32, string>;
            connect: func(addr: string) -> result<conn, string>;
            i-api: func();
        }

        interface mirror {
            reflect: func(values: list<u32>) -> list<u32>;
        }

        world app {
            import api;
            import mirror;
            export mirror;
            import tick: func(n: u64) -> u64;
        }
        """;

    private static (Resolve Resolve, WorldId World) Load()
    {
        var load = WitLoader.LoadText("shared.wit", Wit, FeatureSet.None);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        return (load.Resolve!, GuestCompiler.Worlds(load).Single().Id);
    }

    /// <summary>A contract member as C# sees it: "Return Name(Type name, …)" plus what it throws.</summary>
    private static string Member(FunctionBinding f, string name, System.Collections.Generic.IEnumerable<ParameterBinding> parameters) =>
        $"{f.Return} {name}({string.Join(", ", parameters.Select(p => p.Type + " " + p.Name))}) throws {f.ThrownError}";

    [Theory]
    [InlineData(ResultMapping.Exceptions)]
    [InlineData(ResultMapping.Result)]
    public void The_guest_import_contracts_are_the_contracts_the_host_implements(ResultMapping mapping)
    {
        var (resolve, world) = Load();
        var options = BindingOptions.Default with { ResultMapping = mapping };
        var guest = BindingBuilder.Build(resolve, world, options).World!;
        var host = BindingBuilder.BuildHost(resolve, world, options).World!;

        foreach (var name in new[] { "demo:shared/api", "demo:shared/mirror" })
        {
            var guestContract = guest.Interfaces.Single(i => i.ModuleName == name && i.Imported).Host!;
            var hostContract = host.Interfaces.Single(i => i.InstanceName == name).Implemented!;
            Assert.Equal(guestContract.Contract, hostContract.Contract);
            Assert.Equal(
                guestContract.Members.Select(m => Member(m, m.Dispatch!.Member, m.Dispatch.Parameters)),
                hostContract.Members.Select(m => Member(m.Function, m.Function.MemberName, m.Function.Parameters)));
        }
        Assert.Equal("IHost", guest.Interfaces.Single(i => i.ModuleName == "demo:shared/api").Host!.Contract.Simple);
        Assert.Equal(guest.Host!.Contract, host.Implemented!.Contract);
        Assert.Equal(guest.Host.Members.Select(m => Member(m, m.Dispatch!.Member, m.Dispatch.Parameters)),
            host.Implemented.Members.Select(m => Member(m.Function, m.Function.MemberName, m.Function.Parameters)));

        // the exported instance of `mirror` keeps the export contract, distinct from the import contract
        var mirror = host.Interfaces.Single(i => i.InstanceName == "demo:shared/mirror");
        Assert.Equal("IMirror", mirror.Called!.Contract.Simple);
        Assert.NotEqual(mirror.Implemented!.Contract, mirror.Called.Contract);
    }

    /// <summary>One fake, written once, compiled against the guest bindings and against the host bindings of the world.</summary>
    private const string Fake = """
        namespace Wit.Demo.Shared
        {
            public sealed class FakeHost : Api.IHost, Mirror.IHost, AppWorld.IHost
            {
                public Api.Conn CreateConn(string addr) => throw new global::System.NotSupportedException("no connections in this fake");
                public Api.Conn ConnOpen(string addr) => CreateConn(addr);
                public uint Checksum(byte[] data) => (uint)global::System.Linq.Enumerable.Sum(data, b => b);
                public uint Parse(string text) => uint.TryParse(text, out uint n) ? n : throw new WitException<string>("not a number");
                public Api.Conn Connect(string addr) => CreateConn(addr);
                public void IApi() { }
                public uint[] Reflect(uint[] values) => global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Reverse(values));
                public ulong Tick(ulong n) => n + 1;
            }
        }
        """;

    [Fact]
    public void One_class_implements_the_import_contracts_of_guest_and_host_bindings()
    {
        var (resolve, world) = Load();
        var guest = GuestGenerator.Generate(resolve, world, new GuestOptions());
        Assert.True(guest.Success);
        var (guestProblems, _) = GuestCompiler.Compile(guest.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Fake).Append(
            "namespace Wit.Demo.Shared { public static partial class AppWorld { private static partial Mirror.IMirror CreateMirror() => null!; } }"));
        Assert.True(guestProblems.Count == 0, GuestCompiler.Describe(guestProblems));

        var host = HostGenerator.Generate(resolve, world, new GuestOptions());
        Assert.True(host.Success, string.Join("\n", host.Diagnostics.Select(d => d.Message)));
        var (hostProblems, _) = GuestCompiler.Compile(host.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Fake).Append(
            "namespace Wit.Demo.Shared { static class Use { static AppHost Run(WitComponent c) => AppHost.Instantiate(c, new FakeHost(), new FakeHost(), new FakeHost()); } }"));
        Assert.True(hostProblems.Count == 0, GuestCompiler.Describe(hostProblems));
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using WitTools.AbiOracle.Random;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;
using WitTools.BindGen.Binding;
using WitTools.BindGen.Guest;
using WitTools.BindGen.Host;
using WitTools.BindGen.Tests.Guest;
using WitTools.BindGen.Tests.Guest.Differential;
using WitTools.BindGen.Tests.Host.TestSupport;
using WitTypeKind = WitTools.AbiOracle.Types.WitTypeKind;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Host.Differential;

/// <summary>
/// Issue 12: typed host calls through Wasmtime for the seeded random types the canonical-ABI tests generate
/// (<see cref="WitCaseGenerator"/>: every primitive, list, record, tuple, variant, enum, option, result, flags, nested;
/// 256+ cases, flags of three sizes, extreme numbers, NaNs, astral characters). One world per run:
/// <c>interface echo { echo-tK: func(x: tK) -> tK }</c>, imported and exported; the component forwards each export to the
/// import (<see cref="ForwarderComponent"/>). A call carries the value host → component → host (the host's
/// implementation receives it) and the implementation's answer host → component → host: every value must arrive exactly,
/// in both directions, for each string encoding the component may declare (Wasmtime transcodes).
/// </summary>
public sealed class HostDifferentialTests : IClassFixture<HostDifferentialTests.Fixture>
{
    public const int Seed = 20261204;
    public const int TypesPerKind = 8;
    public const int ValuesPerType = 8;

    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            int kinds = Enum.GetValues<WitTypeKind>().Length;
            Cases = new WitCaseGenerator(Seed) { VariedStrings = true }.NextCases(kinds * TypesPerKind, ValuesPerType);
            Wit = WriteWit(Cases.Select(c => c.Type).ToList());
            var load = WitLoader.LoadText("hdiff.wit", Wit, WitTools.WitParser.Model.FeatureSet.None);
            Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Message)) + "\n" + Wit);
            var world = GuestCompiler.Worlds(load).Single().Id;
            var generated = HostGenerator.Generate(load.Resolve!, world, new GuestOptions { RootNamespace = "Hdiff", ResultMapping = ResultMapping.Result });
            Assert.True(generated.Success, string.Join("\n", GuestCompiler.Errors(generated, load.Resolve!)));
            var (problems, compilation) = GuestCompiler.Compile(generated.Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Harness), assemblyName: "HostDifferential");
            Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
            stream.Position = 0;
            Assembly = new AssemblyLoadContext("host-differential").LoadFromStream(stream);
            Engine = Assembly.GetType("Hdiff.WitEngine")!.GetConstructor(Type.EmptyTypes)!.Invoke(null);
            foreach (var encoding in new[] { "utf8", "utf16", "latin1+utf16" })
            {
                string wat = ForwarderComponent.Build(load.Resolve!, world, encoding);
                Components[encoding] = Assembly.GetType("Hdiff.WitComponent")!.GetMethod("FromText")!.Invoke(null, new[] { Engine, wat })!;
            }
        }

        public IReadOnlyList<(WitValueType Type, IReadOnlyList<WitValue> Values)> Cases { get; }
        public string Wit { get; }
        public Assembly Assembly { get; }
        public object Engine { get; }
        public Dictionary<string, object> Components { get; } = new();

        public void Dispose()
        {
            foreach (var component in Components.Values) ((IDisposable)component).Dispose();
            ((IDisposable)Engine).Dispose();
        }
    }

    private const string Harness = """
namespace Hdiff.Test.Hdiff
{
    /// <summary>The host's implementation of the imported `echo`: every call goes to Handler.</summary>
    public class Echoer : global::System.Reflection.DispatchProxy
    {
        public static global::System.Func<global::System.Reflection.MethodInfo, object?[], object?> Handler = (_, _) => null;

        public static object Create() => global::System.Reflection.DispatchProxy.Create<Echo.IHost, Echoer>();

        protected override object? Invoke(global::System.Reflection.MethodInfo? targetMethod, object?[]? args) => Handler(targetMethod!, args!);
    }
}
""";

    private readonly Fixture _fixture;

    public HostDifferentialTests(Fixture fixture) => _fixture = fixture;

    /// <summary>The world: nominal types hoisted into named declarations (n0, n1, ... children first), each root an alias tK.</summary>
    private static string WriteWit(IReadOnlyList<WitValueType> types)
    {
        var names = new Dictionary<WitValueType, string>(ReferenceEqualityComparer.Instance);
        var declarations = new StringBuilder();
        string Ref(WitValueType type)
        {
            if (names.TryGetValue(type, out var existing)) return existing;
            switch (type)
            {
                case PrimitiveType p: return p.Kind.ToString().ToLowerInvariant();
                case ListType l: return $"list<{Ref(l.Element)}>";
                case OptionType o: return $"option<{Ref(o.Payload)}>";
                case ResultType r when r.Ok == null && r.Err == null: return "result";
                case ResultType r when r.Err == null: return $"result<{Ref(r.Ok!)}>";
                case ResultType r: return $"result<{(r.Ok == null ? "_" : Ref(r.Ok))}, {Ref(r.Err!)}>";
                case TupleType t: return $"tuple<{string.Join(", ", t.Items.Select(Ref))}>";
            }
            string body = type switch
            {
                RecordType r => "record {0} { " + string.Join(", ", r.Fields.Select(f => f.Name + ": " + Ref(f.Type!))) + " }",
                VariantType v => "variant {0} { " + string.Join(", ", v.Cases.Select(c => c.Type == null ? c.Name : c.Name + "(" + Ref(c.Type) + ")")) + " }",
                EnumType e => "enum {0} { " + string.Join(", ", e.Names) + " }",
                FlagsType f => "flags {0} { " + string.Join(", ", f.Names) + " }",
                _ => throw new ArgumentException("unsupported type " + type),
            };
            var name = "n" + names.Count;
            names.Add(type, name);
            declarations.Append("    ").Append(body.Replace("{0}", name)).Append('\n');
            return name;
        }
        var functions = new StringBuilder();
        for (int k = 0; k < types.Count; k++)
        {
            string root = Ref(types[k]);
            declarations.Append($"    type t{k} = {root};\n");
            functions.Append($"    echo-t{k}: func(x: t{k}) -> t{k};\n");
        }
        return "package test:hdiff;\n\ninterface echo {\n" + declarations + functions + "}\n\nworld hdiff {\n    import echo;\n    export echo;\n}\n";
    }

    [Fact]
    public void CasesCoverEveryKindAndAThousandValues()
    {
        Assert.Equal(Enum.GetValues<WitTypeKind>().ToHashSet(), _fixture.Cases.Select(c => c.Type.Kind).ToHashSet());
        Assert.True(_fixture.Cases.Sum(c => c.Values.Count) * 3 >= 1000);
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    [InlineData("latin1+utf16")]
    public void EveryValueCrossesBothWaysExactly(string encoding)
    {
        var assembly = _fixture.Assembly;
        var echoer = assembly.GetType("Hdiff.Test.Hdiff.Echoer")!;
        var hostType = assembly.GetType("Hdiff.Test.Hdiff.HdiffHost")!;
        var contract = assembly.GetType("Hdiff.Test.Hdiff.Echo+IEcho")!;
        var implementation = echoer.GetMethod("Create")!.Invoke(null, null)!;
        var handler = echoer.GetField("Handler")!;
        var instantiate = hostType.GetMethod("Instantiate")!;
        var host = (IDisposable)instantiate.Invoke(null, new[] { _fixture.Components[encoding], implementation, null })!;
        try
        {
            var client = hostType.GetProperty("Echo")!.GetValue(host)!;
            int crossings = 0;
            for (int k = 0; k < _fixture.Cases.Count; k++)
            {
                var (type, values) = _fixture.Cases[k];
                var method = contract.GetMethod("EchoT" + k)!;
                var csType = method.ReturnType;
                for (int i = 0; i < values.Count; i++)
                {
                    var sent = values[i];
                    var answer = values[(i + 1) % values.Count];
                    object? received = null;
                    handler.SetValue(null, (Func<MethodInfo, object?[], object?>)((m, args) =>
                    {
                        Assert.Equal("EchoT" + k, m.Name);
                        received = args[0];
                        return CSharpValues.ToCSharp(answer, type, csType);
                    }));
                    object? result;
                    try
                    {
                        result = method.Invoke(client, new[] { CSharpValues.ToCSharp(sent, type, csType) });
                    }
                    catch (TargetInvocationException e)
                    {
                        throw new Xunit.Sdk.XunitException($"echo-t{k}: {type} with {sent}: {e.InnerException}");
                    }
                    Assert.True(sent.Equals(CSharpValues.FromCSharp(received, type)), $"echo-t{k} ({type}): the host received {CSharpValues.FromCSharp(received, type)}, sent {sent}");
                    Assert.True(answer.Equals(CSharpValues.FromCSharp(result, type)), $"echo-t{k} ({type}): the host got back {CSharpValues.FromCSharp(result, type)}, answered {answer}");
                    crossings += 4;
                }
            }
            Assert.True(crossings >= 4 * 300);
        }
        finally
        {
            host.Dispose();
        }
    }
}

using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.BindGen.Tests.Binding;

/// <summary>The binding model as data: what it decides for the factorization world (names, shapes, ownership,
/// codecs, built-ins), that it is the same for the same input, and how it reports what it cannot bind.</summary>
public sealed class BindingBuilderTests
{
    private static (LoadResult Load, BindingResult Binding) Factorization(BindingOptions? options = null)
    {
        var load = WitLoader.Load(global::WitTools.Tests.Shared.RepositoryPaths.Example("factorization"), FeatureSet.None);
        Assert.True(load.Success);
        var world = load.Resolve!.Packages[load.MainPackages[0]].Worlds["factorizer"];
        var binding = BindingBuilder.Build(load.Resolve, world, options ?? BindingOptions.Default);
        Assert.True(binding.Success, string.Join("\n", binding.Diagnostics.Select(d => d.Message)));
        return (load, binding);
    }

    private static TypeDeclaration Type(WorldBinding world, string name) =>
        world.Interfaces.SelectMany(i => i.Types).Single(t => t.Name.Simple == name);

    [Fact]
    public void Names_and_shapes_of_the_factorization_world()
    {
        var world = Factorization().Binding.World!;
        Assert.Equal(new CsName("Wit.Wittools.Factorization", "FactorizerWorld"), world.Class);
        var record = (RecordDeclaration)Type(world, "Factorization");
        Assert.Equal(new[] { "N", "Factors" }, record.Fields.Select(f => f.PropertyName));
        Assert.Equal(new CsArrayType(new CsDeclaredType(new CsName("Wit.Wittools.Factorization", "Types", "PrimePower"))), record.Fields[1].Type);
        Assert.True(record.CustomEquality);
        var error = (VariantDeclaration)Type(world, "FactorError");
        Assert.Equal(new[] { "NoFactorization", "BudgetExhausted", "Cancelled" }, error.Cases.Select(c => c.ClassName));
        Assert.Equal("Value", error.PayloadProperty);
        var flags = (EnumDeclaration)Type(world, "ReportOptions");
        Assert.True(flags.IsFlags);
        Assert.Equal(new long[] { 1, 2, 4 }, flags.Members.Select(m => m.Value));
        var batch = (ResourceDeclaration)Type(world, "Batch");
        Assert.True(batch.IsExported);
        Assert.Equal(new[] { "Push", "Run", "Len" }, batch.Functions.Select(f => f.MemberName));

        var contract = world.Exports.Single();
        Assert.Equal("CreateFactorize", contract.Factory);
        Assert.Equal(new[] { "Factor", "IsPrime", "CreateBatch", "BatchMerge" }, contract.Members.Select(f => f.MemberName));
        var factor = contract.Members[0];
        Assert.Equal(new[] { "n", "algorithm", "budget" }, factor.Parameters.Select(p => p.Name));
        Assert.Equal(new CsNullableType(new CsPrimitiveType(CsPrimitive.ULong)), factor.Parameters[2].Type);
        // result<factorization, factor-error> maps to "return Factorization, throw WitException<FactorError>"
        Assert.Equal(new CsDeclaredType(record.Name), factor.Return);
        Assert.Equal(new CsDeclaredType(error.Name), factor.ThrownError);
    }

    [Fact]
    public void Ownership_is_decided_per_call()
    {
        var world = Factorization().Binding.World!;
        var report = world.Interfaces.Single(i => i.Class.Simple == "Progress").Imports.Single();
        Assert.Equal(new CallOwnership(Allocation.None, Allocation.CallCleanup, Allocation.None, Allocation.None, Allocation.None, false), report.Ownership);
        var factor = world.Exports.Single().Members[0];
        // the spilled result and the list it points to live until cabi_post_
        Assert.Equal(new CallOwnership(Allocation.None, Allocation.None, Allocation.PostReturn, Allocation.PostReturn, Allocation.None, false), factor.Ownership);
        Assert.Equal("cabi_post_wittools:factorization/factorize@0.1.0#factor", factor.PostReturn!.Name);
    }

    [Fact]
    public void An_import_returning_a_spilled_result_uses_a_stack_area_and_frees_what_it_lifts()
    {
        var load = WitLoader.LoadText("t.wit", "package a:b;\ninterface i { get: func() -> list<string>; }\nworld w { import i; }\n", FeatureSet.None);
        var binding = BindingBuilder.Build(load.Resolve!, load.Resolve!.Packages[load.MainPackages[0]].Worlds["w"], BindingOptions.Default);
        var get = binding.World!.Interfaces.Single().Imports.Single();
        Assert.Equal(Allocation.CallerStack, get.Ownership.ResultArea);
        Assert.Equal(Allocation.FreedAfterLifting, get.Ownership.LiftedBuffers);
        Assert.False(get.Ownership.UsesCallCleanup);
    }

    [Fact]
    public void Every_core_import_and_export_is_in_the_builtin_table_once()
    {
        var world = Factorization().Binding.World!;
        var table = world.Builtins.Select(b => (b.Kind, b.Module, b.Name)).ToList();
        Assert.Equal(table.Distinct().Count(), table.Count);
        Assert.Contains((BuiltinKind.ImportedFunction, "wittools:factorization/progress@0.1.0", "report"), table);
        Assert.Contains((BuiltinKind.ResourceNew, "[export]wittools:factorization/factorize@0.1.0", "[resource-new]batch"), table);
        Assert.Contains((BuiltinKind.ResourceRep, "[export]wittools:factorization/factorize@0.1.0", "[resource-rep]batch"), table);
        Assert.Contains((BuiltinKind.ResourceDrop, "[export]wittools:factorization/factorize@0.1.0", "[resource-drop]batch"), table);
        Assert.Contains((BuiltinKind.ResourceDestructor, "", "wittools:factorization/factorize@0.1.0#[dtor]batch"), table);
        Assert.Contains((BuiltinKind.ExportedFunction, "", "wittools:factorization/factorize@0.1.0#[method]batch.push"), table);
        Assert.Contains((BuiltinKind.PostReturn, "", "cabi_post_wittools:factorization/factorize@0.1.0#[method]batch.run"), table);
        var import = world.Builtins.Single(b => b.Name == "report");
        Assert.Equal("(i64, i32, i32, i32) -> ()", import.Signature.ToString());
        Assert.Equal(world.EntryPoints, world.Builtins.Where(b => b.IsExport).Select(b => b.Name));
    }

    [Fact]
    public void Each_named_type_has_one_lift_and_one_lower_codec_that_plans_refer_to()
    {
        var (load, binding) = Factorization();
        var types = binding.World!.Interfaces.Single(i => i.Class.Simple == "Types");
        var named = types.Codecs.Where(c => c.Type.Name is not null).ToList();
        Assert.Equal(new[] { "LiftPrimePower", "LowerPrimePower", "LiftFactorization", "LowerFactorization", "LiftPartialResult", "LowerPartialResult", "LiftFactorError", "LowerFactorError" },
            named.Select(c => c.Method));
        foreach (var each in named) Assert.Equal(load.Resolve!.Types[each.Type.Origin!.Value].Name, each.Type.Name);
        // factor's spilled result lowers the named types through the codecs, not inline
        var factor = binding.World.Exports.Single().Members[0];
        var ok = ((VariantPlan)factor.Plan.Result!).Cases[0].Payload;
        var shared = Assert.IsType<SharedTypePlan>(ok);
        var codec = binding.Projection!.Codec(shared.Type, PlanDirection.Lower, BindingSide.Export, factor.CodecHome);
        Assert.Equal("LowerFactorization", codec.Method);
        Assert.Equal(types.AbiClass, codec.Home);
    }

    [Fact]
    public void The_same_input_gives_equal_declarations_and_a_different_option_different_ones()
    {
        var first = Factorization().Binding.World!;
        var second = Factorization().Binding.World!;
        Assert.Equal(first.Interfaces.SelectMany(i => i.Types).Where(t => t is not ResourceDeclaration),
            second.Interfaces.SelectMany(i => i.Types).Where(t => t is not ResourceDeclaration));
        Assert.Equal(first.Stubs.Classes.Select(c => c.Name), second.Stubs.Classes.Select(c => c.Name));
        var renamed = Factorization(BindingOptions.Default with { RootNamespace = "My.App" }).Binding.World!;
        Assert.Equal(new CsName("My.App.Wittools.Factorization", "FactorizerWorld"), renamed.Class);
    }

    [Fact]
    public void What_cannot_be_bound_is_reported_at_its_span()
    {
        // two stream payload types the ABI lays out differently but C# sees as one type (byte[])
        const string wit = "package a:b;\ninterface i {\n  f: async func(s: stream<list<u8>>);\n  g: func(s: stream<list<u8, 4>>);\n}\nworld w { import i; }\n";
        var load = WitLoader.LoadText("t.wit", wit, FeatureSet.None);
        var binding = BindingBuilder.Build(load.Resolve!, load.Resolve!.Packages[load.MainPackages[0]].Worlds["w"], BindingOptions.Default);
        Assert.False(binding.Success);
        var located = binding.Diagnostics.Select(d => (load.Resolve.SourceMap.RenderLocation(d.Span), d.Message, d.Code)).ToList();
        Assert.Equal("t.wit:4:3", located.Single().Item1);
        Assert.Equal(BindingBuilder.UnsupportedCode, located.Single().Code);
        Assert.Equal("function `g`: `stream<list<u8, 4>>` and `stream<list<u8>>` of function `f` have different payload types that map to the same C# type, which the C# bindings cannot tell apart", located.Single().Message);
    }

    [Fact]
    public void Payload_types_equal_in_structure_under_different_names_share_one_vtable()
    {
        // wit-bindgen's codegen case future-same-type-different-names: `a` and `b` are the same type (structural equality)
        const string wit = "package a:b;\ninterface i {\n  type a = result<u8, u32>;\n  f: func(x: future<a>);\n  type b = result<u8, u32>;\n" +
                           "  g: func(x: future<b>);\n  h: func(x: future<result<u8, u32>>);\n}\nworld w { import i; }\n";
        var load = WitLoader.LoadText("t.wit", wit, FeatureSet.None);
        var binding = BindingBuilder.Build(load.Resolve!, load.Resolve!.Packages[load.MainPackages[0]].Worlds["w"], BindingOptions.Default);
        Assert.True(binding.Success, string.Join("\n", binding.Diagnostics.Select(d => d.Message)));
        Assert.Single(binding.World!.Async!.ValueTypes);
    }

    [Fact]
    public void Async_functions_get_async_builtins_a_task_and_a_cancellation_token()
    {
        const string wit = """
            package a:b;
            interface i {
              f: async func(s: string) -> u32;
              g: func() -> stream<u8>;
            }
            world w { import i; export i; }
            """;
        var load = WitLoader.LoadText("t.wit", wit, FeatureSet.None);
        var binding = BindingBuilder.Build(load.Resolve!, load.Resolve!.Packages[load.MainPackages[0]].Worlds["w"], BindingOptions.Default);
        Assert.True(binding.Success, string.Join("\n", binding.Diagnostics.Select(d => d.Message)));
        var world = binding.World!;
        var import = world.Interfaces.Single().Imports.Single(f => f.WitName == "f");
        Assert.Equal("FAsync", import.MemberName);
        Assert.Equal(new CsTaskType(new CsPrimitiveType(CsPrimitive.UInt)), import.Return);
        Assert.Equal("import a:b/i [async-lower]f (i32, i32, i32) -> (i32)", import.Core.ToString());
        Assert.IsType<CsCancellationTokenType>(import.Parameters.Last().Type);
        Assert.Equal(Allocation.UntilStarted, import.Ownership.LoweredArguments);
        Assert.Equal(Allocation.UntilReturned, import.Ownership.ResultArea);
        var export = world.Interfaces.Single().Contract!.Functions.Single(f => f.WitName == "f");
        Assert.Equal("export [async-lift]a:b/i#f (i32, i32) -> (i32)", export.Core.ToString());
        Assert.Equal("import [export]a:b/i [task-return]f (i32) -> ()", export.Async!.TaskReturn!.ToString());
        Assert.Equal("export [callback][async-lift]a:b/i#f (i32, i32, i32) -> (i32)", export.Async.Callback!.ToString());
        // one vtable for stream<u8>, named by the first function numbering it (g, imported)
        var stream = world.Async!.ValueTypes.Single();
        Assert.Equal("import a:b/i [async-lower][stream-read-0]g (i32, i32, i32) -> (i32)", stream.Builtins[1].ToString());
        Assert.True(stream.IsCanonical);
        Assert.Contains(world.Builtins, b => b.Name == "[waitable-set-new]");
        Assert.True(world.Runtime.Async && world.Runtime.Streams && world.Runtime.ByteStreams && !world.Runtime.Futures);
    }

}

using System;
using System.IO;
using System.Linq;

namespace WitTools.Analyzers.Tests.Packaging;

/// <summary>
/// Real `dotnet build`s of a project importing an interface of a dependency with <c>@deprecated</c> items and
/// functions returning <c>result</c>, exporting and importing resources, WIT names with acronyms that meet in C# (issue 11 items 7 and 8), with <c>TreatWarningsAsErrors</c> and
/// <c>GenerateDocumentationFile</c> on: the generated code builds without a warning (its <c>[Obsolete]</c> uses are
/// its own business, its <c>&lt;exception&gt;</c> docs resolve); the user's code using a deprecated WIT item warns
/// (CS0618) at that use, and only there.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackagingCollection.Name)]
public sealed class GeneratedCodeWarningsTests(PackedBindings packed)
{
    private const string AppWit = """
        package demo:app;

        interface counters {
          /// Counts up.
          resource counter {
            constructor(start: u32);
            next: func() -> u32;
          }
        }

        world app {
          import demo:old/api@1.0.0;
          export counters;
          export check: func(n: u32) -> result<u32, string>;
        }
        """;

    private const string DependencyWit = """
        package demo:old@1.0.0;

        interface api {
          /// A point with the old layout.
          @since(version = 1.0.0)
          @deprecated(version = 1.0.0)
          record old-point { x: u32, y: u32 }

          @since(version = 1.0.0)
          record point { x: u32, y: u32 }

          @since(version = 1.0.0)
          @deprecated(version = 1.0.0)
          old-distance: func(p: old-point) -> u32;

          /// The distance from the origin, or why there is none.
          @since(version = 1.0.0)
          distance: func(p: point) -> result<u32, string>;

          /// Names with acronyms (docs/type-mapping.md, "Names"): written as words, collisions renamed.
          @since(version = 1.0.0)
          enum scheme { HTTP, http, HTTPS }

          @since(version = 1.0.0)
          DNS-timeout: func(s: scheme) -> u32;

          /// A value held by the host.
          @since(version = 1.0.0)
          resource cell {
            constructor(v: u32);
            get: func() -> u32;
          }
        }
        """;

    private const string Program = """
        namespace App
        {
            /// <summary>Uses the imports.</summary>
            public static class Use
            {
                /// <summary>The current function.</summary>
                public static uint Distance() => Demo.Old.Api.Distance(new Demo.Old.Api.Point(3, 4));
        #if USE_DEPRECATED
                /// <summary>The deprecated one.</summary>
                public static uint Old() => Demo.Old.Api.OldDistance(new Demo.Old.Api.OldPoint(3, 4));
        #endif

                /// <summary>An imported resource.</summary>
                public static uint Cell()
                {
                    using var cell = new Demo.Old.Api.Cell(7);
                    return cell.Get();
                }

                /// <summary>Acronyms become words; the later of two names that meet gets the Wit prefix.</summary>
                public static uint Names() =>
                    Demo.Old.Api.DnsTimeout(Demo.Old.Api.Scheme.Http) + Demo.Old.Api.DnsTimeout(Demo.Old.Api.Scheme.WitHttp) +
                    Demo.Old.Api.DnsTimeout(Demo.Old.Api.Scheme.Https);
            }
        }

        namespace App.Demo.App
        {
            /// <summary>The world.</summary>
            public static partial class AppWorld
            {
                private static partial IExports CreateExports() => new Checker();

                private static partial Counters.ICounters CreateCounters() => new CounterFactory();
            }

            internal sealed class CounterFactory : Counters.ICounters
            {
                public Counters.Counter CreateCounter(uint start) => new UpCounter(start);
            }

            internal sealed class UpCounter(uint start) : Counters.Counter
            {
                private uint _next = start;

                public override uint Next() => _next++;
            }

            internal sealed class Checker : AppWorld.IExports
            {
                public uint Check(uint n) => n > 0 ? n : throw new global::App.WitException<string>("zero");
            }
        }
        """;

    [Fact]
    public void Generated_code_does_not_warn_and_the_users_use_of_a_deprecated_item_does()
    {
        string app = packed.NewDirectory("warnings");
        packed.WriteNugetConfig(app);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>App</RootNamespace>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <DefineConstants Condition="'$(UseDeprecated)' == 'true'">$(DefineConstants);USE_DEPRECATED</DefineConstants>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="WitTools.Bindings" Version="{packed.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
        Directory.CreateDirectory(Path.Combine(app, "wit", "deps", "old"));
        File.WriteAllText(Path.Combine(app, "wit", "app.wit"), AppWit);
        File.WriteAllText(Path.Combine(app, "wit", "deps", "old", "api.wit"), DependencyWit);

        var restore = packed.Restore(app);
        Assert.True(restore.ExitCode == 0, restore.Output);

        // 1. Warnings are errors, documentation is checked: the bindings of deprecated items and their docs pass.
        var clean = PackedBindings.Dotnet(app, "build", "--no-restore");
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.Contains(" 0 Warning(s)", clean.Output);
        string generated = Path.Combine(app, "obj", "Debug", "net10.0", "generated", "WitTools.Analyzers", "WitTools.Analyzers.WitBindingsGenerator");
        string imports = File.ReadAllText(Path.Combine(generated, "App.Demo.Old.Api.Imports.cs"));
        Assert.Contains("[global::System.Obsolete(\"WIT function `demo:old/api@1.0.0#old-distance` is deprecated since version 1.0.0\")]", imports);
        Assert.Contains("/// <exception cref=\"global::App.WitException{E}\">The WIT function returned <c>err</c>; the exception's <c>Value</c> is the <c>string</c>.</exception>", imports);
        Assert.Contains("[global::System.Obsolete(\"WIT type `demo:old/api@1.0.0.old-point` is deprecated since version 1.0.0\")]",
            File.ReadAllText(Path.Combine(generated, "App.Demo.Old.Api.cs")));
        Assert.Contains("/// <exception cref=\"global::App.WitException{E}\">Throw it with a <c>string</c> to return <c>err</c> with that value.</exception>",
            File.ReadAllText(Path.Combine(generated, "App.Demo.App.AppWorld.cs")));

        // 2. The user's code calls the deprecated function with the deprecated record: CS0618 at those uses, nowhere else.
        var deprecated = PackedBindings.Dotnet(app, "build", "--no-restore", "-p:UseDeprecated=true", "-p:TreatWarningsAsErrors=false");
        Assert.True(deprecated.ExitCode == 0, deprecated.Output);
        var warnings = deprecated.Output.Split('\n').Where(l => l.Contains(": warning ", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Contains("Program.cs(10,", w));
        Assert.All(warnings, w => Assert.Contains("warning CS0618", w));
        Assert.Contains(warnings, w => w.Contains("'Api.OldDistance(Api.OldPoint)' is obsolete: 'WIT function `demo:old/api@1.0.0#old-distance` is deprecated since version 1.0.0'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'Api.OldPoint' is obsolete: 'WIT type `demo:old/api@1.0.0.old-point` is deprecated since version 1.0.0'", StringComparison.Ordinal));
    }
}

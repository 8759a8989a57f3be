using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>Loading files, directories and deps/ folders (with a stand-in parser, see <see cref="FakeGroupParser"/>).</summary>
public class PackageLoaderTests
{
    private static LoadResult Load(string path, InMemoryWitFileSystem fs, FeatureSet? features = null) =>
        WitLoader.Load(path, features ?? FeatureSet.None, fs, null, FakeGroupParser.Parse);

    private static List<string> PackageNames(LoadResult result) =>
        result.Resolve!.Packages.Items.Select(p => p.Name.ToString()).ToList();

    private static string FirstError(LoadResult result)
    {
        Assert.False(result.Success);
        return DiagnosticRenderer.Render(result.Diagnostics[0], result.Sources);
    }

    [Fact]
    public void SingleFileIsOnePackage()
    {
        var fs = new InMemoryWitFileSystem().AddFile("one.wit", "package a:a\ninterface x\n");
        var result = Load("one.wit", fs);
        Assert.True(result.Success, result.RenderDiagnostics());
        Assert.Equal(new[] { "a:a" }, PackageNames(result));
        Assert.Equal(0, result.MainPackages.Single().Index);
        Assert.Equal(new[] { "x" }, result.Resolve!.Packages[result.MainPackages[0]].Interfaces.Keys);
    }

    [Fact]
    public void MissingPathIsReportedLikeWitParser()
    {
        var result = Load("nope.wit", new InMemoryWitFileSystem());
        Assert.Equal("failed to read path for WIT [nope.wit]: No such file or directory (os error 2)", FirstError(result));
        Assert.Empty(result.MainPackages);
        Assert.Null(result.Resolve);
    }

    [Fact]
    public void DirectoryFilesAndDepsAreReadInSortedOrder()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/b.wit", "interface second\n")
            .AddFile("p/a.wit", "package r:r\ninterface first\n")
            .AddFile("p/notes.txt", "ignored")
            .AddFile("p/sub/ignored.wit", "error nested directories are not part of the package")
            .AddFile("p/deps/z/one.wit", "package z:z\n")
            .AddFile("p/deps/y.wit", "package y:y\n")
            .AddFile("p/deps/readme.md", "not a package");
        lock (FakeGroupParser.Calls)
        {
            FakeGroupParser.Calls.Clear();
            var result = Load("p", fs);
            Assert.True(result.Success, result.RenderDiagnostics());
            Assert.Equal(new[] { "p/a.wit,p/b.wit", "p/deps/y.wit", "p/deps/z/one.wit" }, FakeGroupParser.Calls);
            // No dependencies between them: pushed in name order.
            Assert.Equal(new[] { "r:r", "y:y", "z:z" }, PackageNames(result));
            Assert.Equal("r:r", result.Resolve!.Packages[result.MainPackages[0]].Name.ToString());
            Assert.Equal(new[] { "p/a.wit", "p/b.wit" }, result.PackageSources[result.MainPackages[0]]);
            Assert.Equal(new[] { "p/deps/z/one.wit" }, result.PackageSources[new PackageId(2)]);
        }
    }

    [Fact]
    public void PackagesArePushedAfterTheirDependencies()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package a:root\nuses c:c/ci\n")
            .AddFile("p/deps/c/c.wit", "package c:c\nuses b:b/bi\ninterface ci\n")
            .AddFile("p/deps/b/b.wit", "package b:b\ninterface bi\n");
        var result = Load("p", fs);
        Assert.True(result.Success, result.RenderDiagnostics());
        Assert.Equal(new[] { "b:b", "c:c", "a:root" }, PackageNames(result));
        Assert.Equal(2, result.MainPackages[0].Index);
    }

    [Fact]
    public void VersionsOfOnePackageAreDistinctAndOrdered()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package a:root\nuses d:d@1.10.0/i\nuses d:d@1.2.0/i\n")
            .AddFile("p/deps/new/d.wit", "package d:d@1.10.0\ninterface i\n")
            .AddFile("p/deps/old/d.wit", "package d:d@1.2.0\ninterface i\n")
            .AddFile("p/deps/pre/d.wit", "package d:d@1.10.0-rc.1\ninterface i\n");
        var result = Load("p", fs);
        Assert.True(result.Success, result.RenderDiagnostics());
        // a:root is first by name, but its dependencies go first, in the order it names them.
        Assert.Equal(new[] { "d:d@1.10.0", "d:d@1.2.0", "a:root", "d:d@1.10.0-rc.1" }, PackageNames(result));
    }

    [Fact]
    public void DependencyCycleIsAnError()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package r:r\nuses a:a/x\n")
            .AddFile("p/deps/a/a.wit", "package a:a\nuses b:b/y\ninterface x\n")
            .AddFile("p/deps/b/b.wit", "package b:b\nuses a:a/x\ninterface y\n");
        var error = FirstError(Load("p", fs));
        Assert.Equal(
            "failed to resolve directory while parsing WIT for path [p]: package `b:b` creates a dependency cycle\n" +
            "     --> p/deps/a/a.wit:2:6\n" +
            "      |\n" +
            "    2 | uses b:b/y\n" +
            "      |      ^--",
            error);
    }

    [Fact]
    public void PackageDependingOnItselfIsACycle()
    {
        var fs = new InMemoryWitFileSystem().AddFile("p/a.wit", "package a:a\nuses a:a/x\n");
        Assert.StartsWith("failed to resolve directory while parsing WIT for path [p]: package `a:a` creates a dependency cycle",
            FirstError(Load("p", fs)));
    }

    [Fact]
    public void DuplicatePackageListsBothLocations()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package r:r\n")
            .AddFile("p/deps/x/a.wit", "package d:d\n")
            .AddFile("p/deps/y/a.wit", "package d:d\n");
        Assert.Equal(
            "failed to resolve directory while parsing WIT for path [p]: package `d:d` is defined in two different locations:\n" +
            "  * p/deps/y/a.wit:1:9\n" +
            "  * p/deps/x/a.wit:1:9",
            FirstError(Load("p", fs)));
    }

    [Fact]
    public void UnknownPackageListsKnownOnes()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package r:r\nuses q:q/i\n")
            .AddFile("p/deps/k.wit", "package k:k\n");
        var error = FirstError(Load("p", fs));
        Assert.StartsWith(
            "failed to resolve directory while parsing WIT for path [p]: package 'q:q' not found. known packages:\n    k:k\n    r:r\n     --> p/root.wit:2:6",
            error);
    }

    [Fact]
    public void UnknownInterfaceOfAKnownPackage()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/root.wit", "package r:r\nuses k:k/nope\n")
            .AddFile("p/deps/k.wit", "package k:k\ninterface yes\n");
        Assert.StartsWith(
            "failed to resolve directory while parsing WIT for path [p]: interface 'nope' not found in package 'k:k'\n     --> p/root.wit:2:10",
            FirstError(Load("p", fs)));
    }

    [Fact]
    public void ParseErrorsCarryTheContextChain()
    {
        var main = new InMemoryWitFileSystem().AddFile("p/a.wit", "package r:r\nerror boom\n");
        Assert.StartsWith("failed to resolve directory while parsing WIT for path [p]: failed to parse package: p: boom\n     --> p/a.wit:2:7",
            FirstError(Load("p", main)));

        var dep = new InMemoryWitFileSystem()
            .AddFile("p/a.wit", "package r:r\n")
            .AddFile("p/deps/z/z.wit", "error bad dep\n");
        Assert.StartsWith(
            "failed to resolve directory while parsing WIT for path [p]: failed to parse dependency directory: p/deps: failed to parse package: p/deps/z: bad dep",
            FirstError(Load("p", dep)));

        var depFile = new InMemoryWitFileSystem()
            .AddFile("p/a.wit", "package r:r\n")
            .AddFile("p/deps/z.wit", "error bad file\n");
        Assert.StartsWith(
            "failed to resolve directory while parsing WIT for path [p]: failed to parse dependency directory: p/deps: bad file",
            FirstError(Load("p", depFile)));
    }

    [Fact]
    public void TrailingSlashIsKeptAsGiven()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/a.wit", "package r:r\n")
            .AddFile("p/deps/z/z.wit", "error bad dep\n");
        Assert.StartsWith(
            "failed to resolve directory while parsing WIT for path [p/]: failed to parse dependency directory: p/deps: failed to parse package: p/deps/z: bad dep",
            FirstError(Load("p/", fs)));
    }

    [Fact]
    public void EmptyDirectoryHasNoPackage()
    {
        var fs = new InMemoryWitFileSystem().AddDirectory("p");
        Assert.Equal(
            "failed to resolve directory while parsing WIT for path [p]: failed to parse package: p: no `package` header was found in any WIT file for this package",
            FirstError(Load("p", fs)));

        var emptyDep = new InMemoryWitFileSystem().AddFile("p/a.wit", "package r:r\n").AddDirectory("p/deps/empty");
        Assert.Equal(
            "failed to resolve directory while parsing WIT for path [p]: failed to parse dependency directory: p/deps: failed to parse package: p/deps/empty: no `package` header was found in any WIT file for this package",
            FirstError(Load("p", emptyDep)));
    }

    [Fact]
    public void InvalidUtf8IsReported()
    {
        var bad = new byte[] { (byte)'p', 0xff, 0xfe };
        Assert.Equal("input file is not valid utf-8 [x.wit]", FirstError(Load("x.wit", new InMemoryWitFileSystem().AddFile("x.wit", bad))));
        Assert.Equal(
            "failed to resolve directory while parsing WIT for path [p]: failed to parse package: p: failed to read file \"p/a.wit\": stream did not contain valid UTF-8",
            FirstError(Load("p", new InMemoryWitFileSystem().AddFile("p/a.wit", bad))));
    }

    [Fact]
    public void WasmDependenciesAreNotSupported()
    {
        var fs = new InMemoryWitFileSystem()
            .AddFile("p/a.wit", "package r:r\n")
            .AddFile("p/deps/d.wasm", new byte[] { 0, (byte)'a', (byte)'s', (byte)'m', 0x0d, 0, 1, 0 });
        var error = FirstError(Load("p", fs));
        Assert.Contains("failed to parse dependency directory: p/deps: wasm-encoded WIT packages are not supported", error);
        Assert.Contains("p/deps/d.wasm", error);
    }

    [Fact]
    public void NestedPackagesOfTheMainGroupAreMainPackages()
    {
        var fs = new InMemoryWitFileSystem().AddFile("n.wit", "package m:m\nnested m:inner\ninterface i\n");
        var result = Load("n.wit", fs);
        Assert.True(result.Success, result.RenderDiagnostics());
        Assert.Equal(new[] { "m:inner", "m:m" }, PackageNames(result));
        Assert.Equal(new[] { 1, 0 }, result.MainPackages.Select(p => p.Index));
    }

    [Fact]
    public void UnexpectedExceptionsBecomeInternalErrors()
    {
        var result = WitLoader.Load("x.wit", FeatureSet.None, new InMemoryWitFileSystem().AddFile("x.wit", "package a:a\n"), null,
            (_, _, _, _) => throw new System.InvalidOperationException("kaboom"));
        Assert.False(result.Success);
        Assert.Equal("internal error: InvalidOperationException: kaboom", result.Diagnostics[0].Message);
    }
}

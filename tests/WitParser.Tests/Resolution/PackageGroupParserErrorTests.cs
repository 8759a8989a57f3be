using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Resolution;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Tests.Resolution;

/// <summary>
/// Every class of error the per-package stage reports, each with wit-parser's message text and the
/// location (path:line:col, 1-based UTF-8 column) of the span it points at.
/// </summary>
public class PackageGroupParserErrorTests
{
    internal static (UnresolvedPackageGroup? Group, DiagnosticBag Diagnostics, SourceMap Sources) Parse(
        params (string Path, string Text)[] files)
    {
        var sources = new SourceMap();
        var added = files.Select(f => sources.Add(f.Path, f.Text)).ToList();
        var diagnostics = new DiagnosticBag();
        var group = UnresolvedPackageGroupParser.Parse(sources, added, diagnostics);
        return (group, diagnostics, sources);
    }

    /// <summary>Asserts that parsing fails and the first diagnostic has the message and location given.</summary>
    internal static void AssertFirstError(string message, string? location, params (string Path, string Text)[] files)
    {
        var (group, diagnostics, sources) = Parse(files);
        Assert.Null(group);
        Assert.True(diagnostics.HasErrors);
        var first = diagnostics.Items[0];
        Assert.Equal(message, first.Message);
        if (location == null)
        {
            Assert.False(first.Span.IsKnown);
        }
        else
        {
            Assert.Equal(location, sources.RenderLocation(first.Span));
        }
    }

    private static void AssertError(string wit, string message, string location) =>
        AssertFirstError(message, location, ("t.wit", wit));

    // ---- package headers and grouping ------------------------------------------------------------

    [Fact]
    public void MissingPackageHeaderHasNoLocation() =>
        AssertFirstError("no `package` header was found in any WIT file for this package", null,
            ("a.wit", "interface things {}\n"));

    [Fact]
    public void PackageNamesMustAgreeAcrossFiles() =>
        // Files are processed sorted by path, so the error lands in b.wit even though it was added first.
        AssertFirstError("package identifier `acme:other` does not match previous package name of `acme:shop`",
            "b.wit:1:9",
            ("b.wit", "package acme:other;\n"),
            ("a.wit", "package acme:shop;\ninterface cart {}\n"));

    [Fact]
    public void PackageVersionsMustAgreeAcrossFiles() =>
        AssertFirstError("package identifier `acme:shop@2.0.0` does not match previous package name of `acme:shop@1.0.0`",
            "y.wit:2:9",
            ("x.wit", "package acme:shop@1.0.0;\n"),
            ("y.wit", "// comment\npackage acme:shop@2.0.0;\n"));

    [Fact]
    public void OnlyOnePackageHeaderMayHaveDocs() =>
        AssertFirstError("found doc comments on multiple 'package' items", "two.wit:1:1",
            ("one.wit", "/// first docs\npackage acme:docs;\n"),
            ("two.wit", "/// second docs\npackage acme:docs;\n"));

    [Fact]
    public void NestedPackagesMustBeTopLevel() =>
        AssertError("package acme:outer {\n  package acme:inner {\n  }\n}\n",
            "nested packages must be placed at the top-level", "t.wit:2:11");

    [Fact]
    public void MissingHeaderInMainFileEvenWithNestedPackage() =>
        AssertFirstError("no `package` header was found in any WIT file for this package", null,
            ("a.wit", "package acme:nested {\n  interface i {}\n}\ninterface loose {}\n"));

    [Fact]
    public void ErrorInsideNestedPackageIsReported() =>
        AssertError("package acme:main;\npackage acme:nested {\n  interface i {\n    use gone.{t};\n  }\n}\n",
            "interface or world `gone` does not exist", "t.wit:4:9");

    // ---- package-level names --------------------------------------------------------------------

    [Fact]
    public void DuplicateInterfaceInOneFile() =>
        AssertError("package acme:dup;\ninterface one {}\ninterface one {}\n",
            "duplicate item named `one`", "t.wit:3:11");

    [Fact]
    public void DuplicateItemAcrossFiles() =>
        AssertFirstError("duplicate item named `shared`", "b.wit:1:7",
            ("a.wit", "package acme:dup;\ninterface shared {}\n"),
            ("b.wit", "world shared {}\n"));

    [Fact]
    public void TopLevelUseShadowingALocalItem() =>
        AssertError("package acme:shadow;\ninterface thing {}\nuse acme:other/thing;\n",
            "duplicate name `thing` in this file", "t.wit:3:16");

    [Fact]
    public void TopLevelUseOfMissingLocalItem() =>
        AssertError("package acme:top;\nuse nowhere as here;\n",
            "interface or world `nowhere` does not exist", "t.wit:2:5");

    [Fact]
    public void TopLevelUseCannotCarryAttributes() =>
        AssertError("package acme:top;\n@since(version = 1.0.0)\nuse acme:dep/api;\n",
            "attributes not allowed on top-level use", "t.wit:3:1");

    [Fact]
    public void UseOfUnknownInterfaceInsideInterface() =>
        AssertError("package acme:uses;\ninterface consumer {\n  use producer.{thing};\n}\n",
            "interface or world `producer` does not exist", "t.wit:3:7");

    [Fact]
    public void InterfacesUsingEachOtherFormACycle() =>
        AssertError("package acme:cyc;\ninterface left {\n  use right.{r};\n  type l = u8;\n}\ninterface right {\n  use left.{l};\n  type r = u8;\n}\n",
            "interface or world `right` depends on itself", "t.wit:6:11");

    [Fact]
    public void CycleAcrossFilesPointsAtTheUse() =>
        // Across files the edge is the name written in the `use`, not the declaration.
        AssertFirstError("interface or world `right` depends on itself", "a.wit:3:7",
            ("a.wit", "package acme:cyc;\ninterface left {\n  use right.{r};\n  type l = u8;\n}\n"),
            ("b.wit", "interface right {\n  use left.{l};\n  type r = u8;\n}\n"));

    [Fact]
    public void SyntaxErrorsOfAllFilesAreReported()
    {
        var (group, diagnostics, sources) = Parse(
            ("a.wit", "package acme:syn;\ninterface {}\n"),
            ("b.wit", "world {}\n"));
        Assert.Null(group);
        Assert.Equal("a.wit:2:11", sources.RenderLocation(diagnostics.Items[0].Span));
        Assert.Contains(diagnostics.Items, d => sources.RenderLocation(d.Span).StartsWith("b.wit:"));
    }

    [Fact]
    public void InterfaceUsingItself() =>
        AssertError("package acme:cyc;\ninterface self-ref {\n  type a = u8;\n  use self-ref.{a as b};\n}\n",
            "interface or world `self-ref` depends on itself", "t.wit:2:11");

    [Fact]
    public void UseFromAWorldInsteadOfInterface() =>
        AssertError("package acme:kind;\nworld w {}\ninterface i {\n  use w.{t};\n}\n",
            "name `w` is defined as a world, not an interface", "t.wit:4:7");

    [Fact]
    public void IncludeOfAnInterface() =>
        AssertError("package acme:kind;\ninterface i {}\nworld w {\n  include i;\n}\n",
            "name `i` is defined as an interface, not a world", "t.wit:4:11");

    [Fact]
    public void IncludeOfMissingWorld() =>
        AssertError("package acme:inc;\nworld w {\n  include missing;\n}\n",
            "interface or world `missing` does not exist", "t.wit:3:11");

    [Fact]
    public void WorldsIncludingEachOther() =>
        AssertError("package acme:inc;\nworld a {\n  include b;\n}\nworld b {\n  include a;\n}\n",
            "interface or world `b` depends on itself", "t.wit:5:7");

    // ---- names inside interfaces -----------------------------------------------------------------

    [Fact]
    public void UndefinedTypeInTypeAlias() =>
        AssertError("package acme:ty;\ninterface i {\n  type a = list<missing>;\n}\n",
            "type `missing` does not exist", "t.wit:3:17");

    [Fact]
    public void OldFloatNamesGetAHint()
    {
        var (_, diagnostics, sources) = Parse(("t.wit", "package acme:ty;\ninterface i {\n  type a = float64;\n}\n"));
        var first = diagnostics.Items[0];
        Assert.StartsWith("type `float64` does not exist\nthe `float64` type has been renamed to `f64`", first.Message);
        Assert.Equal("t.wit:3:12", sources.RenderLocation(first.Span));
    }

    [Fact]
    public void UndefinedTypeInFunctionParameter() =>
        AssertError("package acme:ty;\ninterface i {\n  f: func(x: missing);\n}\n",
            "name `missing` does not exist", "t.wit:3:14");

    [Fact]
    public void TypeReferringToItself() =>
        AssertError("package acme:ty;\ninterface i {\n  record node { next: option<node> }\n}\n",
            "type `node` depends on itself", "t.wit:3:30");

    [Fact]
    public void TypesReferringToEachOther() =>
        AssertError("package acme:ty;\ninterface i {\n  type a = b;\n  type b = tuple<u8, a>;\n}\n",
            "type `b` depends on itself", "t.wit:3:12");

    [Fact]
    public void DuplicateTypeName() =>
        AssertError("package acme:ty;\ninterface i {\n  type a = u8;\n  enum a { x }\n}\n",
            "name `a` is defined more than once", "t.wit:4:8");

    [Fact]
    public void FunctionNamedLikeAType() =>
        AssertError("package acme:ty;\ninterface i {\n  type a = u8;\n  a: func();\n}\n",
            "name `a` is defined more than once", "t.wit:4:3");

    [Fact]
    public void DuplicateFunction() =>
        AssertError("package acme:ty;\ninterface i {\n  go: func();\n  go: func(x: u8);\n}\n",
            "name `go` is defined more than once", "t.wit:4:3");

    [Fact]
    public void UseConflictingWithLocalType() =>
        AssertError("package acme:ty;\ninterface base { type t = u8; }\ninterface i {\n  use base.{t};\n  type t = u16;\n}\n",
            "name `t` is defined more than once", "t.wit:5:8");

    [Fact]
    public void UseOfMissingName() =>
        AssertError("package acme:ty;\ninterface base { type t = u8; }\ninterface i {\n  use base.{t, nope};\n}\n",
            "name `nope` does not exist", "t.wit:4:16");

    [Fact]
    public void UseOfAFunction() =>
        AssertError("package acme:ty;\ninterface base { run: func(); }\ninterface i {\n  use base.{run};\n}\n",
            "cannot import function `run`", "t.wit:4:13");

    [Fact]
    public void FunctionUsedAsAType() =>
        AssertError("package acme:ty;\ninterface i {\n  first: func();\n  second: func(x: first);\n}\n",
            "cannot use function `first` as a type", "t.wit:4:19");

    [Fact]
    public void DuplicateParameter() =>
        AssertError("package acme:ty;\ninterface i {\n  f: func(a: u8, b: u8, a: u16);\n}\n",
            "param `a` is defined more than once", "t.wit:3:25");

    [Fact]
    public void MethodParameterNamedSelf() =>
        AssertError("package acme:ty;\ninterface i {\n  resource r {\n    m: func(self: u8);\n  }\n}\n",
            "param `self` is defined more than once", "t.wit:4:13");

    [Fact]
    public void EmptyVariant() =>
        AssertError("package acme:ty;\ninterface i {\n  variant nothing {}\n}\n",
            "empty variant", "t.wit:3:11");

    [Fact]
    public void EmptyEnum() =>
        AssertError("package acme:ty;\ninterface i {\n  enum nothing {}\n}\n",
            "empty enum", "t.wit:3:8");

    [Fact]
    public void MapKeyMustBePrimitive() =>
        AssertError("package acme:ty;\ninterface i {\n  type m = map<f32, string>;\n}\n",
            "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string",
            "t.wit:3:12");

    // ---- resources and handles -------------------------------------------------------------------

    [Fact]
    public void HandleOfANonResource() =>
        AssertError("package acme:res;\ninterface i {\n  type plain = u32;\n  f: func(x: borrow<plain>);\n}\n",
            "type `plain` used in a handle must be a resource", "t.wit:4:21");

    [Fact]
    public void HandleThroughAliasOfANonResource() =>
        AssertError("package acme:res;\ninterface i {\n  record rec {}\n  type alias = rec;\n  type h = own<alias>;\n}\n",
            "type `alias` used in a handle must be a resource", "t.wit:5:16");

    [Fact]
    public void DuplicateResourceMethod() =>
        AssertError("package acme:res;\ninterface i {\n  resource r {\n    get: func();\n    get: static func();\n  }\n}\n",
            "duplicate function name `get`", "t.wit:5:5");

    [Fact]
    public void TwoConstructors() =>
        AssertError("package acme:res;\ninterface i {\n  resource r {\n    constructor();\n    constructor(x: u8);\n  }\n}\n",
            "duplicate constructors", "t.wit:5:5");

    [Fact]
    public void ConstructorResultMustBeAResult() =>
        AssertError("package acme:res;\ninterface i {\n  resource r {\n    constructor() -> r;\n  }\n}\n",
            "if a constructor return type is declared it must be a `result`", "t.wit:4:22");

    [Fact]
    public void ConstructorResultOkMustBeTheResource() =>
        AssertError("package acme:res;\ninterface i {\n  resource r {\n    constructor() -> result<u8, string>;\n  }\n}\n",
            "the `ok` type must be the resource being constructed", "t.wit:4:29");

    [Fact]
    public void ConstructorResultWithoutOk() =>
        AssertError("package acme:res;\ninterface i {\n  resource r {\n    constructor() -> result<_, string>;\n  }\n}\n",
            "the `ok` type must be the resource being constructed", "t.wit:4:22");

    // ---- attributes --------------------------------------------------------------------------------

    [Fact]
    public void SinceTwice() =>
        AssertError("package acme:attr@1.0.0;\n@since(version = 1.0.0)\n@since(version = 1.0.0)\ninterface i {}\n",
            "cannot specify @since twice", "t.wit:3:2");

    [Fact]
    public void UnstableTwice() =>
        AssertError("package acme:attr;\ninterface i {\n  @unstable(feature = a)\n  @unstable(feature = b)\n  f: func();\n}\n",
            "cannot specify @unstable twice", "t.wit:4:4");

    [Fact]
    public void DeprecatedTwice() =>
        AssertError("package acme:attr@1.0.0;\n@since(version = 1.0.0)\n@deprecated(version = 1.0.0)\n@deprecated(version = 1.0.0)\nworld w {}\n",
            "cannot specify @deprecated twice", "t.wit:4:2");

    [Fact]
    public void SinceAndUnstable() =>
        AssertError("package acme:attr@1.0.0;\ninterface i {\n  @unstable(feature = x)\n  @since(version = 1.0.0)\n  type t = u8;\n}\n",
            "cannot specify both @since and @unstable", "t.wit:4:4");

    [Fact]
    public void DeprecatedAlone() =>
        AssertError("package acme:attr@1.0.0;\ninterface i {\n  @deprecated(version = 1.0.0)\n  type t = u8;\n}\n",
            "cannot specify both @deprecated without @since or @unstable", "t.wit:3:4");

    [Fact]
    public void ExternalIdTwice() =>
        AssertError("package acme:attr;\ninterface i {\n  @external-id(\"a\")\n  @external-id(\"b\")\n  f: func();\n}\n",
            "cannot specify @external-id twice", "t.wit:4:4");

    [Fact]
    public void BadAttributesOnAForeignPathAreReported() =>
        // wit-parser panics here; reporting the attribute error is the useful behaviour.
        AssertError("package acme:attr;\nworld w {\n  @unstable(feature = a)\n  @unstable(feature = b)\n  import acme:dep/api;\n}\n",
            "cannot specify @unstable twice", "t.wit:4:4");

    // ---- worlds ------------------------------------------------------------------------------------

    [Fact]
    public void ImportFunctionTwice() =>
        AssertError("package acme:w;\nworld w {\n  import run: func();\n  import run: func(x: u8);\n}\n",
            "import `run` conflicts with prior func of same name", "t.wit:4:10");

    [Fact]
    public void ImportNamedLikeAWorldType() =>
        AssertError("package acme:w;\nworld w {\n  type cfg = u8;\n  import cfg: interface {}\n}\n",
            "import `cfg` conflicts with prior type of same name", "t.wit:4:10");

    [Fact]
    public void ExportInlineInterfaceTwice() =>
        AssertError("package acme:w;\nworld w {\n  export api: interface {}\n  export api: func();\n}\n",
            "export `api` conflicts with prior interface of same name", "t.wit:4:10");

    [Fact]
    public void ImportInterfaceTwice() =>
        AssertError("package acme:w;\ninterface api {}\nworld w {\n  import api;\n  import api;\n}\n",
            "interface cannot be imported more than once", "t.wit:5:10");

    [Fact]
    public void ExportForeignInterfaceTwice() =>
        AssertError("package acme:w;\nworld w {\n  export acme:dep/api;\n  export acme:dep/api;\n}\n",
            "interface cannot be exported more than once", "t.wit:4:19");

    [Fact]
    public void ImportOfMissingInterface() =>
        AssertError("package acme:w;\nworld w {\n  import ghost;\n}\n",
            "interface or world `ghost` does not exist", "t.wit:3:10");

    [Fact]
    public void UseInWorldOfMissingName() =>
        AssertError("package acme:w;\ninterface types { type t = u8; }\nworld w {\n  use types.{u};\n}\n",
            "name `u` does not exist", "t.wit:4:14");

    [Fact]
    public void ExportOfAWorld() =>
        AssertError("package acme:w;\nworld other {}\nworld w {\n  export other;\n}\n",
            "name `other` is defined as a world, not an interface", "t.wit:4:10");

    [Fact]
    public void LabelledImportOfAWorld() =>
        AssertError("package acme:w;\nworld other {}\nworld w {\n  import primary: other;\n}\n",
            "name `other` is defined as a world, not an interface", "t.wit:4:19");

    [Fact]
    public void LabelledImportClashingWithAFunction() =>
        AssertError("package acme:w;\ninterface api {}\nworld w {\n  import primary: func();\n  import primary: api;\n}\n",
            "import `primary` conflicts with prior func of same name", "t.wit:5:10");
}

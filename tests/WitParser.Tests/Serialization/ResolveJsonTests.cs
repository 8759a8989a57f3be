using WitTools.WitParser.Model;
using WitTools.WitParser.Serialization;

namespace WitTools.WitParser.Tests.Serialization;

public class ResolveJsonTests
{
    [Fact]
    public void EmptyPackage()
    {
        var resolve = new Resolve();
        resolve.Packages.Alloc(new Package(new PackageName("my", "pkg")));
        Assert.Equal(
            """
            {
              "worlds": [],
              "interfaces": [],
              "types": [],
              "packages": [
                {
                  "name": "my:pkg",
                  "interfaces": {},
                  "worlds": {}
                }
              ]
            }
            """,
            Normalize(ResolveJson.Serialize(resolve)));
    }

    [Fact]
    public void InterfaceWithResourceAndFunctions()
    {
        var resolve = new Resolve();
        var pkg = resolve.Packages.Alloc(new Package(new PackageName("my", "pkg", SemVersion.Parse("1.0.0"))) { Docs = new Docs("pkg docs") });
        var iface = resolve.Interfaces.Alloc(new Interface("store") { Package = pkg, Docs = new Docs("the store") });
        resolve.Packages[pkg].Interfaces.Add("store", iface);
        var owner = TypeOwner.OfInterface(iface);
        var blob = resolve.Types.Alloc(new TypeDef("blob", new ResourceKind(), owner));
        var borrow = resolve.Types.Alloc(new TypeDef(null, new HandleKind(HandleOwnership.Borrow, blob), TypeOwner.None));
        var own = resolve.Types.Alloc(new TypeDef(null, new HandleKind(HandleOwnership.Own, blob), TypeOwner.None));
        var bytes = resolve.Types.Alloc(new TypeDef(null, new ListKind(WitType.U8), TypeOwner.None));
        resolve.Interfaces[iface].Types.Add("blob", blob);
        var i = resolve.Interfaces[iface];
        i.Functions.Add("[constructor]blob", new Function("[constructor]blob", FunctionKind.Constructor, blob) { Result = own });
        var read = new Function("[method]blob.read", FunctionKind.AsyncMethod, blob) { Result = bytes, Docs = new Docs("reads\n\"all\"") };
        read.Params.Add(new Param("self", borrow));
        read.Params.Add(new Param("n", WitType.U32));
        i.Functions.Add(read.Name, read);
        i.Functions.Add("ping", new Function("ping", FunctionKind.AsyncFreestanding));

        Assert.Equal(
            """
            {
              "worlds": [],
              "interfaces": [
                {
                  "name": "store",
                  "types": {
                    "blob": 0
                  },
                  "functions": {
                    "[constructor]blob": {
                      "name": "[constructor]blob",
                      "kind": {
                        "constructor": 0
                      },
                      "params": [],
                      "result": 2
                    },
                    "[method]blob.read": {
                      "name": "[method]blob.read",
                      "kind": {
                        "async-method": 0
                      },
                      "params": [
                        {
                          "name": "self",
                          "type": 1
                        },
                        {
                          "name": "n",
                          "type": "u32"
                        }
                      ],
                      "result": 3,
                      "docs": {
                        "contents": "reads\n\"all\""
                      }
                    },
                    "ping": {
                      "name": "ping",
                      "kind": "async-freestanding",
                      "params": []
                    }
                  },
                  "docs": {
                    "contents": "the store"
                  },
                  "package": 0
                }
              ],
              "types": [
                {
                  "name": "blob",
                  "kind": "resource",
                  "owner": {
                    "interface": 0
                  }
                },
                {
                  "name": null,
                  "kind": {
                    "handle": {
                      "borrow": 0
                    }
                  },
                  "owner": null
                },
                {
                  "name": null,
                  "kind": {
                    "handle": {
                      "own": 0
                    }
                  },
                  "owner": null
                },
                {
                  "name": null,
                  "kind": {
                    "list": "u8"
                  },
                  "owner": null
                }
              ],
              "packages": [
                {
                  "name": "my:pkg@1.0.0",
                  "docs": {
                    "contents": "pkg docs"
                  },
                  "interfaces": {
                    "store": 0
                  },
                  "worlds": {}
                }
              ]
            }
            """,
            Normalize(ResolveJson.Serialize(resolve)));
    }

    [Fact]
    public void AllTypeKindsAndStabilities()
    {
        var resolve = new Resolve();
        var pkg = resolve.Packages.Alloc(new Package(new PackageName("a", "b")));
        var world = resolve.Worlds.Alloc(new World("w") { Package = pkg });
        resolve.Packages[pkg].Worlds.Add("w", world);
        var owner = TypeOwner.OfWorld(world);
        TypeId Add(string? name, TypeDefKind kind, Stability? stability = null) =>
            resolve.Types.Alloc(new TypeDef(name, kind, name is null ? TypeOwner.None : owner) { Stability = stability ?? Stability.Unknown });

        var rec = Add("r", new RecordKind(new() { new Field("x", WitType.F64) { Docs = new Docs("the x") } }),
            Stability.Unstable("fancy"));
        Add("fl", new FlagsKind(new() { new Flag("read"), new Flag("write") { Docs = new Docs("w") } }),
            Stability.Stable(SemVersion.Parse("0.2.0"), SemVersion.Parse("0.3.0-rc.1")));
        Add("tu", new TupleKind(new() { WitType.Char, WitType.Of(rec) }));
        Add("v", new VariantKind(new() { new Case("none"), new Case("some", WitType.S64) }));
        Add("e", new EnumKind(new() { new EnumCase("one") }), Stability.Unstable("fancy", SemVersion.Parse("1.0.0")));
        Add(null, new OptionKind(WitType.Bool));
        Add(null, new ResultKind(null, WitType.ErrorContext));
        Add(null, new ResultKind(null, null));
        Add(null, new MapKind(WitType.String, WitType.Of(rec)));
        Add(null, new FixedSizeListKind(WitType.U16, 4));
        Add(null, new FutureKind(null));
        Add(null, new StreamKind(WitType.S8));
        Add("alias", new AliasKind(WitType.Of(rec)));
        var w = resolve.Worlds[world];
        w.Stability = Stability.Stable(SemVersion.Parse("1.2.3"));
        w.Imports.Add(WorldKey.OfName("r"), new TypeWorldItem(rec));
        w.Exports.Add(WorldKey.OfName("run"), new FunctionWorldItem(new Function("run", FunctionKind.Freestanding)
        {
            Stability = Stability.Unstable("fancy"),
            ExternalId = "ext",
        }));

        string json = Normalize(ResolveJson.Serialize(resolve));
        Assert.Contains(
            """
                {
                  "name": "w",
                  "imports": {
                    "r": {
                      "type": 0
                    }
                  },
                  "exports": {
                    "run": {
                      "function": {
                        "name": "run",
                        "kind": "freestanding",
                        "params": [],
                        "stability": {
                          "unstable": {
                            "feature": "fancy"
                          }
                        },
                        "external_id": "ext"
                      }
                    }
                  },
                  "package": 0,
                  "stability": {
                    "stable": {
                      "since": "1.2.3"
                    }
                  }
                }
            """, json);
        Assert.Contains(
            """
                {
                  "name": "r",
                  "kind": {
                    "record": {
                      "fields": [
                        {
                          "name": "x",
                          "type": "f64",
                          "docs": {
                            "contents": "the x"
                          }
                        }
                      ]
                    }
                  },
                  "owner": {
                    "world": 0
                  },
                  "stability": {
                    "unstable": {
                      "feature": "fancy"
                    }
                  }
                },
                {
                  "name": "fl",
                  "kind": {
                    "flags": {
                      "flags": [
                        {
                          "name": "read"
                        },
                        {
                          "name": "write",
                          "docs": {
                            "contents": "w"
                          }
                        }
                      ]
                    }
                  },
                  "owner": {
                    "world": 0
                  },
                  "stability": {
                    "stable": {
                      "since": "0.2.0",
                      "deprecated": "0.3.0-rc.1"
                    }
                  }
                },
                {
                  "name": "tu",
                  "kind": {
                    "tuple": {
                      "types": [
                        "char",
                        0
                      ]
                    }
                  },
                  "owner": {
                    "world": 0
                  }
                },
                {
                  "name": "v",
                  "kind": {
                    "variant": {
                      "cases": [
                        {
                          "name": "none",
                          "type": null
                        },
                        {
                          "name": "some",
                          "type": "s64"
                        }
                      ]
                    }
                  },
                  "owner": {
                    "world": 0
                  }
                },
                {
                  "name": "e",
                  "kind": {
                    "enum": {
                      "cases": [
                        {
                          "name": "one"
                        }
                      ]
                    }
                  },
                  "owner": {
                    "world": 0
                  },
                  "stability": {
                    "unstable": {
                      "feature": "fancy",
                      "deprecated": "1.0.0"
                    }
                  }
                },
                {
                  "name": null,
                  "kind": {
                    "option": "bool"
                  },
                  "owner": null
                },
                {
                  "name": null,
                  "kind": {
                    "result": {
                      "ok": null,
                      "err": "error-context"
                    }
                  },
                  "owner": null
                },
                {
                  "name": null,
                  "kind": {
                    "result": {
                      "ok": null,
                      "err": null
                    }
                  },
                  "owner": null
                },
                {
                  "name": null,
                  "kind": {
                    "map": [
                      "string",
                      0
                    ]
                  },
                  "owner": null
                },
                {
                  "name": null,
                  "kind": {
                    "fixed-length-list": [
                      "u16",
                      4
                    ]
                  },
                  "owner": null
                },
                {
                  "name": null,
                  "kind": {
                    "future": null
                  },
                  "owner": null
                },
                {
                  "name": null,
                  "kind": {
                    "stream": "s8"
                  },
                  "owner": null
                },
                {
                  "name": "alias",
                  "kind": {
                    "type": 0
                  },
                  "owner": {
                    "world": 0
                  }
                }
            """, json);
    }

    [Fact]
    public void WorldInterfaceItemsUseInterfaceKeysAndOptionalFields()
    {
        var resolve = new Resolve();
        var pkg = resolve.Packages.Alloc(new Package(new PackageName("a", "b")));
        var named = resolve.Interfaces.Alloc(new Interface("i") { Package = pkg, CloneOf = new InterfaceId(0) });
        var inline = resolve.Interfaces.Alloc(new Interface(null) { Package = pkg });
        var world = resolve.Worlds.Alloc(new World("w") { Package = pkg, Docs = new Docs("world") });
        var w = resolve.Worlds[world];
        w.Imports.Add(WorldKey.OfInterface(named), new InterfaceWorldItem(named)
        {
            Stability = Stability.Stable(SemVersion.Parse("1.0.0")),
            ExternalId = "x:y/z",
            Docs = new Docs("import docs"),
        });
        w.Exports.Add(WorldKey.OfName("inline"), new InterfaceWorldItem(inline));

        string json = Normalize(ResolveJson.Serialize(resolve));
        Assert.Contains(
            """
                  "imports": {
                    "interface-0": {
                      "interface": {
                        "id": 0,
                        "stability": {
                          "stable": {
                            "since": "1.0.0"
                          }
                        },
                        "external_id": "x:y/z",
                        "docs": {
                          "contents": "import docs"
                        }
                      }
                    }
                  },
                  "exports": {
                    "inline": {
                      "interface": {
                        "id": 1
                      }
                    }
                  },
                  "package": 0,
                  "docs": {
                    "contents": "world"
                  }
            """, json);
        Assert.Contains(
            """
                  "name": null,
                  "types": {},
                  "functions": {},
                  "package": 0
            """, json);
        Assert.Contains("\"package\": 0,\n      \"clone_of\": 0\n", json);
    }

    [Fact]
    public void ParamsWithoutNamesOmitTheName()
    {
        var resolve = new Resolve();
        var iface = resolve.Interfaces.Alloc(new Interface("i"));
        var f = new Function("f", FunctionKind.Freestanding);
        f.Params.Add(new Param("", WitType.U8));
        resolve.Interfaces[iface].Functions.Add("f", f);
        string json = Normalize(ResolveJson.Serialize(resolve));
        Assert.Contains("\"params\": [\n            {\n              \"type\": \"u8\"\n            }\n          ]", json);
        Assert.Contains("\"package\": null", json);
    }

    // Raw string literals follow the source file's line endings; the JSON always uses '\n'.
    private static string Normalize(string s) => s.Replace("\r\n", "\n");
}

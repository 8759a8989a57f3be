namespace WitTools.Analyzers.Tests;

/// <summary>Small WIT inputs written for these tests.</summary>
internal static class TestWit
{
    public const string CalcRoot = "/proj/wit";
    public const string CalcPath = "/proj/wit/calc.wit";

    public const string Calc = """
        package demo:calc@0.1.0;

        interface math {
          record point { x: s32, y: s32 }
          add: func(a: point, b: point) -> point;
          describe: func(p: point) -> string;
        }

        world calculator {
          import math;
        }
        """;

    public const string GreeterRoot = "/proj/greeter";
    public const string GreeterPath = "/proj/greeter/greeter.wit";

    public const string Greeter = """
        package demo:greeter;

        interface names {
          enum mood { happy, grumpy }
          greet: func(name: string, mood: mood) -> result<string, u32>;
        }

        world greeter {
          import names;
          import log: func(message: string);
        }

        world quiet {
          import log: func(message: string);
        }
        """;

    /// <summary>A single-file root: the Wit item names the file itself.</summary>
    public const string CounterPath = "/proj/counter.wit";

    public const string Counter = """
        package demo:counter;

        world counter {
          import tick: func() -> u64;
          import reset: func(to: option<u64>);
        }
        """;

    public const string ShopRoot = "/proj/shop/wit";
    public const string ShopPath = "/proj/shop/wit/shop.wit";

    /// <summary>Exports an interface with a resource, and a world-level function.</summary>
    public const string Shop = """
        package demo:shop@0.2.0;

        interface orders {
          resource cart {
            constructor(owner: string);
            add: func(sku: string, count: u32);
            total: func() -> u64;
          }
          place: func(c: borrow<cart>) -> result<u64, string>;
        }

        world shop {
          export orders;
          export ping: func(n: u32) -> u32;
        }
        """;
}

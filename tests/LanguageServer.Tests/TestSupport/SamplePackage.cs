namespace WitTools.LanguageServer.Tests.TestSupport;

/// <summary>A two-file package with a dependency in deps/, used by the protocol tests.</summary>
internal static class SamplePackage
{
    public const string Types = """
        package example:app@0.1.0;

        /// Shapes of the app.
        interface types {
          use wasi:io/streams@0.2.0.{input-stream as stream-in, output-stream};

          /// A point on the canvas.
          record point {
            x: s32,
            y: s32,
          }

          type points = list<point>;

          resource canvas {
            constructor(size: u32);
            draw: func(p: point) -> bool;
          }

          @since(version = 0.1.0)
          @deprecated(version = 0.1.0)
          old-shape: func() -> points;

          read: func(s: borrow<stream-in>, out: borrow<output-stream>) -> points;
        }
        """;

    public const string Worlds = """
        package example:app@0.1.0;

        world base {
          import types;
        }

        world app {
          include base;
          use types.{point};
          import draw-point: func(p: point);
          export run: func();
        }
        """;

    public const string Streams = """
        package wasi:io@0.2.0;

        interface streams {
          /// Bytes coming in.
          resource input-stream;
          resource output-stream;
        }
        """;

    public static (string Types, string Worlds, string Streams) WriteTo(TempWorkspace workspace) =>
        (workspace.Write("app/types.wit", Types), workspace.Write("app/worlds.wit", Worlds), workspace.Write("app/deps/io/streams.wit", Streams));
}

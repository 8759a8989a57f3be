using WitTools.WitParser.Serialization;

namespace WitTools.WitParser.Tests.Serialization;

public class JsonWriterTests
{
    [Fact]
    public void PrettyPrintsLikeSerdeJson()
    {
        var w = new JsonWriter();
        w.BeginObject();
        w.Property("a", 1);
        w.PropertyName("empty-list");
        w.BeginArray();
        w.EndArray();
        w.PropertyName("empty-map");
        w.BeginObject();
        w.EndObject();
        w.PropertyName("list");
        w.BeginArray();
        w.String("x");
        w.Null();
        w.BeginObject();
        w.Property("k", "v");
        w.EndObject();
        w.EndArray();
        w.EndObject();
        Assert.Equal(
            "{\n  \"a\": 1,\n  \"empty-list\": [],\n  \"empty-map\": {},\n  \"list\": [\n    \"x\",\n    null,\n    {\n      \"k\": \"v\"\n    }\n  ]\n}",
            w.ToString());
    }

    [Fact]
    public void EscapesStringsLikeSerdeJson()
    {
        var w = new JsonWriter();
        w.String("q\" b\\ \n\r\t\b\f \u0001 \u001f \u007f é ☃");
        Assert.Equal("\"q\\\" b\\\\ \\n\\r\\t\\b\\f \\u0001 \\u001f \u007f é ☃\"", w.ToString());
    }
}

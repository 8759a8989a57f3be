using System.Text.Json;
using System.Text.Json.Serialization;

namespace WitTools.LanguageServer.Server;

/// <summary>How protocol records are written: camelCase names, null members left out.</summary>
public static class LspJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

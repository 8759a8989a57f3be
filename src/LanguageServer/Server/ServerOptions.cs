using System;
using System.Collections.Generic;
using System.Text.Json;
using WitTools.WitParser.Model;

namespace WitTools.LanguageServer.Server;

/// <summary>
/// Settings a client may pass as <c>initializationOptions</c>:
/// <c>{"features": ["name", ...], "allFeatures": false, "debounceMilliseconds": 10}</c>.
/// Unknown or malformed members are ignored.
/// </summary>
public sealed class ServerOptions
{
    /// <summary>Longest debounce a client may ask for.</summary>
    public const int MaxDebounceMilliseconds = 2000;

    public FeatureSet Features { get; init; } = FeatureSet.None;

    /// <summary>How long diagnostics wait for more edits before analysing (edits arriving meanwhile restart it).</summary>
    public int DebounceMilliseconds { get; init; } = 10;

    public static ServerOptions From(JsonElement? options)
    {
        if (options is not { ValueKind: JsonValueKind.Object } element) return new ServerOptions();
        var names = new List<string>();
        bool all = false;
        int debounce = 10;
        if (element.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array)
        {
            foreach (var feature in features.EnumerateArray())
            {
                if (feature.ValueKind == JsonValueKind.String && feature.GetString() is { Length: > 0 } name) names.Add(name);
            }
        }
        if (element.TryGetProperty("allFeatures", out var allFeatures) && allFeatures.ValueKind is JsonValueKind.True) all = true;
        if (element.TryGetProperty("debounceMilliseconds", out var ms) && ms.ValueKind == JsonValueKind.Number && ms.TryGetInt32(out int value))
        {
            debounce = Math.Clamp(value, 0, MaxDebounceMilliseconds);
        }
        return new ServerOptions { Features = new FeatureSet(names, all), DebounceMilliseconds = debounce };
    }
}

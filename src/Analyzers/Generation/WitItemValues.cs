using System;
using System.Collections.Generic;
using WitTools.WitParser.Model;

namespace WitTools.Analyzers.Generation;

/// <summary>
/// How the values of a <c>&lt;Wit&gt;</c> item's metadata read: the source generator and the MSBuild tasks that
/// write the component type for componentize-dotnet (src/Analyzers.Tasks, which links this file) read them alike.
/// </summary>
internal static class WitItemValues
{
    /// <summary>How a user names the world in a project, for WIT0100 messages.</summary>
    public const string HowToChooseWorld = "World=\"...\" on the <Wit> item";

    private static readonly char[] WorldSeparators = { ',', ';', ' ', '\t', '\r', '\n' };

    /// <summary>The world names of <c>World</c> (separated by <c>,</c>, <c>;</c> or blanks); none: the only world.</summary>
    public static IReadOnlyList<string> Worlds(string? worlds) =>
        (worlds ?? "").Split(WorldSeparators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The <c>@unstable</c> features of <c>Features</c>: comma-separated names, or <c>*</c> for all.</summary>
    public static FeatureSet Features(string? features)
    {
        string trimmed = (features ?? "").Trim();
        return trimmed == "*" ? FeatureSet.All : FeatureSet.Parse(trimmed);
    }
}

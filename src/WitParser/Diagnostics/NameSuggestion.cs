using System;
using System.Collections.Generic;
using WitTools.WitParser.Printing;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Diagnostics;

/// <summary>
/// The one name a misspelled name most likely meant: the candidate at the smallest Damerau–Levenshtein distance
/// (insertions, deletions, substitutions, adjacent swaps; letter case ignored), if that distance is small for the
/// name's length (none below 3 characters, 1 up to 5, 2 from 6) and no other candidate is as close. Used by the
/// resolver for "did you mean" help and to bind a failed load's reference to what was meant; by the parser for
/// misspelled keywords. Callers pass only candidates of the kind the name must be.
/// </summary>
public static class NameSuggestion
{
    /// <summary>The unique nearest candidate within the allowed distance, or null (none close enough, or a tie).</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        int allowed = AllowedDistance(name);
        if (allowed == 0) return null;
        string? best = null;
        int bestDistance = int.MaxValue;
        bool tie = false;
        foreach (var candidate in candidates)
        {
            if (candidate.Length == 0 || string.Equals(candidate, name, StringComparison.Ordinal)) continue;
            if (Math.Abs(candidate.Length - name.Length) > allowed) continue;
            int distance = Distance(name, candidate, allowed);
            if (distance > allowed) continue;
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
                tie = false;
            }
            else if (distance == bestDistance && !string.Equals(candidate, best, StringComparison.Ordinal))
            {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /// <summary>The help line for a suggestion: "did you mean `name`?".</summary>
    public static string Help(string candidate) => $"did you mean `{candidate}`?";

    /// <summary>The suggestion data for a nearest name written over <paramref name="span"/>, or null without one. The name is
    /// written as WIT source spells it (`%enum` for an item named like a keyword).</summary>
    public static WitSuggestion? Replace(string? candidate, Span span) =>
        candidate == null ? null : new WitSuggestion(WitPrinter.Escape(candidate), span);

    /// <summary>How many edits a name of this length may be from what it meant.</summary>
    public static int AllowedDistance(string name) => name.Length < 3 ? 0 : name.Length < 6 ? 1 : 2;

    /// <summary>Optimal-string-alignment distance (Damerau–Levenshtein without edits of a swapped pair), ignoring
    /// ASCII case; any value above <paramref name="limit"/> may be returned as limit + 1.</summary>
    public static int Distance(string a, string b, int limit = int.MaxValue)
    {
        int n = a.Length, m = b.Length;
        if (Math.Abs(n - m) > limit) return limit + 1;
        var before = new int[m + 1];
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (int j = 0; j <= m; j++) previous[j] = j;
        for (int i = 1; i <= n; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= m; j++)
            {
                int cost = Fold(a[i - 1]) == Fold(b[j - 1]) ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Fold(a[i - 1]) == Fold(b[j - 2]) && Fold(a[i - 2]) == Fold(b[j - 1]))
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }
                current[j] = value;
                if (value < rowMin) rowMin = value;
            }
            if (rowMin > limit) return limit + 1;
            (before, previous, current) = (previous, current, before);
        }
        return previous[m];
    }

    private static char Fold(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

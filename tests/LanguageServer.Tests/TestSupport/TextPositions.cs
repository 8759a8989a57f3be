using System;
using WitTools.LanguageServer.Protocol;
using WitTools.LanguageServer.Text;

namespace WitTools.LanguageServer.Tests.TestSupport;

internal static class TextPositions
{
    /// <summary>The LSP position of the <paramref name="occurrence"/>-th (0-based) occurrence of <paramref name="needle"/>, plus <paramref name="offset"/> characters.</summary>
    public static Position Of(string text, string needle, int occurrence = 0, int offset = 0)
    {
        int index = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
            if (index < 0) throw new ArgumentException($"`{needle}` (occurrence {occurrence}) not found");
        }
        return new LineMap(text).ToPosition(index + offset);
    }
}

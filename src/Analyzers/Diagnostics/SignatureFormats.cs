using Microsoft.CodeAnalysis;

namespace WitTools.Analyzers.Diagnostics;

/// <summary>
/// How WIT0202 and the code fixes print C# member signatures. Compiled into WitTools.Analyzers and, linked, into
/// WitTools.Analyzers.CodeFixes, so the member a fix inserts is exactly the one the diagnostic asked for.
/// </summary>
internal static class SignatureFormats
{
    /// <summary>Types named with their containing types but not their namespace: <c>Types.Factorization Factor(ulong n)</c>.</summary>
    public static readonly SymbolDisplayFormat Display = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
                              | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>"global::A.B Name(global::C c, int n)": what a member declaration needs, fully qualified so it
    /// binds anywhere (a code fix simplifies it afterwards).</summary>
    public static readonly SymbolDisplayFormat Qualified = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Included,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: Display.GenericsOptions,
        memberOptions: Display.MemberOptions,
        parameterOptions: Display.ParameterOptions,
        miscellaneousOptions: Display.MiscellaneousOptions);

    /// <summary>A user's method as the message names it: <c>Factorizer.Factor(ulong n)</c> with its return type.</summary>
    public static readonly SymbolDisplayFormat UserMethod = Display
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters);
}

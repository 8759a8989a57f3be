using WitTools.WitParser.Text;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// Recovery data of a failed load: a name that did not resolve, whose error suggests the one it most likely meant
/// (<see cref="Diagnostics.NameSuggestion"/>), and which the best-effort <see cref="Model.Resolve"/> binds to that
/// name, so that what uses it keeps the shape the user meant (the source generator then binds it, and the build's
/// only error is the WIT error). Recorded only beside that error: a successful load has none.
/// </summary>
/// <param name="Span">The misspelled name in the source.</param>
/// <param name="Written">The name as written.</param>
/// <param name="UsedInstead">The name bound in its place.</param>
/// <param name="Kind">What the name had to be: "type", "interface" or "world".</param>
public sealed record WitStandIn(Span Span, string Written, string UsedInstead, string Kind);

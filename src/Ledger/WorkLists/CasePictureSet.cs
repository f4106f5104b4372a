using Vigil.Ledger.Evidence;

namespace Vigil.Ledger.WorkLists;

/// <summary>The pictures made for one case: files relative to the work list's folder, and why any is missing.</summary>
/// <param name="Map">The map thumbnail.</param>
/// <param name="Before">The crop from the earliest covering flight, if made.</param>
/// <param name="After">The crop from the latest covering flight, if made.</param>
/// <param name="StreetFrame">The copy of the latest street frame, if any.</param>
/// <param name="Notes">Why a picture is missing.</param>
internal sealed record CasePictureSet(string Map, string? Before, string? After, string? StreetFrame, IReadOnlyList<string> Notes)
{
    /// <summary>The pictures in page order with their captions.</summary>
    public IEnumerable<(string File, string Caption)> Figures
    {
        get
        {
            yield return (Map, "Map: case in red, neighbouring cases in orange");
            if (Before is not null)
            {
                yield return (Before, "Before (earliest flight)");
            }

            if (After is not null)
            {
                yield return (After, "After (latest flight)");
            }

            if (StreetFrame is not null)
            {
                yield return (StreetFrame, "Street frame");
            }
        }
    }
}

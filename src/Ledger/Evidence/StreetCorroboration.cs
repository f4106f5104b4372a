using Vigil.Core;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Evidence;

/// <summary>
/// Records what a street-level detector saw against the ledger: a sighting whose line of sight reaches an open case
/// (ChangeCompare's <c>StreetMatching.FirstOnLineOfSight</c>, within <paramref name="ToleranceMeters"/>) corroborates it,
/// and the frame is attached to that case as "street-detection" evidence. A sighting that reaches no case is a candidate
/// for an analyst: it has no outline, so it gets no number.
/// </summary>
/// <param name="ToleranceMeters">
/// How far a case's outline may lie from the line of sight, metres: track positions are good to a few metres and the
/// heading to a few degrees.
/// </param>
public sealed record StreetCorroboration(double ToleranceMeters = 4)
{
    /// <summary>The kind of evidence written for a corroborating sighting.</summary>
    public const string Kind = "street-detection";

    /// <summary>Attaches each corroboration among <paramref name="matches"/> not attached before (same case, same frame).</summary>
    public static StreetCorroborationResult Apply(
        ILedgerStore store, IReadOnlyList<SightingMatch> matches, string actor, DateTimeOffset fallbackCapturedUtc)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(matches);
        var written = new List<EvidenceAttachment>();
        foreach (var (sighting, number, distance) in matches)
        {
            if (number is null || StreetEvidence.IsAttached(store, number, Kind, sighting.ImagePath))
            {
                continue;
            }

            var attachment = new EvidenceAttachment(number, Kind, sighting.ImagePath,
                sighting.Camera.CapturedUtc ?? fallbackCapturedUtc, Math.Round(distance, 1), actor);
            store.AttachEvidence(attachment);
            written.Add(attachment);
        }

        return new StreetCorroborationResult(matches, written);
    }
}

/// <summary>What checking street sightings against the ledger gave.</summary>
/// <param name="Matches">Every sighting with the case it corroborates, or none.</param>
/// <param name="Written">Frames newly attached to the cases they corroborate (a rerun attaches nothing twice).</param>
public sealed record StreetCorroborationResult(IReadOnlyList<SightingMatch> Matches, IReadOnlyList<EvidenceAttachment> Written)
{
    /// <summary>Sightings that reach no open case: places for an analyst to look at.</summary>
    public IReadOnlyList<StreetSighting> Candidates => Matches.Where(m => m.Number is null).Select(m => m.Sighting).ToList();
}

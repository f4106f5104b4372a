using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Evidence;

/// <summary>
/// Checks what a street-level detector saw against the ledger. A sighting corroborates the open case whose outline
/// its line of sight reaches first (within <paramref name="ToleranceMeters"/> of the ray from the camera along the
/// sighting's bearing, no farther than the range cap): the frame is attached to that case as "street-detection"
/// evidence. A sighting that reaches no case is a candidate for an analyst: it has no outline, so it gets no number.
/// </summary>
/// <param name="ToleranceMeters">
/// How far a case's outline may lie from the line of sight, metres: track positions are good to a few metres and the
/// heading to a few degrees.
/// </param>
public sealed record StreetCorroboration(double ToleranceMeters = 4)
{
    /// <summary>The kind of evidence written for a corroborating sighting.</summary>
    public const string Kind = "street-detection";

    /// <summary>
    /// Matches the sightings against the ledger's open cases and attaches each corroboration not attached before (same
    /// case, same frame).
    /// </summary>
    public StreetCorroborationResult Apply(
        ILedgerStore store, IReadOnlyList<StreetSighting> sightings, double maxRangeMeters, string actor,
        DateTimeOffset fallbackCapturedUtc)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sightings);
        var open = store.ReadRecords().Where(r => CaseStatuses.IsOpen(r.Status)).ToList();
        var written = new List<EvidenceAttachment>();
        var matches = new List<SightingMatch>();
        foreach (var sighting in sightings)
        {
            if (FirstCaseOnLineOfSight(open, sighting, maxRangeMeters) is not { } hit)
            {
                matches.Add(new SightingMatch(sighting, null));
                continue;
            }

            var (number, distance) = hit;

            matches.Add(new SightingMatch(sighting, number));
            if (StreetEvidence.IsAttached(store, number, Kind, sighting.ImagePath))
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

    /// <summary>The open case the sighting's line of sight reaches first, with its distance from the camera; null when none.</summary>
    private (string Number, double DistanceMeters)? FirstCaseOnLineOfSight(
        IReadOnlyList<ViolationRecord> open, StreetSighting sighting, double maxRangeMeters)
    {
        var local = new LocalMetricFrame(sighting.Camera.LongitudeDeg, sighting.Camera.LatitudeDeg);
        var radians = sighting.BearingDeg * Math.PI / 180;
        var reach = maxRangeMeters + ToleranceMeters;
        var ray = new LineString([new Coordinate(0, 0), new Coordinate(reach * Math.Sin(radians), reach * Math.Cos(radians))]);
        var camera = new Point(0, 0);
        (string, double)? best = null;
        foreach (var record in open)
        {
            var outline = StreetEvidence.ToMeters(record.FootprintWgs84, local);
            if (outline.Distance(ray) > ToleranceMeters)
            {
                continue;
            }

            var distance = outline.Distance(camera);
            if (best is not { } b || distance < b.Item2)
            {
                best = (record.Number, distance);
            }
        }

        return best;
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

/// <summary>A street sighting and the open case its line of sight reaches first.</summary>
/// <param name="Sighting">The sighting.</param>
/// <param name="Number">The case it corroborates; null for a candidate.</param>
public sealed record SightingMatch(StreetSighting Sighting, string? Number);

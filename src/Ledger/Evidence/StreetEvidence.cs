using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Evidence;

/// <summary>
/// Attaches street-level frames to the cases they show, so a demolition team sees each site from the street: a frame
/// shows a case when its camera is within <see cref="StreetEvidenceOptions.RadiusMeters"/> of the case's outline and
/// the case's centre lies within the field of view around the camera's heading. The nearest such frames are attached
/// as "street-frame" evidence. Distances are measured in a local metric frame around each case.
/// </summary>
public static class StreetEvidence
{
    /// <summary>The kind of evidence written.</summary>
    public const string Kind = "street-frame";

    /// <summary>For each case, the nearest frames that face it, nearest first.</summary>
    public static IReadOnlyList<StreetEvidenceMatch> Match(
        IReadOnlyList<ViolationRecord> cases, IReadOnlyList<StreetFrame> frames, StreetEvidenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var matches = new List<StreetEvidenceMatch>();
        foreach (var record in cases)
        {
            var centre = record.FootprintWgs84.Centroid;
            var local = new LocalMetricFrame(centre.X, centre.Y);
            var outline = ToMeters(record.FootprintWgs84, local);
            var facing = new List<StreetEvidenceMatch>();
            foreach (var frame in frames)
            {
                if (frame.Pose.YawDeg is not { } heading)
                {
                    continue;
                }

                var (east, north) = local.ToMeters(frame.Pose.LongitudeDeg, frame.Pose.LatitudeDeg);
                var distance = outline.Distance(new Point(east, north));
                if (distance > options.RadiusMeters)
                {
                    continue;
                }

                var bearingToCentre = LocalMetricFrame.BearingDeg(-east, -north);
                if (Math.Abs(LocalMetricFrame.AngleDifferenceDeg(heading, bearingToCentre)) <= options.HalfFieldOfViewDegrees)
                {
                    facing.Add(new StreetEvidenceMatch(record.Number, frame, distance));
                }
            }

            matches.AddRange(facing.OrderBy(m => m.DistanceMeters).Take(options.MaxFramesPerCase));
        }

        return matches;
    }

    /// <summary>
    /// Matches the frames against the ledger's open cases and attaches each match not attached before (same case,
    /// same file) as an "evidence-attached" event. A frame without a capture time is dated <paramref name="fallbackCapturedUtc"/>.
    /// </summary>
    /// <returns>The attachments written.</returns>
    public static IReadOnlyList<EvidenceAttachment> Attach(
        ILedgerStore store, IReadOnlyList<StreetFrame> frames, StreetEvidenceOptions options, string actor,
        DateTimeOffset fallbackCapturedUtc)
    {
        ArgumentNullException.ThrowIfNull(store);
        var open = store.ReadRecords().Where(r => CaseStatuses.IsOpen(r.Status)).ToList();
        var written = new List<EvidenceAttachment>();
        foreach (var match in Match(open, frames, options))
        {
            var path = match.Frame.ImagePath;
            if (IsAttached(store, match.Number, Kind, path))
            {
                continue;
            }

            var attachment = new EvidenceAttachment(match.Number, Kind, path,
                match.Frame.Pose.CapturedUtc ?? fallbackCapturedUtc, Math.Round(match.DistanceMeters, 1), actor);
            store.AttachEvidence(attachment);
            written.Add(attachment);
        }

        return written;
    }

    /// <summary>True when the picture at <paramref name="path"/> is already attached to case <paramref name="number"/> as <paramref name="kind"/>.</summary>
    internal static bool IsAttached(ILedgerStore store, string number, string kind, string path) =>
        store.ReadEvents(number).Any(e => e.Kind == LedgerEventKinds.EvidenceAttached && Names(e.Detail, kind, path));

    private static bool Names(string detail, string kind, string path)
    {
        using var json = System.Text.Json.JsonDocument.Parse(detail);
        var root = json.RootElement;
        return root.TryGetProperty("kind", out var k) && k.GetString() == kind &&
               root.TryGetProperty("path", out var p) && p.GetString() == path;
    }

    /// <summary>A WGS 84 geometry in metres of <paramref name="local"/>.</summary>
    internal static Geometry ToMeters(Geometry wgs84, LocalMetricFrame local)
    {
        var copy = wgs84.Copy();
        copy.Apply(new ToLocal(local));
        return copy;
    }

    private sealed class ToLocal(LocalMetricFrame local) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (e, n) = local.ToMeters(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, e);
                seq.SetY(i, n);
            }
        }
    }
}

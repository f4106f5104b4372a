using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.ChangeCompare;

/// <summary>
/// Does a street-level picture show a case? A frame faces a case when its camera is within
/// <see cref="StreetEvidenceOptions.RadiusMeters"/> of the case's outline and the case's centre lies within the field
/// of view around the camera's heading; a street sighting reaches the open case whose outline its line of sight meets
/// first. Distances are measured in a local metric frame around each case or camera. Pure functions, thread-safe.
/// </summary>
public static class StreetMatching
{
    /// <summary>For each case, the nearest frames that face it, nearest first (at most <see cref="StreetEvidenceOptions.MaxFramesPerCase"/>).</summary>
    public static IReadOnlyList<StreetEvidenceMatch> Facing(
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
            var outline = local.ToMeters(record.FootprintWgs84);
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
    /// The open case the sighting's line of sight reaches first: its outline within <paramref name="toleranceMeters"/>
    /// of the ray from the camera along the sighting's bearing, no farther than <paramref name="maxRangeMeters"/>; the
    /// nearest such case to the camera. A match without a number (a candidate) when none is.
    /// </summary>
    public static SightingMatch FirstOnLineOfSight(
        IReadOnlyList<ViolationRecord> open, StreetSighting sighting, double maxRangeMeters, double toleranceMeters)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(sighting);
        var local = new LocalMetricFrame(sighting.Camera.LongitudeDeg, sighting.Camera.LatitudeDeg);
        var radians = sighting.BearingDeg * Math.PI / 180;
        var reach = maxRangeMeters + toleranceMeters;
        var ray = new LineString([new Coordinate(0, 0), new Coordinate(reach * Math.Sin(radians), reach * Math.Cos(radians))]);
        var camera = new Point(0, 0);
        var best = new SightingMatch(sighting, null);
        foreach (var record in open)
        {
            var outline = local.ToMeters(record.FootprintWgs84);
            if (outline.Distance(ray) > toleranceMeters)
            {
                continue;
            }

            var distance = outline.Distance(camera);
            if (best.Number is null || distance < best.DistanceMeters)
            {
                best = new SightingMatch(sighting, record.Number, distance);
            }
        }

        return best;
    }
}

using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Vigil.ChangeCompare;

/// <summary>
/// Decides whether a detected outline and a reference outline are the same structure despite the 1-3 m offsets usual
/// between imagery and vector data: the detection is moved by the centroid offset (capped at the tolerance) and the
/// overlap is measured both ways; the better of the aligned and unaligned overlap counts.
/// </summary>
internal static class OutlineMatcher
{
    /// <summary>Overlap shares of the two outlines after alignment: (share of detection, share of reference).</summary>
    public static (double ShareOfDetection, double ShareOfReference) Overlap(
        Geometry detection, Geometry reference, double toleranceMeters)
    {
        var (_, _, ofDetection, ofReference) = Align(detection, reference, toleranceMeters);
        return (ofDetection, ofReference);
    }

    /// <summary>
    /// The offset (metres, working CRS) that moves the detection onto the reference, zero when the unaligned overlap
    /// is better, and the overlap shares with it.
    /// </summary>
    public static (double Dx, double Dy, double ShareOfDetection, double ShareOfReference) Align(
        Geometry detection, Geometry reference, double toleranceMeters)
    {
        var direct = Shares(detection, reference);
        var dc = detection.Centroid.Coordinate;
        var rc = reference.Centroid.Coordinate;
        var dx = rc.X - dc.X;
        var dy = rc.Y - dc.Y;
        var length = Math.Sqrt(dx * dx + dy * dy);
        if (length < 1e-6 || toleranceMeters <= 0)
        {
            return (0, 0, direct.ShareOfDetection, direct.ShareOfReference);
        }

        var scale = Math.Min(1.0, toleranceMeters / length);
        var moved = AffineTransformation.TranslationInstance(dx * scale, dy * scale).Transform(detection);
        var aligned = Shares(moved, reference);
        return aligned.ShareOfDetection + aligned.ShareOfReference > direct.ShareOfDetection + direct.ShareOfReference
            ? (dx * scale, dy * scale, aligned.ShareOfDetection, aligned.ShareOfReference)
            : (0, 0, direct.ShareOfDetection, direct.ShareOfReference);
    }

    private static (double ShareOfDetection, double ShareOfReference) Shares(Geometry detection, Geometry reference)
    {
        if (!detection.EnvelopeInternal.Intersects(reference.EnvelopeInternal))
        {
            return (0, 0);
        }

        double common;
        try
        {
            common = detection.Intersection(reference).Area;
        }
        catch (TopologyException)
        {
            common = detection.Buffer(0).Intersection(reference.Buffer(0)).Area;
        }

        return (common / detection.Area, common / reference.Area);
    }
}

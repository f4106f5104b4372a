using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Vigil.Ingest.Tracks;

/// <summary>
/// Reads the track points (<c>trkpt</c>, GPX 1.0 or 1.1, all segments in order) of a GPX file: lat/lon attributes,
/// <c>ele</c> as altitude and <c>time</c> as UTC. A point without a time cannot geotag a frame, so it is an error.
/// </summary>
public static class GpxParser
{
    /// <summary>Reads a GPX file. Throws <see cref="InputException"/> for malformed XML, no track points or a point without time.</summary>
    public static GpsTrack Read(string path)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            throw new InputException(path, $"cannot be read as GPX: {ex.Message}", ex);
        }

        var points = doc.Descendants().Where(e => e.Name.LocalName == "trkpt").ToList();
        if (points.Count == 0)
        {
            throw new InputException(path, "GPX without track points (trkpt)");
        }

        var utc = new List<(DateTime Time, double Lon, double Lat, double? Ele)>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (!TryNumber(p.Attribute("lat")?.Value, out var lat) || !TryNumber(p.Attribute("lon")?.Value, out var lon))
            {
                throw new InputException(path, $"track point {i + 1} has no valid lat/lon");
            }

            var timeText = Child(p, "time");
            if (timeText is null || !DateTime.TryParse(timeText, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                throw new InputException(path, $"track point {i + 1} has no time; a track without times cannot geotag video frames");
            }

            double? ele = TryNumber(Child(p, "ele"), out var e) ? e : null;
            utc.Add((time, lon, lat, ele));
        }

        var first = utc[0].Time;
        var fixes = utc.Select(u => new GpsFix(u.Time - first, u.Time, u.Lon, u.Lat, u.Ele)).ToList();
        return new GpsTrack(path, "gpx", fixes, clockIsUtc: true);
    }

    private static string? Child(XElement e, string name) =>
        e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim();

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

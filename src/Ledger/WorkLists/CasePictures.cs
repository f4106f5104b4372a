using System.Globalization;
using System.Runtime.InteropServices;
using NetTopologySuite.Geometries;
using OpenCvSharp;
using Point = OpenCvSharp.Point;

namespace Vigil.Ledger.WorkLists;

/// <summary>Draws the pictures of a work list with OpenCV, offline: map thumbnails and imagery crops with outlines.</summary>
public static class CasePictures
{
    /// <summary>Side of a map thumbnail, pixels.</summary>
    public const int ThumbnailPixels = 320;

    /// <summary>Longest side of a before/after crop, pixels: legible on a printed A4 half-width.</summary>
    public const int CropPixels = 400;

    /// <summary>Distance of a crop's caption box from the picture's top-left corner, pixels.</summary>
    public const int CaptionInsetPixels = 3;

    /// <summary>The case outline: pure red (BGR), drawn without anti-aliasing so it keeps its colour on imagery.</summary>
    public static readonly Scalar CaseColor = new(0, 0, 255);

    /// <summary>Neighbouring cases: orange.</summary>
    public static readonly Scalar NeighbourColor = new(0, 165, 255);

    private const double MetersPerDegreeLatitude = 111_320;

    /// <summary>The ground shown around a case: its envelope grown by <paramref name="marginMeters"/> on every side.</summary>
    public static Envelope Window(Geometry outlineWgs84, double marginMeters)
    {
        var envelope = outlineWgs84.EnvelopeInternal;
        var metersPerDegreeLongitude = MetersPerDegreeLatitude * Math.Cos(envelope.Centre.Y * Math.PI / 180);
        return new Envelope(
            envelope.MinX - marginMeters / metersPerDegreeLongitude, envelope.MaxX + marginMeters / metersPerDegreeLongitude,
            envelope.MinY - marginMeters / MetersPerDegreeLatitude, envelope.MaxY + marginMeters / MetersPerDegreeLatitude);
    }

    /// <summary>
    /// A map of the case: the imagery when there is some, else a plain background; neighbouring cases in orange, the
    /// case in red, a scale bar; written as PNG.
    /// </summary>
    public static void Thumbnail(
        string path, Geometry outlineWgs84, IEnumerable<Geometry> neighboursWgs84, Envelope windowWgs84, ImageryCrop? imagery)
    {
        using var canvas = imagery is null ? new Mat(ThumbnailPixels, ThumbnailPixels, MatType.CV_8UC3, new Scalar(242, 242, 242)) : ToMat(imagery);
        var toPixels = imagery?.ToPixels ?? PlainProjection(windowWgs84, canvas.Width, canvas.Height);
        foreach (var neighbour in neighboursWgs84)
        {
            Draw(canvas, toPixels(neighbour), NeighbourColor);
        }

        Draw(canvas, toPixels(outlineWgs84), CaseColor);
        ScaleBar(canvas, outlineWgs84.Centroid, toPixels);
        Cv2.ImWrite(path, canvas);
    }

    /// <summary>A crop of imagery with the case outline drawn on it and a caption, written as PNG.</summary>
    public static void Crop(string path, ImageryCrop imagery, Geometry outlineWgs84, string caption)
    {
        using var canvas = ToMat(imagery);
        Draw(canvas, imagery.ToPixels(outlineWgs84), CaseColor);
        ScaleBar(canvas, outlineWgs84.Centroid, imagery.ToPixels);
        Label(canvas, caption, new Point(CaptionInsetPixels, CaptionInsetPixels));
        Cv2.ImWrite(path, canvas);
    }

    private static Mat ToMat(ImageryCrop imagery)
    {
        if (imagery.Bgr.Length != imagery.WidthPixels * imagery.HeightPixels * 3)
        {
            throw new ArgumentException("The crop's pixels do not match its size.", nameof(imagery));
        }

        var mat = new Mat(imagery.HeightPixels, imagery.WidthPixels, MatType.CV_8UC3);
        Marshal.Copy(imagery.Bgr, 0, mat.Data, imagery.Bgr.Length);
        return mat;
    }

    /// <summary>Lon/lat to pixels of a canvas showing the window, north up, same scale on both axes.</summary>
    private static Func<Geometry, Geometry> PlainProjection(Envelope window, int width, int height)
    {
        var metersPerDegreeLongitude = MetersPerDegreeLatitude * Math.Cos(window.Centre.Y * Math.PI / 180);
        var widthMeters = window.Width * metersPerDegreeLongitude;
        var heightMeters = window.Height * MetersPerDegreeLatitude;
        var pixelsPerMeter = Math.Min(width / widthMeters, height / heightMeters);
        var offsetX = (width - widthMeters * pixelsPerMeter) / 2;
        var offsetY = (height - heightMeters * pixelsPerMeter) / 2;
        return geometry =>
        {
            var copy = geometry.Copy();
            copy.Apply(new CoordinateMap(c => new Coordinate(
                offsetX + (c.X - window.MinX) * metersPerDegreeLongitude * pixelsPerMeter,
                offsetY + (window.MaxY - c.Y) * MetersPerDegreeLatitude * pixelsPerMeter)));
            return copy;
        };
    }

    private static void Draw(Mat canvas, Geometry pixels, Scalar color)
    {
        for (var i = 0; i < pixels.NumGeometries; i++)
        {
            if (pixels.GetGeometryN(i) is not Polygon polygon)
            {
                continue;
            }

            IEnumerable<LineString> rings = [polygon.ExteriorRing, .. polygon.InteriorRings];
            var points = rings.Select(r => r.Coordinates.Select(c => new Point(Math.Round(c.X), Math.Round(c.Y))));
            Cv2.Polylines(canvas, points, isClosed: true, color, thickness: 2, LineTypes.Link8);
        }
    }

    /// <summary>A bar of a round length near a quarter of the picture's width, bottom left, with its length in metres.</summary>
    private static void ScaleBar(Mat canvas, NetTopologySuite.Geometries.Point centreWgs84, Func<Geometry, Geometry> toPixels)
    {
        const double ProbeMeters = 10;
        var metersPerDegreeLongitude = MetersPerDegreeLatitude * Math.Cos(centreWgs84.Y * Math.PI / 180);
        var probe = toPixels(centreWgs84.Factory.CreateLineString(
        [
            new Coordinate(centreWgs84.X, centreWgs84.Y),
            new Coordinate(centreWgs84.X + ProbeMeters / metersPerDegreeLongitude, centreWgs84.Y),
        ]));
        var pixelsPerMeter = probe.Length / ProbeMeters;
        if (!(pixelsPerMeter > 0))
        {
            return;
        }

        var meters = RoundLength(canvas.Width / 4.0 / pixelsPerMeter);
        var length = (int)Math.Round(meters * pixelsPerMeter);
        var y = canvas.Height - 14;
        Cv2.Rectangle(canvas, new Point(4, y - 16), new Point(18 + length + 60, canvas.Height - 4), Scalar.White, -1);
        Cv2.Line(canvas, new Point(10, y), new Point(10 + length, y), Scalar.Black, 2);
        Cv2.Line(canvas, new Point(10, y - 5), new Point(10, y + 5), Scalar.Black, 2);
        Cv2.Line(canvas, new Point(10 + length, y - 5), new Point(10 + length, y + 5), Scalar.Black, 2);
        Cv2.PutText(canvas, string.Create(CultureInfo.InvariantCulture, $"{meters:0.##} m"), new Point(16 + length, y + 5),
            HersheyFonts.HersheySimplex, 0.45, Scalar.Black, 1, LineTypes.AntiAlias);
    }

    /// <summary>The caption in the chart font, so that a flight named in Chinese reads as such.</summary>
    private static void Label(Mat canvas, string text, Point topLeft) => TextStamp.Draw(canvas, text, topLeft);

    /// <summary>The largest 1, 2 or 5 times a power of ten not above <paramref name="meters"/>.</summary>
    private static double RoundLength(double meters)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(meters)));
        return new[] { 5, 2, 1 }.Select(m => m * power).FirstOrDefault(l => l <= meters, power);
    }

    private sealed class CoordinateMap(Func<Coordinate, Coordinate> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var mapped = map(seq.GetCoordinate(i));
            seq.SetX(i, mapped.X);
            seq.SetY(i, mapped.Y);
        }
    }
}

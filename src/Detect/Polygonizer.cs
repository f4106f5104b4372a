using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using OpenCvSharp;
using Vigil.Core;
using CvPoint = OpenCvSharp.Point;

namespace Vigil.Detect;

/// <summary>
/// Turns one tile's probability map into building regions (OpenCV contours with holes) in global pixel coordinates.
/// Only the tile's core plus one pixel to the right and below is polygonized: neighbouring cores then share their
/// boundary lines exactly, so the pieces of a building cut by a seam can be unioned into one whole outline.
/// </summary>
internal static class Polygonizer
{
    private static readonly GeometryFactory PixelFactory = new(new PrecisionModel(), 0);

    /// <summary>
    /// Extracts regions whose probability is at least <paramref name="threshold"/> from
    /// <paramref name="probabilities"/> (tile slot of <paramref name="size"/> x <paramref name="size"/> starting at
    /// <paramref name="offset"/>), restricted to valid pixels.
    /// </summary>
    public static List<PixelPiece> Extract(GeoTile tile, float[] probabilities, int offset, int size, float threshold)
    {
        var window = tile.Window;
        var core = tile.Core;
        var x0 = core.X0 - window.X0;
        var y0 = core.Y0 - window.Y0;
        var x1 = Math.Min(core.X1 + 1, window.X1) - window.X0;
        var y1 = Math.Min(core.Y1 + 1, window.Y1) - window.Y0;
        var width = x1 - x0;
        var height = y1 - y0;
        var pieces = new List<PixelPiece>();
        if (width <= 0 || height <= 0)
        {
            return pieces;
        }

        // One mask per thread, reused: tiles are the same size all run long, and a fresh array per tile would be a
        // large-object allocation (and a full collection every few tiles).
        var maskBytes = MaskBuffer(width * height);
        var any = false;
        for (var y = 0; y < height; y++)
        {
            var probRow = probabilities.AsSpan(offset + (y0 + y) * size + x0, width);
            var validRow = tile.Valid.AsSpan((y0 + y) * window.Width + x0, width);
            var maskRow = maskBytes.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var on = probRow[x] >= threshold && validRow[x] != 0;
                maskRow[x] = on ? (byte)255 : (byte)0;
                any |= on;
            }
        }

        if (!any)
        {
            return pieces;
        }

        using var mask = Mat.FromPixelData(height, width, MatType.CV_8UC1, maskBytes);
        using var labels = new Mat();
        var labelCount = Cv2.ConnectedComponents(mask, labels, PixelConnectivity.Connectivity8, MatType.CV_32SC1);
        var sums = new double[labelCount];
        var counts = new long[labelCount];
        SumByLabel(labels, probabilities, offset + y0 * size + x0, size, sums, counts);

        Cv2.FindContours(mask, out var contours, out var hierarchy, RetrievalModes.CComp,
            ContourApproximationModes.ApproxSimple);
        var originX = window.X0 + x0 + 0.5;
        var originY = window.Y0 + y0 + 0.5;
        for (var i = 0; i < contours.Length; i++)
        {
            if (hierarchy[i].Parent >= 0)
            {
                continue;
            }

            var shell = ToRing(contours[i], originX, originY);
            if (shell is null)
            {
                continue;
            }

            var holes = new List<LinearRing>();
            for (var child = hierarchy[i].Child; child >= 0; child = hierarchy[child].Next)
            {
                if (ToRing(contours[child], originX, originY) is { } hole)
                {
                    holes.Add(hole);
                }
            }

            var outline = GeometryFixer.Fix(PixelFactory.CreatePolygon(shell, [.. holes]));
            if (outline.IsEmpty || outline.Area <= 0)
            {
                continue;
            }

            var first = contours[i][0];
            var label = labels.At<int>(first.Y, first.X);
            var envelope = outline.EnvelopeInternal;
            var touchesSeam =
                (core.X0 > 0 && envelope.MinX - 0.5 <= core.X0) ||
                (core.Y0 > 0 && envelope.MinY - 0.5 <= core.Y0) ||
                (core.X1 < tile.Grid.WidthPixels && envelope.MaxX - 0.5 >= core.X1) ||
                (core.Y1 < tile.Grid.HeightPixels && envelope.MaxY - 0.5 >= core.Y1);
            pieces.Add(new PixelPiece(outline, sums[label], counts[label], touchesSeam));
        }

        return pieces;
    }

    [ThreadStatic]
    private static byte[]? _maskBuffer;

    private static byte[] MaskBuffer(int length)
    {
        if (_maskBuffer is null || _maskBuffer.Length < length)
        {
            _maskBuffer = new byte[length];
        }

        return _maskBuffer;
    }

    /// <summary>Sums the probabilities and counts the pixels of each label, reading the label image in place.</summary>
    private static unsafe void SumByLabel(Mat labels, float[] probabilities, int firstPixel, int size, double[] sums, long[] counts)
    {
        var (rows, columns) = (labels.Rows, labels.Cols);
        for (var y = 0; y < rows; y++)
        {
            var labelRow = new ReadOnlySpan<int>((void*)labels.Ptr(y), columns);
            var probRow = probabilities.AsSpan(firstPixel + y * size, columns);
            for (var x = 0; x < labelRow.Length; x++)
            {
                var label = labelRow[x];
                if (label > 0)
                {
                    sums[label] += probRow[x];
                    counts[label]++;
                }
            }
        }
    }

    private static LinearRing? ToRing(CvPoint[] contour, double originX, double originY)
    {
        if (contour.Length < 3)
        {
            return null;
        }

        var coordinates = new Coordinate[contour.Length + 1];
        for (var i = 0; i < contour.Length; i++)
        {
            coordinates[i] = new Coordinate(contour[i].X + originX, contour[i].Y + originY);
        }

        coordinates[^1] = coordinates[0].Copy();
        return PixelFactory.CreateLinearRing(coordinates);
    }
}

using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using OpenCvSharp;
using Vigil.Core;
using CvPoint = OpenCvSharp.Point;

namespace Vigil.Detect;

/// <summary>
/// Turns one tile's probability maps into building regions (OpenCV contours with holes) in global pixel coordinates.
/// Only the tile's core plus one pixel to the right and below is polygonized: neighbouring cores then share their
/// boundary lines exactly, so the pieces of a building cut by a seam can be unioned into one whole outline.
/// With a separation channel, touching buildings are split along the contact band and each gets the band's pixels
/// on its own side back, so that they come out as separate regions one pixel apart.
/// </summary>
internal static class Polygonizer
{
    /// <summary>
    /// How far, in pixels, a building cut out by the separation band grows back into the building extent. The band is
    /// about 2 px on each side of the contact line; 3 px gives those pixels back (and a pixel of slack for a band
    /// drawn wider) while staying well short of the smallest buildings, which a larger value would let one building
    /// swallow from its neighbour's extent.
    /// </summary>
    internal const int RegrowPixels = 3;

    private static readonly GeometryFactory PixelFactory = new(new PrecisionModel(), 0);

    /// <summary>
    /// Extracts regions whose probability is at least <paramref name="threshold"/> from a one-channel map
    /// <paramref name="probabilities"/> (tile slot of <paramref name="size"/> x <paramref name="size"/> starting at
    /// <paramref name="offset"/>), restricted to valid pixels.
    /// </summary>
    public static List<PixelPiece> Extract(GeoTile tile, float[] probabilities, int offset, int size, float threshold) =>
        Extract(tile, probabilities, offset, size, PixelRule.ExtentOnly(threshold));

    /// <summary>
    /// Extracts the buildings of one tile slot of <paramref name="output"/> (channels of <paramref name="size"/> x
    /// <paramref name="size"/> starting at <paramref name="offset"/>, building extent first) by <paramref name="rule"/>,
    /// restricted to valid pixels. Safe to call from several threads at once.
    /// </summary>
    public static List<PixelPiece> Extract(GeoTile tile, float[] output, int offset, int size, PixelRule rule)
    {
        var area = CoreArea.Of(tile);
        if (area.Width <= 0 || area.Height <= 0)
        {
            return [];
        }

        return rule.Separates
            ? ExtractSeparated(tile, area, output, offset, size, rule)
            : ExtractConnected(tile, area, output, offset, size, rule.Probability);
    }

    /// <summary>Every 8-connected region of building pixels is one building.</summary>
    private static List<PixelPiece> ExtractConnected(GeoTile tile, CoreArea area, float[] probabilities, int offset, int size, float threshold)
    {
        var (x0, y0, width, height) = (area.X0, area.Y0, area.Width, area.Height);
        var window = tile.Window;

        // One mask per thread, reused: tiles are the same size all run long, and a fresh array per tile would be a
        // large-object allocation (and a full collection every few tiles).
        var maskBytes = Buffer(ref _maskBuffer, width * height);
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

        var pieces = new List<PixelPiece>();
        if (!any)
        {
            return pieces;
        }

        using var mask = Mat.FromPixelData(height, width, MatType.CV_8UC1, maskBytes);
        using var labels = new Mat();
        var labelCount = Cv2.ConnectedComponents(mask, labels, PixelConnectivity.Connectivity8, MatType.CV_32SC1);
        var stats = new LabelStats(labelCount);
        stats.Collect(labels, 0, 0, width, height, probabilities, offset + y0 * size + x0, size, boxes: false);
        var seamRuns = SeamRuns(tile, area, labels, 0, 0, labelCount);

        Cv2.FindContours(mask, out var contours, out var hierarchy, RetrievalModes.CComp,
            ContourApproximationModes.ApproxSimple);
        foreach (var (outline, first) in Outlines(contours, hierarchy, area.GlobalX0, area.GlobalY0))
        {
            var label = labels.At<int>(first.Y, first.X);
            pieces.Add(new PixelPiece(outline, stats.Sums[label], stats.Counts[label], seamRuns[label] ?? []));
        }

        return pieces;
    }

    /// <summary>
    /// Building pixels outside the separation band (seeds) are labelled by 8-connected region; each label then grows
    /// back into the building extent by up to <see cref="RegrowPixels"/>, never into another label, one 8-neighbour
    /// step at a time. Everything is decided from the pixels within <see cref="RegrowPixels"/> of a pixel, and the
    /// region worked on reaches that far beyond the polygonized core, so two tiles sharing a seam line label its pixels
    /// alike wherever their probabilities agree.
    /// </summary>
    private static unsafe List<PixelPiece> ExtractSeparated(GeoTile tile, CoreArea area, float[] output, int offset, int size, PixelRule rule)
    {
        var window = tile.Window;
        var rx0 = Math.Max(0, area.X0 - RegrowPixels);
        var ry0 = Math.Max(0, area.Y0 - RegrowPixels);
        var rw = Math.Min(window.Width, area.X0 + area.Width + RegrowPixels) - rx0;
        var rh = Math.Min(window.Height, area.Y0 + area.Height + RegrowPixels) - ry0;
        var separationOffset = offset + rule.SeparationChannel * size * size;

        var seedBytes = Buffer(ref _maskBuffer, rw * rh);
        var band = Buffer(ref _bandBuffer, rw * rh);
        var bandCount = 0;
        var any = false;
        for (var y = 0; y < rh; y++)
        {
            var extentRow = output.AsSpan(offset + (ry0 + y) * size + rx0, rw);
            var separationRow = output.AsSpan(separationOffset + (ry0 + y) * size + rx0, rw);
            var validRow = tile.Valid.AsSpan((ry0 + y) * window.Width + rx0, rw);
            var seedRow = seedBytes.AsSpan(y * rw, rw);
            for (var x = 0; x < rw; x++)
            {
                var building = extentRow[x] >= rule.Probability && validRow[x] != 0;
                var seed = building && separationRow[x] < rule.Separation;
                seedRow[x] = seed ? (byte)255 : (byte)0;
                any |= seed;
                if (building && !seed)
                {
                    band[bandCount++] = y * rw + x;
                }
            }
        }

        var pieces = new List<PixelPiece>();
        if (!any)
        {
            return pieces;
        }

        using var seeds = Mat.FromPixelData(rh, rw, MatType.CV_8UC1, seedBytes);
        using var labels = new Mat();
        var labelCount = Cv2.ConnectedComponents(seeds, labels, PixelConnectivity.Connectivity8, MatType.CV_32SC1);
        Regrow((int*)labels.Data, rw, rh, band, bandCount);

        var (ox, oy) = (area.X0 - rx0, area.Y0 - ry0);
        var stats = new LabelStats(labelCount);
        stats.Collect(labels, ox, oy, area.Width, area.Height, output, offset + area.Y0 * size + area.X0, size, boxes: true);
        var seamRuns = SeamRuns(tile, area, labels, ox, oy, labelCount);

        for (var label = 1; label < labelCount; label++)
        {
            if (stats.Counts[label] == 0)
            {
                continue;
            }

            var (bx0, by0) = (stats.MinX[label], stats.MinY[label]);
            var (bw, bh) = (stats.MaxX[label] - bx0 + 1, stats.MaxY[label] - by0 + 1);
            var roiBytes = Buffer(ref _roiBuffer, bw * bh);
            for (var y = 0; y < bh; y++)
            {
                var labelRow = new ReadOnlySpan<int>((void*)labels.Ptr(oy + by0 + y, ox + bx0), bw);
                var roiRow = roiBytes.AsSpan(y * bw, bw);
                for (var x = 0; x < bw; x++)
                {
                    roiRow[x] = labelRow[x] == label ? (byte)255 : (byte)0;
                }
            }

            using var roi = Mat.FromPixelData(bh, bw, MatType.CV_8UC1, roiBytes);
            Cv2.FindContours(roi, out var contours, out var hierarchy, RetrievalModes.CComp,
                ContourApproximationModes.ApproxSimple);
            var labelPieces = Outlines(contours, hierarchy, area.GlobalX0 + bx0, area.GlobalY0 + by0).ToList();
            var runs = (IReadOnlyList<SeamRun>?)seamRuns[label] ?? [];
            foreach (var (outline, _) in labelPieces)
            {
                // A label cut in two by the core's edge (joined only in the overlap) gives two pieces; each keeps
                // the seam runs that lie on it.
                var own = labelPieces.Count == 1 ? runs : runs.Where(r => outline.Covers(RunStart(r))).ToList();
                pieces.Add(new PixelPiece(outline, stats.Sums[label], stats.Counts[label], own));
            }
        }

        return pieces;
    }

    /// <summary>
    /// Grows the labels of <paramref name="labels"/> (<paramref name="width"/> x <paramref name="height"/>, 0 = none)
    /// into the unlabelled building pixels listed in <paramref name="band"/>, one step to any of the 8 neighbours per
    /// round for <see cref="RegrowPixels"/> rounds: the band the model is trained on holds the pixels within 2 px of
    /// another building in x and in y (a 5 x 5 neighbourhood), which 8-neighbour steps undo exactly, where 4-neighbour
    /// steps would leave a building's corner to its neighbour. A pixel reached by two labels in the same round takes
    /// the label of its first labelled neighbour in the order left, up, right, down, then the diagonals: a rule of
    /// position, not of label numbers, which differ between tiles.
    /// </summary>
    private static unsafe void Regrow(int* labels, int width, int height, int[] band, int bandCount)
    {
        for (var round = 0; round < RegrowPixels && bandCount > 0; round++)
        {
            var grown = false;
            for (var i = 0; i < bandCount; i++)
            {
                var p = band[i];
                var (x, y) = (p % width, p / width);
                var (left, up, right, down) = (x > 0, y > 0, x < width - 1, y < height - 1);
                var label =
                    Neighbour(labels, left, p - 1) ??
                    Neighbour(labels, up, p - width) ??
                    Neighbour(labels, right, p + 1) ??
                    Neighbour(labels, down, p + width) ??
                    Neighbour(labels, up && left, p - width - 1) ??
                    Neighbour(labels, up && right, p - width + 1) ??
                    Neighbour(labels, down && left, p + width - 1) ??
                    Neighbour(labels, down && right, p + width + 1);

                // Negative until the round ends, so that a pixel labelled in this round does not pass its label on
                // in the same round.
                if (label is { } grownLabel)
                {
                    labels[p] = -grownLabel;
                    grown = true;
                }
            }

            if (!grown)
            {
                return;
            }

            var kept = 0;
            for (var i = 0; i < bandCount; i++)
            {
                var p = band[i];
                if (labels[p] < 0)
                {
                    labels[p] = -labels[p];
                }
                else
                {
                    band[kept++] = p;
                }
            }

            bandCount = kept;
        }
    }

    /// <summary>The label of the pixel at <paramref name="index"/> when it exists and was labelled before this round.</summary>
    private static unsafe int? Neighbour(int* labels, bool exists, int index) =>
        exists && labels[index] > 0 ? labels[index] : null;

    /// <summary>
    /// The pixels of each label on the tile's seam lines: the first column and row of the core where a tile lies
    /// before it, the extra column and row past the core where one lies after it.
    /// </summary>
    private static unsafe List<SeamRun>?[] SeamRuns(GeoTile tile, CoreArea area, Mat labels, int ox, int oy, int labelCount)
    {
        var runs = new List<SeamRun>?[labelCount];
        var (core, grid) = (tile.Core, tile.Grid);
        var stride = (int)(labels.Step() / sizeof(int));
        var origin = (int*)labels.Ptr(oy, ox);
        if (core.X0 > 0)
        {
            Scan(origin, stride, area.Height, isColumn: true, core.X0, area.GlobalY0, runs);
        }

        if (core.X1 < grid.WidthPixels && area.GlobalX0 + area.Width - 1 == core.X1)
        {
            Scan(origin + area.Width - 1, stride, area.Height, isColumn: true, core.X1, area.GlobalY0, runs);
        }

        if (core.Y0 > 0)
        {
            Scan(origin, 1, area.Width, isColumn: false, core.Y0, area.GlobalX0, runs);
        }

        if (core.Y1 < grid.HeightPixels && area.GlobalY0 + area.Height - 1 == core.Y1)
        {
            Scan(origin + (area.Height - 1) * stride, 1, area.Width, isColumn: false, core.Y1, area.GlobalX0, runs);
        }

        return runs;
    }

    private static unsafe void Scan(int* first, int step, int count, bool isColumn, int line, int start, List<SeamRun>?[] runs)
    {
        var i = 0;
        while (i < count)
        {
            var label = first[i * step];
            var end = i + 1;
            while (end < count && first[end * step] == label)
            {
                end++;
            }

            if (label > 0)
            {
                (runs[label] ??= []).Add(new SeamRun(isColumn, line, start + i, start + end));
            }

            i = end;
        }
    }

    private static Geometry RunStart(SeamRun run) => run.IsColumn
        ? PixelFactory.CreatePoint(new Coordinate(run.Line + 0.5, run.Start + 0.5))
        : PixelFactory.CreatePoint(new Coordinate(run.Start + 0.5, run.Line + 0.5));

    /// <summary>The outer contours of a CComp hierarchy with their holes, as valid polygons, with each one's first point.</summary>
    private static IEnumerable<(Geometry Outline, CvPoint First)> Outlines(
        CvPoint[][] contours, HierarchyIndex[] hierarchy, int globalX0, int globalY0)
    {
        var (originX, originY) = (globalX0 + 0.5, globalY0 + 0.5);
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
            if (!outline.IsEmpty && outline.Area > 0)
            {
                yield return (outline, contours[i][0]);
            }
        }
    }

    [ThreadStatic]
    private static byte[]? _maskBuffer;

    [ThreadStatic]
    private static int[]? _bandBuffer;

    [ThreadStatic]
    private static byte[]? _roiBuffer;

    private static T[] Buffer<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new T[length];
        }

        return buffer;
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

    /// <summary>
    /// The polygonized part of a tile: its core plus one pixel to the right and below where the window has it, in
    /// window pixels (<see cref="X0"/>, <see cref="Y0"/>) and in global pixels (<see cref="GlobalX0"/>, <see cref="GlobalY0"/>).
    /// </summary>
    private readonly record struct CoreArea(int X0, int Y0, int Width, int Height, int GlobalX0, int GlobalY0)
    {
        public static CoreArea Of(GeoTile tile)
        {
            var (window, core) = (tile.Window, tile.Core);
            var x0 = core.X0 - window.X0;
            var y0 = core.Y0 - window.Y0;
            var x1 = Math.Min(core.X1 + 1, window.X1) - window.X0;
            var y1 = Math.Min(core.Y1 + 1, window.Y1) - window.Y0;
            return new CoreArea(x0, y0, x1 - x0, y1 - y0, core.X0, core.Y0);
        }
    }

    /// <summary>Pixel count, probability sum and bounding box (in the counted rectangle) of each label.</summary>
    private sealed class LabelStats(int labelCount)
    {
        public double[] Sums { get; } = new double[labelCount];

        public long[] Counts { get; } = new long[labelCount];

        public int[] MinX { get; } = Filled(labelCount, int.MaxValue);

        public int[] MinY { get; } = Filled(labelCount, int.MaxValue);

        public int[] MaxX { get; } = Filled(labelCount, -1);

        public int[] MaxY { get; } = Filled(labelCount, -1);

        /// <summary>
        /// Counts the <paramref name="width"/> x <paramref name="height"/> rectangle of <paramref name="labels"/> at
        /// (<paramref name="ox"/>, <paramref name="oy"/>), reading the label image in place and the probabilities from
        /// <paramref name="firstPixel"/> of <paramref name="probabilities"/> (rows <paramref name="size"/> apart); the
        /// bounding boxes only when <paramref name="boxes"/>.
        /// </summary>
        public unsafe void Collect(Mat labels, int ox, int oy, int width, int height, float[] probabilities, int firstPixel, int size, bool boxes)
        {
            for (var y = 0; y < height; y++)
            {
                var labelRow = new ReadOnlySpan<int>((void*)labels.Ptr(oy + y, ox), width);
                var probRow = probabilities.AsSpan(firstPixel + y * size, width);
                for (var x = 0; x < labelRow.Length; x++)
                {
                    var label = labelRow[x];
                    if (label > 0)
                    {
                        Sums[label] += probRow[x];
                        Counts[label]++;
                        if (!boxes)
                        {
                            continue;
                        }

                        MinX[label] = Math.Min(MinX[label], x);
                        MaxX[label] = Math.Max(MaxX[label], x);
                        MinY[label] = Math.Min(MinY[label], y);
                        MaxY[label] = Math.Max(MaxY[label], y);
                    }
                }
            }
        }

        private static int[] Filled(int length, int value)
        {
            var array = new int[length];
            Array.Fill(array, value);
            return array;
        }
    }
}

using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Ledger.WorkLists;

namespace Vigil.Runs.Inputs;

/// <summary>
/// Cuts work-list pictures out of flight rasters with GDAL: the window around an area in the raster's own CRS and
/// pixels, downsampled to the requested size. Thread-safe.
/// </summary>
public sealed class GdalImagerySource : IImagerySource
{
    /// <summary>Loads GDAL now, before the pictures are drawn with OpenCV (see <see cref="GdalRuntime"/>).</summary>
    public GdalImagerySource() => GdalRuntime.EnsureInitialized();

    /// <inheritdoc />
    public ImageryCrop? Crop(string rasterPath, Envelope areaWgs84, int maxSizePixels)
    {
        ArgumentException.ThrowIfNullOrEmpty(rasterPath);
        ArgumentNullException.ThrowIfNull(areaWgs84);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSizePixels);
        if (!rasterPath.StartsWith("/vsi", StringComparison.Ordinal) && !File.Exists(rasterPath))
        {
            throw new FileNotFoundException($"the raster {rasterPath} is missing", rasterPath);
        }

        try
        {
            var info = RasterProbe.Inspect(rasterPath);
            double[] xs = [areaWgs84.MinX, areaWgs84.MaxX, areaWgs84.MaxX, areaWgs84.MinX];
            double[] ys = [areaWgs84.MinY, areaWgs84.MinY, areaWgs84.MaxY, areaWgs84.MaxY];
            var (columns, rows) = ToRasterPixels(info, xs, ys);
            var window = new PixelRect(
                Math.Max(0, (int)Math.Floor(columns.Min())), Math.Max(0, (int)Math.Floor(rows.Min())),
                Math.Min(info.WidthPixels, (int)Math.Ceiling(columns.Max())), Math.Min(info.HeightPixels, (int)Math.Ceiling(rows.Max())));
            if (window.IsEmpty)
            {
                return null;
            }

            var scale = Math.Min(1.0, maxSizePixels / (double)Math.Max(window.Width, window.Height));
            var width = Math.Max(1, (int)Math.Round(window.Width * scale));
            var height = Math.Max(1, (int)Math.Round(window.Height * scale));
            var bands = RasterFile.ReadWindow(rasterPath, window, width, height);
            return new ImageryCrop(width, height, Bgr(bands, width * height), geometry =>
            {
                var copy = geometry.Copy();
                var coordinates = copy.Coordinates;
                var (c, r) = ToRasterPixels(info, coordinates.Select(p => p.X).ToArray(), coordinates.Select(p => p.Y).ToArray());
                var i = 0;
                copy.Apply(new CoordinateSetter(_ => new Coordinate(
                    (c[i] - window.X0) * width / window.Width, (r[i++] - window.Y0) * height / window.Height)));
                return copy;
            });
        }
        catch (InputException ex)
        {
            throw new IOException(ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            throw new IOException($"{rasterPath}: {ex.Message}", ex);
        }
    }

    private static (double[] Columns, double[] Rows) ToRasterPixels(RasterInfo info, double[] longitudes, double[] latitudes)
    {
        CrsTransform.FromWgs84(info.CrsWkt, longitudes, latitudes);
        var columns = new double[longitudes.Length];
        var rows = new double[longitudes.Length];
        for (var i = 0; i < longitudes.Length; i++)
        {
            (columns[i], rows[i]) = info.GeoTransform.WorldToPixel(longitudes[i], latitudes[i]);
        }

        return (columns, rows);
    }

    /// <summary>Grey for one or two bands (grey, alpha), else the first three as red, green, blue.</summary>
    private static byte[] Bgr(byte[][] bands, int pixels)
    {
        var (red, green, blue) = bands.Length >= 3 ? (bands[0], bands[1], bands[2]) : (bands[0], bands[0], bands[0]);
        var bgr = new byte[pixels * 3];
        for (var i = 0; i < pixels; i++)
        {
            bgr[3 * i] = blue[i];
            bgr[3 * i + 1] = green[i];
            bgr[3 * i + 2] = red[i];
        }

        return bgr;
    }

    /// <summary>Replaces coordinates in the order <see cref="Geometry.Coordinates"/> lists them.</summary>
    private sealed class CoordinateSetter(Func<Coordinate, Coordinate> next) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var value = next(seq.GetCoordinate(i));
            seq.SetX(i, value.X);
            seq.SetY(i, value.Y);
        }
    }
}

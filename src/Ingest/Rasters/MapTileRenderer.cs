using System.Collections.Concurrent;
using System.Globalization;
using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// Web map tiles (<see cref="WebMercatorTile"/>) cut from a georeferenced raster in any CRS with GDALWarp: only the
/// source windows under the tile are read. 8-bit bands as they are; other types stretched between the raster's 2nd and
/// 98th percentiles (measured once per file version), so that neighbouring tiles match. Thread-safe.
/// </summary>
public static class MapTileRenderer
{
    /// <summary>Bytes a tile of <see cref="Render"/>: 256 x 256 pixels of red, green, blue, alpha, row-major.</summary>
    public const int RgbaBytes = WebMercatorTile.SizePixels * WebMercatorTile.SizePixels * 4;

    private static readonly ConcurrentDictionary<string, BandStretch?[]> Stretches = new(StringComparer.Ordinal);

    /// <summary>Where a raster lies and how fine it is.</summary>
    /// <param name="path">The raster (or GDAL virtual path).</param>
    /// <returns>Its bounding box in WGS 84 degrees and its ground sample distance at the centre, metres.</returns>
    /// <exception cref="InputException">The raster is unreadable or not georeferenced.</exception>
    public static (double West, double South, double East, double North, double GsdMeters) Coverage(string path)
    {
        var info = RasterProbe.Inspect(path);
        var t = info.GeoTransform;
        double[] columns = [0, info.WidthPixels / 2.0, info.WidthPixels];
        double[] rows = [0, info.HeightPixels / 2.0, info.HeightPixels];
        var corners = columns.SelectMany(c => rows, (c, r) => t.PixelToWorld(c, r)).ToArray();
        try
        {
            var wgs84 = corners.Select(p => CrsTransform.ToWgs84(info.CrsWkt, p.X, p.Y)).ToArray();
            return (wgs84.Min(p => p.Longitude), wgs84.Min(p => p.Latitude), wgs84.Max(p => p.Longitude), wgs84.Max(p => p.Latitude),
                info.ApproxGsdMeters);
        }
        catch (ArgumentException ex)
        {
            throw new InputException(path, ex.Message, ex);
        }
    }

    /// <summary>
    /// Renders one tile of the raster: RGBA, alpha 255 where the raster has valid pixels, 0 outside it and on nodata
    /// (partly on the edges); null when the tile holds no valid pixel.
    /// </summary>
    /// <param name="path">The raster (or GDAL virtual path).</param>
    /// <param name="tile">The tile; see <see cref="WebMercatorTile.IsValid"/>.</param>
    /// <returns><see cref="RgbaBytes"/> bytes, or null.</returns>
    /// <exception cref="InputException">The raster is unreadable, not georeferenced, or cannot be warped to Web Mercator.</exception>
    public static unsafe byte[]? Render(string path, WebMercatorTile tile)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!tile.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(tile), tile, "no such tile");
        }

        var (west, south, east, north, gsd) = Coverage(path);
        var (tileWest, tileSouth, tileEast, tileNorth) = tile.BoundsWgs84;
        if (tileWest >= east || tileEast <= west || tileSouth >= north || tileNorth <= south)
        {
            return null;
        }

        using var source = Datasets.OpenRaster(path);
        var mapping = BandMapping.For(source, path);
        var stretches = StretchesOf(source, path, mapping);
        using var warped = Warper.Run(source, WarpArguments(tile, gsd, (south + north) / 2, mapping, stretches), path,
            "cannot be warped to Web Mercator (EPSG:3857)");
        const int Size = WebMercatorTile.SizePixels;
        var all = new PixelRect(0, 0, Size, Size);
        var rgba = new byte[RgbaBytes];
        try
        {
            fixed (byte* p = rgba)
            {
                Datasets.Read(Datasets.Band(warped, GdalNative.GDALGetRasterCount(warped)), all, p + 3, Size, Size, GdalDataType.Byte, 4, 4 * Size);
            }

            var any = false;
            for (var i = 3; i < rgba.Length && !any; i += 4)
            {
                any = rgba[i] != 0;
            }

            if (!any)
            {
                return null;
            }

            int[] bands = [mapping.Red, mapping.Green, mapping.Blue];
            var values = stretches.Any(s => s is not null) ? new float[Size * Size] : [];
            for (var k = 0; k < 3; k++)
            {
                var band = Datasets.Band(warped, bands[k]);
                if (stretches[k] is { } stretch)
                {
                    fixed (float* v = values)
                    {
                        Datasets.Read(band, all, v, Size, Size, GdalDataType.Float32, sizeof(float), sizeof(float) * Size);
                    }

                    for (var i = 0; i < values.Length; i++)
                    {
                        rgba[4 * i + k] = stretch.Apply(values[i]);
                    }
                }
                else
                {
                    fixed (byte* p = rgba)
                    {
                        Datasets.Read(band, all, p + k, Size, Size, GdalDataType.Byte, 4, 4 * Size);
                    }
                }
            }
        }
        catch (GdalException ex)
        {
            throw new InputException(path, $"tile {tile.Z}/{tile.X}/{tile.Y} unreadable: {ex.Message}", ex);
        }

        return rgba;
    }

    private static List<string> WarpArguments(
        WebMercatorTile tile, double gsdMeters, double latitude, BandMapping mapping, BandStretch?[] stretches)
    {
        var (minX, minY, maxX, maxY) = tile.BoundsMeters;
        static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var groundPixelMeters = tile.PixelMeters * Math.Cos(latitude * Math.PI / 180);
        List<string> argv =
        [
            "-of", "MEM",
            "-t_srs", "EPSG:3857",
            "-te", N(minX), N(minY), N(maxX), N(maxY),
            "-ts", N(WebMercatorTile.SizePixels), N(WebMercatorTile.SizePixels),
            // Zoomed out, each tile pixel averages the source pixels under it; zoomed in, it interpolates between them.
            "-r", groundPixelMeters > gsdMeters ? "average" : "bilinear",
            "-dstalpha",
            "-wo", "DST_ALPHA_MAX=255",
        ];
        if (mapping.ForceSourceAlpha)
        {
            argv.Add("-srcalpha");
        }

        if (stretches.Any(s => s is not null))
        {
            argv.AddRange(["-ot", "Float32"]);
        }

        return argv;
    }

    /// <summary>The stretch of each of R, G, B (null for an 8-bit band), measured once per file version.</summary>
    private static BandStretch?[] StretchesOf(DatasetHandle source, string path, BandMapping mapping)
    {
        int[] bands = [mapping.Red, mapping.Green, mapping.Blue];
        if (bands.All(b => GdalNative.GDALGetRasterDataType(Datasets.Band(source, b)) == GdalDataType.Byte))
        {
            return new BandStretch?[3];
        }

        var file = new FileInfo(path);
        var key = file.Exists ? $"{file.FullName}\n{file.Length}\n{file.LastWriteTimeUtc.Ticks}" : path;
        return Stretches.GetOrAdd(key, _ =>
        {
            var width = GdalNative.GDALGetRasterXSize(source);
            var height = GdalNative.GDALGetRasterYSize(source);
            return bands.Select(b =>
            {
                var band = Datasets.Band(source, b);
                if (GdalNative.GDALGetRasterDataType(band) == GdalDataType.Byte)
                {
                    return (BandStretch?)null;
                }

                return BandStretch.Measure(band, width, height)
                    ?? throw new InputException(path, $"band {b} holds no valid pixel (all nodata or masked)");
            }).ToArray();
        });
    }
}

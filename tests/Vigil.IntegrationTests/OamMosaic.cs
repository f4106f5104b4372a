using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;

namespace Vigil.IntegrationTests;

/// <summary>
/// Stitches adjacent fAIr/OpenAerialMap chips (Web-Mercator XYZ tiles at zoom 21, named OAM-x-y-z) into one
/// georeferenced GeoTIFF in EPSG:3857, and checks the placement against the chips' own mask georeference.
/// </summary>
internal static class OamMosaic
{
    private const int ChipPixels = 256;
    private const int Zoom = 21;
    private const double WebMercatorHalfWorld = 20037508.342789244;

    /// <summary>Writes a mosaic of <paramref name="columns"/> x <paramref name="rows"/> chips whose top-left chip is (x0, y0); returns its geotransform.</summary>
    public static GeoTransform Build(string areaFolder, int x0, int y0, int columns, int rows, string outPath)
    {
        var (width, height) = (columns * ChipPixels, rows * ChipPixels);
        var bands = new[] { new byte[width * height], new byte[width * height], new byte[width * height] };
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < columns; i++)
            {
                var chip = RasterFile.ReadAll(Path.Combine(areaFolder, "images", $"OAM-{x0 + i}-{y0 + j}-{Zoom}.png"));
                for (var b = 0; b < 3; b++)
                {
                    for (var row = 0; row < ChipPixels; row++)
                    {
                        Array.Copy(chip.Bands[b], row * ChipPixels, bands[b], (j * ChipPixels + row) * width + i * ChipPixels, ChipPixels);
                    }
                }
            }
        }

        var tileMeters = 2 * WebMercatorHalfWorld / (1 << Zoom);
        var transform = new GeoTransform(
            -WebMercatorHalfWorld + x0 * tileMeters, tileMeters / ChipPixels, 0,
            WebMercatorHalfWorld - y0 * tileMeters, 0, -tileMeters / ChipPixels);
        GeoTiffWriter.Write(outPath, width, height, bands, transform, "EPSG:3857");
        return transform;
    }

    /// <summary>The top-left corner of chip (x, y) in WGS 84 according to its mask GeoTIFF.</summary>
    public static (double Longitude, double Latitude) MaskCorner(string areaFolder, int x, int y)
    {
        var mask = RasterFile.ReadAll(Path.Combine(areaFolder, "masks", $"OAM-{x}-{y}-{Zoom}.tif"));
        var t = mask.Transform ?? throw new InvalidOperationException("mask without georeference");
        return (t.OriginX, t.OriginY);
    }

    /// <summary>WGS 84 longitude/latitude of a Web-Mercator coordinate (spherical formulas of EPSG:3857).</summary>
    public static (double Longitude, double Latitude) ToLonLat(double x, double y) =>
        (x / WebMercatorHalfWorld * 180,
         Math.Atan(Math.Sinh(y / WebMercatorHalfWorld * Math.PI)) * 180 / Math.PI);
}

using Vigil.Core;
using Vigil.Ingest.Rasters;

namespace Vigil.Ingest.Tests.Support;

/// <summary>Small synthetic rasters written with <see cref="GeoTiffWriter"/>.</summary>
public static class TestRasters
{
    public const string Utm33N = "EPSG:32633";

    /// <summary>A band of one value.</summary>
    public static byte[] Fill(int width, int height, byte value)
    {
        var band = new byte[width * height];
        Array.Fill(band, value);
        return band;
    }

    /// <summary>A band whose value is f(column, row).</summary>
    public static T[] Make<T>(int width, int height, Func<int, int, T> f)
    {
        var band = new T[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                band[y * width + x] = f(x, y);
            }
        }

        return band;
    }

    /// <summary>Writes an RGB GeoTIFF of uniform colour at 0.5 m in UTM 33N with its top-left corner at (500000, 5000000).</summary>
    public static string WriteUniformRgb(string path, int width, int height, byte value = 90)
    {
        var band = Fill(width, height, value);
        GeoTiffWriter.Write(path, width, height, [band, band, band], GeoTransform.NorthUp(500000, 5000000, 0.5), Utm33N);
        return path;
    }
}

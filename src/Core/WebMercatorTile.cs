namespace Vigil.Core;

/// <summary>
/// One tile of the XYZ scheme web maps use (OpenStreetMap, Leaflet): Web Mercator (EPSG:3857), 256 px a side, zoom
/// <see cref="Z"/> splitting the world into 2^Z x 2^Z tiles, <see cref="X"/> from the antimeridian eastwards and
/// <see cref="Y"/> from the north edge (85.05° N) southwards.
/// </summary>
public readonly record struct WebMercatorTile(int Z, int X, int Y)
{
    /// <summary>Pixels a tile side.</summary>
    public const int SizePixels = 256;

    /// <summary>The deepest zoom served: about 2 cm a pixel at the equator, finer than any drone orthophoto.</summary>
    public const int MaxZoom = 24;

    /// <summary>Half the width of the Web Mercator world, metres: pi times the WGS 84 semi-major axis.</summary>
    public const double HalfWorldMeters = 20037508.342789244;

    /// <summary>True when the zoom is within 0..<see cref="MaxZoom"/> and X and Y within the zoom's grid.</summary>
    public bool IsValid => Z is >= 0 and <= MaxZoom && X >= 0 && Y >= 0 && X < (1L << Z) && Y < (1L << Z);

    /// <summary>Width of one tile pixel in Web Mercator metres (on the ground: that times the cosine of the latitude).</summary>
    public double PixelMeters => 2 * HalfWorldMeters / ((1L << Z) * (double)SizePixels);

    /// <summary>The tile's bounds in EPSG:3857 metres: west, south, east, north.</summary>
    public (double MinX, double MinY, double MaxX, double MaxY) BoundsMeters
    {
        get
        {
            var size = 2 * HalfWorldMeters / (1L << Z);
            return (-HalfWorldMeters + X * size, HalfWorldMeters - (Y + 1) * size, -HalfWorldMeters + (X + 1) * size, HalfWorldMeters - Y * size);
        }
    }

    /// <summary>The tile's bounds in WGS 84 degrees: west, south, east, north.</summary>
    public (double West, double South, double East, double North) BoundsWgs84
    {
        get
        {
            var (minX, minY, maxX, maxY) = BoundsMeters;
            return (Longitude(minX), Latitude(minY), Longitude(maxX), Latitude(maxY));
        }
    }

    /// <summary>The tile of zoom <paramref name="z"/> holding a WGS 84 point (degrees; latitude within ±85.05°).</summary>
    public static WebMercatorTile Containing(double longitude, double latitude, int z)
    {
        var x = longitude / 180 * HalfWorldMeters;
        var y = Math.Log(Math.Tan((90 + latitude) * Math.PI / 360)) / Math.PI * HalfWorldMeters;
        var size = 2 * HalfWorldMeters / (1L << z);
        return new WebMercatorTile(z, (int)Math.Floor((x + HalfWorldMeters) / size), (int)Math.Floor((HalfWorldMeters - y) / size));
    }

    /// <summary>The WGS 84 longitude (degrees) of a Web Mercator x (metres).</summary>
    public static double Longitude(double xMeters) => xMeters / HalfWorldMeters * 180;

    /// <summary>The WGS 84 latitude (degrees) of a Web Mercator y (metres).</summary>
    public static double Latitude(double yMeters) => Math.Atan(Math.Sinh(yMeters / HalfWorldMeters * Math.PI)) * 180 / Math.PI;

    /// <summary>
    /// The zoom whose tile pixels are nearest to <paramref name="groundMeters"/> on the ground at
    /// <paramref name="latitude"/> (degrees): the imagery's own level of detail, clamped to 0..<see cref="MaxZoom"/>.
    /// </summary>
    public static int NativeZoom(double groundMeters, double latitude)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groundMeters);
        var equatorPixel = 2 * HalfWorldMeters / SizePixels * Math.Cos(latitude * Math.PI / 180);
        return Math.Clamp((int)Math.Round(Math.Log2(equatorPixel / groundMeters)), 0, MaxZoom);
    }
}

using System.Globalization;
using System.Security;
using System.Text;
using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Photos;

/// <summary>
/// Makes an ungeoreferenced near-nadir picture (a drone photo, a sampled video frame) readable as an orthophoto: a
/// small GDAL VRT beside it gives the pixels the rotated UTM geotransform its camera pose implies, so that the
/// orthophoto reader warps it north-up at the model's GSD like any other raster. Thread-safe (each call writes its
/// own file).
/// </summary>
public static class GeoreferencedPhoto
{
    /// <summary>
    /// Writes the VRT and returns the picture's ground footprint. Throws <see cref="InputException"/> naming the image
    /// when it cannot be read or its pose cannot be used (oblique, height unknown...).
    /// </summary>
    /// <param name="imagePath">A JPEG, PNG or other image GDAL reads, 8-bit RGB (or grey), pixels as taken.</param>
    /// <param name="pose">The camera pose; its height above ground must be set.</param>
    /// <param name="optics">The camera optics.</param>
    /// <param name="vrtPath">Where to write the VRT; it refers to <paramref name="imagePath"/> by absolute path.</param>
    /// <param name="zone">The flight's UTM zone; null takes the zone containing the camera.</param>
    public static GroundFootprint Write(string imagePath, CameraPose pose, CameraOptics optics, string vrtPath, UtmZone? zone = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        ArgumentException.ThrowIfNullOrEmpty(vrtPath);
        GdalRuntime.EnsureInitialized();
        int width, height, bands;
        using (var image = Datasets.OpenRaster(imagePath))
        {
            width = GdalNative.GDALGetRasterXSize(image);
            height = GdalNative.GDALGetRasterYSize(image);
            bands = GdalNative.GDALGetRasterCount(image);
        }

        if (bands is not (1 or 3 or 4))
        {
            throw new InputException(imagePath, $"an image of {bands} bands is neither grey nor RGB");
        }

        GroundFootprint footprint;
        try
        {
            footprint = NadirGeoreference.Compute(pose, optics, width, height, zone);
        }
        catch (ArgumentException ex)
        {
            throw new InputException(imagePath, ex.Message, ex);
        }

        File.WriteAllText(vrtPath, Vrt(Path.GetFullPath(imagePath), footprint, bands == 1 ? 1 : 3));
        return footprint;
    }

    private static string Vrt(string imagePath, GroundFootprint footprint, int bands)
    {
        var c = footprint.Transform.ToGdal();
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"<VRTDataset rasterXSize=\"{footprint.WidthPixels}\" rasterYSize=\"{footprint.HeightPixels}\">\n");
        text.Append(inv, $"  <SRS>{footprint.Zone.EpsgName}</SRS>\n");
        text.Append(inv, $"  <GeoTransform>{string.Join(", ", c.Select(v => v.ToString("R", inv)))}</GeoTransform>\n");
        string[] colours = bands == 1 ? ["Gray"] : ["Red", "Green", "Blue"];
        for (var b = 1; b <= bands; b++)
        {
            text.Append(inv, $"  <VRTRasterBand dataType=\"Byte\" band=\"{b}\">\n");
            text.Append(inv, $"    <ColorInterp>{colours[b - 1]}</ColorInterp>\n");
            text.Append("    <SimpleSource>\n");
            text.Append(inv, $"      <SourceFilename relativeToVRT=\"0\">{SecurityElement.Escape(imagePath)}</SourceFilename>\n");
            text.Append(inv, $"      <SourceBand>{b}</SourceBand>\n");
            text.Append("    </SimpleSource>\n");
            text.Append("  </VRTRasterBand>\n");
        }

        text.Append("</VRTDataset>\n");
        return text.ToString();
    }
}

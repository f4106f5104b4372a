using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// Which source bands (1-based) become R, G and B, and whether the last band is an alpha that GDAL would not
/// recognise by itself. gdalwarp keeps band numbers and puts the destination alpha last.
/// </summary>
internal sealed record BandMapping(int Red, int Green, int Blue, bool ForceSourceAlpha)
{
    internal static BandMapping For(DatasetHandle dataset, string path)
    {
        var count = GdalNative.GDALGetRasterCount(dataset);
        var interpretations = new ColorInterpretation[count + 1];
        for (var b = 1; b <= count; b++)
        {
            interpretations[b] = GdalNative.GDALGetRasterColorInterpretation(Datasets.Band(dataset, b));
        }

        // Two bands are grey + alpha even when the writer forgot to tag the alpha (some PNG and TIFF tools do).
        var forceAlpha = count == 2
            && interpretations[2] == ColorInterpretation.Undefined
            && interpretations[1] is ColorInterpretation.GrayIndex or ColorInterpretation.Undefined;
        var colourBandCount = interpretations[count] == ColorInterpretation.AlphaBand || forceAlpha ? count - 1 : count;

        var colour = new List<int>();
        for (var b = 1; b <= colourBandCount; b++)
        {
            if (interpretations[b] == ColorInterpretation.PaletteIndex)
            {
                throw new InputException(
                    path, "has a colour palette: expand it to RGB first, e.g. gdal_translate -expand rgba");
            }

            if (interpretations[b] != ColorInterpretation.AlphaBand)
            {
                colour.Add(b);
            }
        }

        if (colour.Count == 0)
        {
            throw new InputException(path, "has no colour or grey band, only alpha");
        }

        var red = colour.Find(b => interpretations[b] == ColorInterpretation.RedBand);
        var green = colour.Find(b => interpretations[b] == ColorInterpretation.GreenBand);
        var blue = colour.Find(b => interpretations[b] == ColorInterpretation.BlueBand);
        if (red != 0 && green != 0 && blue != 0)
        {
            return new BandMapping(red, green, blue, forceAlpha);
        }

        return colour.Count < 3
            ? new BandMapping(colour[0], colour[0], colour[0], forceAlpha)
            : new BandMapping(colour[0], colour[1], colour[2], forceAlpha);
    }
}

namespace Vigil.Ingest.Gdal;

/// <summary>GDALColorInterp values used by Vigil (gdal.h).</summary>
internal enum ColorInterpretation
{
    Undefined = 0,
    GrayIndex = 1,
    PaletteIndex = 2,
    RedBand = 3,
    GreenBand = 4,
    BlueBand = 5,
    AlphaBand = 6,
}

using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// Linear map of a non-byte band to 0..255 between its 2nd and 98th percentiles (valid pixels only). Immutable.
/// </summary>
internal readonly record struct BandStretch(double Low, double High)
{
    // Clipping 2 % at each end keeps glints, shadows and sensor outliers from compressing the useful range.
    private const double LowPercentile = 0.02;
    private const double HighPercentile = 0.98;

    // About a million samples fix the percentiles to well under one output grey level.
    private const long MaxSamples = 1L << 20;

    private double Scale => 255.0 / Math.Max(High - Low, double.Epsilon);

    internal byte Apply(float value)
    {
        if (float.IsNaN(value))
        {
            return 0;
        }

        var scaled = (value - Low) * Scale;
        return scaled <= 0 ? (byte)0 : scaled >= 255 ? (byte)255 : (byte)Math.Round(scaled);
    }

    /// <summary>
    /// Percentiles of a decimated read of the whole band, skipping nodata, masked and NaN pixels;
    /// null when no valid pixel was sampled. Throws <see cref="GdalException"/> when the band cannot be read.
    /// </summary>
    internal static unsafe BandStretch? Measure(nint band, int width, int height)
    {
        var factor = Math.Max(1.0, Math.Sqrt((double)width * height / MaxSamples));
        var sampleWidth = Math.Max(1, (int)(width / factor));
        var sampleHeight = Math.Max(1, (int)(height / factor));
        var all = new PixelRect(0, 0, width, height);
        var values = new float[sampleWidth * sampleHeight];
        fixed (float* p = values)
        {
            Datasets.Read(band, all, p, sampleWidth, sampleHeight, GdalDataType.Float32, sizeof(float), sizeof(float) * sampleWidth);
        }

        byte[]? mask = null;
        if ((GdalNative.GDALGetMaskFlags(band) & GdalNative.MaskAllValid) == 0)
        {
            mask = new byte[values.Length];
            fixed (byte* p = mask)
            {
                Datasets.Read(GdalNative.GDALGetMaskBand(band), all, p, sampleWidth, sampleHeight, GdalDataType.Byte, 1, sampleWidth);
            }
        }

        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsNaN(values[i]) && (mask is null || mask[i] != 0))
            {
                values[count++] = values[i];
            }
        }

        if (count == 0)
        {
            return null;
        }

        var valid = values.AsSpan(0, count);
        valid.Sort();
        return new BandStretch(valid[(int)(LowPercentile * (count - 1))], valid[(int)(HighPercentile * (count - 1))]);
    }
}

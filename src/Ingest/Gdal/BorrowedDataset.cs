namespace Vigil.Ingest.Gdal;

/// <summary>Hands a dataset's raw handle to a GDAL utility call (GDALWarp, GDALVectorTranslate), kept alive for the call.</summary>
internal static class BorrowedDataset
{
    /// <summary>Runs <paramref name="call"/> with the raw handle of <paramref name="source"/>, which cannot be released meanwhile.</summary>
    internal static T Use<T>(DatasetHandle source, Func<nint, T> call)
    {
        var added = false;
        source.DangerousAddRef(ref added);
        try
        {
            return call(source.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                source.DangerousRelease();
            }
        }
    }
}

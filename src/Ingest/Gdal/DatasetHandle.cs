using Microsoft.Win32.SafeHandles;

namespace Vigil.Ingest.Gdal;

/// <summary>An owned GDALDatasetH, closed with GDALClose (which flushes pending writes). Not thread-safe.</summary>
internal sealed class DatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public DatasetHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        GdalNative.GDALClose(handle);
        return true;
    }
}

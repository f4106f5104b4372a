using Microsoft.Win32.SafeHandles;

namespace Vigil.Ingest.Gdal;

/// <summary>An owned GDALWarpAppOptions.</summary>
internal sealed class WarpOptionsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public WarpOptionsHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        GdalNative.GDALWarpAppOptionsFree(handle);
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace Vigil.Ingest.Gdal;

/// <summary>An owned OGRSpatialReferenceH, released with OSRRelease.</summary>
internal sealed class SpatialReferenceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SpatialReferenceHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        OgrNative.OSRRelease(handle);
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace Vigil.Ingest.Gdal;

/// <summary>An owned OGRCoordinateTransformationH.</summary>
internal sealed class CoordinateTransformationHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public CoordinateTransformationHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        OgrNative.OCTDestroyCoordinateTransformation(handle);
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace Vigil.Ingest.Gdal;

/// <summary>An owned OGRGeometryH, destroyed with OGR_G_DestroyGeometry.</summary>
internal sealed class GeometryHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public GeometryHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        OgrNative.OGR_G_DestroyGeometry(handle);
        return true;
    }
}

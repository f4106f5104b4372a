using Microsoft.Win32.SafeHandles;

namespace Vigil.Ingest.Gdal;

/// <summary>An owned OGRFeatureH (it owns its geometry), destroyed with OGR_F_Destroy.</summary>
internal sealed class FeatureHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public FeatureHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        OgrNative.OGR_F_Destroy(handle);
        return true;
    }
}

using Microsoft.Win32.SafeHandles;

namespace Vigil.Ingest.Gdal;

/// <summary>An owned GDALVectorTranslateOptions.</summary>
internal sealed class VectorTranslateOptionsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public VectorTranslateOptionsHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        GdalNative.GDALVectorTranslateOptionsFree(handle);
        return true;
    }
}

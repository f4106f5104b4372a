using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Tests;

public sealed class GdalRuntimeTests
{
    [Fact]
    public void Initialization_is_idempotent_and_loads_gdal_3_6()
    {
        GdalRuntime.EnsureInitialized();
        GdalRuntime.EnsureInitialized();

        Assert.StartsWith("GDAL 3.6", GdalRuntime.Version);
    }

    [Fact]
    public void Concurrent_initialization_is_safe()
    {
        Parallel.For(0, 8, _ => GdalRuntime.EnsureInitialized());

        Assert.StartsWith("GDAL", GdalRuntime.Version);
    }

    [Fact]
    public void A_missing_library_says_what_to_install()
    {
        var ex = Assert.Throws<DllNotFoundException>(() => GdalLibrary.Load("libgdal.so.9999"));

        Assert.Contains("install gdal-bin libgdal32", ex.Message);
    }
}

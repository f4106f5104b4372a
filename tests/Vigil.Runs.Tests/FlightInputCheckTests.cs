using Vigil.Runs.Flights;

namespace Vigil.Runs.Tests;

/// <summary>
/// A flight refuses inputs it cannot take before anything is opened or loaded (the model path here does not exist):
/// exit code "bad configuration" and the reason in the user's words.
/// </summary>
public sealed class FlightInputCheckTests
{
    [Theory]
    [InlineData("a.tif|b.mp4", "baseline.geojson", "videos and orthophotos go in separate runs")]
    [InlineData("a.tif", null, "--baseline is required for orthophoto inputs")]
    public async Task A_video_among_the_inputs_or_no_baseline_is_refused_before_the_model_loads(
        string inputs, string? baseline, string reason)
    {
        var options = new FlightRunOptions(inputs.Split('|'), baseline!, "ledger.gpkg", null, "absent-model.onnx");

        var error = await Assert.ThrowsAsync<RunFailedException>(() => FlightRunner.RunAsync(options, null, CancellationToken.None));

        Assert.Equal(ExitCodes.BadConfiguration, error.ExitCode);
        Assert.Equal(reason, error.Message);
        Assert.False(File.Exists("ledger.gpkg"));
    }
}

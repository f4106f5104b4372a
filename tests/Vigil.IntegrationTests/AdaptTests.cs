using System.Text.Json;
using Vigil.Detect;
using Vigil.Runs;
using Vigil.Runs.Adapt;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests;

/// <summary>
/// <c>vigil adapt</c> on real imagery: a Zanzibar mosaic with the area's OSM outlines as the register, through
/// models/adapt.py and Debian's python3-torch (installed by scripts/setup.sh --adapt). A few steps only: these tests
/// check the command (labels, held-out validation, the card, resuming, determinism, bad input); the accuracy it buys
/// is measured on Nairobi and Zanzibar (models/README.md, "Adapting to a city").
/// </summary>
public sealed class AdaptTests(ITestOutputHelper output)
{
    private const int FirstChipX = 1277168;
    private const int FirstChipY = 1083840;

    private static string Zanzibar => Path.Combine(SharedData.Folder("fair_oam_buildings"), "area1_zanzibar_tz");

    private static string Script => Path.Combine(SharedData.RepositoryRoot, "models", "adapt.py");

    [Fact]
    public async Task Adapt_writes_a_model_vigil_loads_with_a_card_naming_its_base_register_and_figures_and_the_same_seed_gives_the_same_model()
    {
        using var temp = new TempDirectory();
        var ortho = temp.File("zanzibar-flight.tif");
        OamMosaic.Build(Zanzibar, FirstChipX, FirstChipY, 24, 8, ortho);
        var register = Path.Combine(Zanzibar, "area_labels.geojson");
        var first = Options(ortho, register, temp.File("city-model.onnx"));

        var result = await AdaptRunner.RunAsync(first, null, output.WriteLine, CancellationToken.None);

        output.WriteLine($"before {result.Before}, after {result.After}, {result.Steps} steps, {result.Elapsed}");
        Assert.Equal(4, result.Steps);
        Assert.True(result.Before.Buildings >= 3, $"held-out block holds {result.Before.Buildings} buildings");
        var card = ModelCard.Load(result.ModelPath);                // vigil run / eval load it like any model
        Assert.Equal("city-model.onnx", Path.GetFileName(card.OnnxPath));
        using (var json = JsonDocument.Parse(File.ReadAllText(result.CardPath)))
        {
            var adaptation = json.RootElement.GetProperty("adaptation");
            Assert.Contains("vigil-buildings", adaptation.GetProperty("baseModel").GetString());
            Assert.Equal(register, adaptation.GetProperty("register").GetString());
            // The command that repeats it names the model it started from, not only the shipped default.
            Assert.Contains($"--model {Path.GetFullPath(first.BaseModelPath)} ", adaptation.GetProperty("command").GetString());
            Assert.True(adaptation.GetProperty("labels")[0].GetProperty("outlines").GetInt32() >= AdaptOptions.MinBuildings);
            Assert.Equal(result.After.ObjectF1, adaptation.GetProperty("validation").GetProperty("after").GetProperty("objectF1").GetDouble());
        }

        var again = await AdaptRunner.RunAsync(first with { OutputPath = temp.File("again.onnx"), WorkFolder = temp.File("again.work") },
            null, null, CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(result.ModelPath), File.ReadAllBytes(again.ModelPath));

        // A rerun with the same arguments finds the finished checkpoint and writes the same model without training.
        var resumed = await AdaptRunner.RunAsync(first with { OutputPath = temp.File("resumed.onnx") }, null, null, CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(result.ModelPath), File.ReadAllBytes(resumed.ModelPath));
    }

    [Fact]
    public async Task A_register_elsewhere_or_too_thin_is_named_before_any_training_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var ortho = temp.File("small-flight.tif");
        OamMosaic.Build(Zanzibar, FirstChipX + 8, FirstChipY + 4, 2, 2, ortho);
        var nairobi = Path.Combine(SharedData.Folder("fair_oam_buildings"), "area5_nairobi_ke", "area_labels.geojson");

        var elsewhere = await Assert.ThrowsAsync<RunFailedException>(() =>
            AdaptRunner.RunAsync(Options(ortho, nairobi, temp.File("a.onnx")), null, null, CancellationToken.None));
        var thin = await Assert.ThrowsAsync<RunFailedException>(() =>
            AdaptRunner.RunAsync(Options(ortho, Path.Combine(Zanzibar, "area_labels.geojson"), temp.File("b.onnx")), null, null, CancellationToken.None));

        output.WriteLine(elsewhere.Message);
        output.WriteLine(thin.Message);
        Assert.Equal(ExitCodes.BadConfiguration, elsewhere.ExitCode);
        Assert.Contains("does not overlap the imagery (register longitude 36.", elsewhere.Message);
        Assert.Contains("imagery longitude 39.", elsewhere.Message);
        Assert.Equal(ExitCodes.BadConfiguration, thin.ExitCode);
        Assert.Matches(@"\d+ registered building\(s\) over the imagery; at least 20 are needed to learn from", thin.Message);
        Assert.False(File.Exists(temp.File("a.onnx")) || File.Exists(temp.File("b.onnx")) || Directory.Exists(temp.File("a.onnx.work")));
    }

    [Fact]
    public async Task Adapt_without_pythons_packages_says_what_to_install_and_refuses_to_replace_its_base_model()
    {
        using var temp = new TempDirectory();
        var ortho = temp.File("flight.tif");
        OamMosaic.Build(Zanzibar, FirstChipX, FirstChipY, 24, 8, ortho);
        var register = Path.Combine(Zanzibar, "area_labels.geojson");

        var overwrite = await Assert.ThrowsAsync<RunFailedException>(() =>
            AdaptRunner.RunAsync(Options(ortho, register, SharedData.ShippedModel), null, null, CancellationToken.None));
        var noPython = await Assert.ThrowsAsync<RunFailedException>(() =>
            AdaptRunner.RunAsync(Options(ortho, register, temp.File("m.onnx")) with { Python = "/usr/bin/python2.4-not-here" },
                null, null, CancellationToken.None));

        Assert.Contains("must not replace its base model", overwrite.Message);
        Assert.Equal(ExitCodes.BadConfiguration, noPython.ExitCode);
        Assert.Contains("apt-get install python3-torch python3-onnx python3-gdal", noPython.Message);
    }

    private static AdaptOptions Options(string ortho, string register, string outPath) =>
        new([ortho], register, outPath, SharedData.ShippedModel, Threads: 2, Steps: 4) { ScriptPath = Script };
}

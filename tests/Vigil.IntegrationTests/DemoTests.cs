using Xunit.Abstractions;
using Vigil.Demo;

namespace Vigil.IntegrationTests;

public sealed class DemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_finds_the_structures_its_scene_adds_and_the_extension()
    {
        using var temp = new TempDirectory();

        var result = await DemoRun.RunAsync(temp.Path, SharedData.ShippedModel, null, CancellationToken.None);

        output.WriteLine($"added {result.AddedStructures}, found {result.AddedFound}, expansion {result.ExpansionFound}, " +
                         $"opened {string.Join(", ", result.OpenedRecords.Select(r => $"{r.Number}:{r.Kind}"))}");
        foreach (var r in result.OpenedRecords)
        {
            output.WriteLine($"{r.Number} {r.Kind} {r.BaselineRef} area {r.AreaSquareMeters:F1} whole {(r.WholeOutlineWgs84 is null ? "-" : "yes")}");
        }

        // Measured with the first shipped model: 2 of 4 (issue 2 stays open until the model finds most).
        Assert.True(result.AddedFound >= 2,
            $"only {result.AddedFound} of {result.AddedStructures} added structures came back as new records");
        Assert.True(result.ExpansionFound, "the extended building was not flagged as expanded");
        // The scene extends one building: any other expanded record is false (issue 14).
        Assert.Single(result.OpenedRecords, r => r.Kind == "expanded");
        Assert.All(result.Files, f => Assert.True(File.Exists(f), $"{f} missing"));
        Assert.Contains(result.OpenedRecords, r => r.BlacklistZone == "East quarter");
    }
}

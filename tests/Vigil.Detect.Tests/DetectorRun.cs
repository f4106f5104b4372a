using System.Threading.Channels;
using Vigil.Core;

namespace Vigil.Detect.Tests;

/// <summary>Runs a scene's tiles through a <see cref="TileDetector"/> over in-memory channels with a test model.</summary>
internal static class DetectorRun
{
    public const int TileSize = 128;
    public const int Overlap = 16;

    /// <summary>Card path of a model in TestModels, by file name without ".card.json".</summary>
    public static string Card(string name) => Path.Combine(AppContext.BaseDirectory, "TestModels", name + ".card.json");

    public static async Task<List<Footprint>> Footprints(string card, SyntheticScene scene, int batchSize = 2) =>
        (await Batches(card, scene, batchSize)).SelectMany(b => b.Footprints).ToList();

    public static async Task<List<FootprintBatch>> Batches(string card, SyntheticScene scene, int batchSize)
    {
        using var segmenter = new BuildingSegmenter(ModelCard.Load(card), 1);
        var detector = new TileDetector(segmenter, new DetectOptions(TileSize, batchSize));
        var tiles = Channel.CreateUnbounded<GeoTile>();
        var output = Channel.CreateUnbounded<FootprintBatch>();
        foreach (var tile in scene.Tiles(TileSize, Overlap))
        {
            tiles.Writer.TryWrite(tile);
        }

        tiles.Writer.Complete();
        await detector.RunAsync(tiles.Reader, output.Writer, CancellationToken.None);
        var batches = new List<FootprintBatch>();
        await foreach (var batch in output.Reader.ReadAllAsync())
        {
            batches.Add(batch);
        }

        return batches;
    }
}

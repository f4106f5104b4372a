using System.Threading.Channels;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Vigil.Core;
using Vigil.Detect;

namespace Vigil.Detect.Tests;

public sealed class OverlapMergerTests
{
    private static readonly WKTReader Wkt = new();

    private static readonly Dictionary<string, Coordinate> Centres = new()
    {
        ["a.vrt"] = new Coordinate(0, 0),
        ["b.vrt"] = new Coordinate(100, 0),
    };

    [Fact]
    public void One_house_seen_in_two_photos_keeps_the_outline_nearest_its_photos_centre()
    {
        var fromA = Make("POLYGON ((60 0, 70 0, 70 10, 60 10, 60 0))", "a.vrt");
        var fromB = Make("POLYGON ((61 1, 71 1, 71 11, 61 11, 61 1))", "b.vrt");

        var merged = new OverlapMerger(Centres).Merge([fromA, fromB]);

        Assert.Same(fromB, Assert.Single(merged));
    }

    [Fact]
    public void A_house_cut_by_one_photos_edge_is_the_same_house()
    {
        var whole = Make("POLYGON ((40 0, 60 0, 60 10, 40 10, 40 0))", "a.vrt");
        var cut = Make("POLYGON ((40 0, 45 0, 45 10, 40 10, 40 0))", "b.vrt");

        Assert.Single(new OverlapMerger(Centres).Merge([whole, cut]));
    }

    [Fact]
    public void Neighbours_and_buildings_of_one_photo_stay_apart()
    {
        var left = Make("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", "a.vrt");
        var touching = Make("POLYGON ((9 0, 19 0, 19 10, 9 10, 9 0))", "b.vrt");
        var samePhoto = Make("POLYGON ((1 1, 11 1, 11 11, 1 11, 1 1))", "a.vrt");

        Assert.Equal(3, new OverlapMerger(Centres).Merge([left, touching, samePhoto]).Count);
    }

    [Fact]
    public async Task The_stage_passes_covered_ground_through_and_emits_merged_footprints_at_the_end()
    {
        var input = Channel.CreateUnbounded<FootprintBatch>();
        var output = Channel.CreateUnbounded<FootprintBatch>();
        var ground = Wkt.Read("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
        await input.Writer.WriteAsync(new FootprintBatch([Make("POLYGON ((60 0, 70 0, 70 10, 60 10, 60 0))", "a.vrt")], ground));
        await input.Writer.WriteAsync(new FootprintBatch([Make("POLYGON ((61 1, 71 1, 71 11, 61 11, 61 1))", "b.vrt")], ground));
        input.Writer.Complete();
        var merger = new OverlapMerger(Centres);

        await merger.RunAsync(input.Reader, output.Writer, CancellationToken.None);

        var batches = new List<FootprintBatch>();
        await foreach (var batch in output.Reader.ReadAllAsync())
        {
            batches.Add(batch);
        }

        Assert.Equal(2, batches.Count(b => !b.CoveredArea.IsEmpty && b.Footprints.Count == 0));
        Assert.Single(batches[^1].Footprints);
        Assert.Equal(1, merger.FootprintsMerged);
    }

    private static Footprint Make(string wkt, string source) => new((Polygon)Wkt.Read(wkt), 0.9, source);
}

using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Vigil.Detect.Tests;

/// <summary>
/// The merger fed pieces as two tiles side by side would give them (vertical seam: pixel column 96, polygonized by
/// both), where the tiles place the split between two touching buildings two pixels apart.
/// </summary>
public sealed class SeamMergerTests
{
    private static readonly WKTReader Reader = new();

    // Left tile: A rows 20..49, B rows 50..79. Right tile: A rows 20..47, B rows 48..79.
    private static readonly PixelPiece LeftA = Piece(
        "POLYGON ((70.5 20.5, 96.5 20.5, 96.5 49.5, 70.5 49.5, 70.5 20.5))",
        new SeamRun(true, 96, 20, 50));

    private static readonly PixelPiece LeftB = Piece(
        "POLYGON ((70.5 50.5, 96.5 50.5, 96.5 79.5, 70.5 79.5, 70.5 50.5))",
        new SeamRun(true, 96, 50, 80));

    private static readonly PixelPiece RightA = Piece(
        "POLYGON ((96.5 20.5, 119.5 20.5, 119.5 47.5, 96.5 47.5, 96.5 20.5))",
        new SeamRun(true, 96, 20, 48));

    private static readonly PixelPiece RightB = Piece(
        "POLYGON ((96.5 48.5, 119.5 48.5, 119.5 79.5, 96.5 79.5, 96.5 48.5))",
        new SeamRun(true, 96, 48, 80));

    [Fact]
    public void Separated_pieces_join_only_where_they_share_most_of_their_seam_contact()
    {
        var merger = new SeamMerger(touchingBuildingsSeparated: true);
        merger.Add(0, [LeftA, LeftB]);
        merger.Add(0, [RightA, RightB]);

        var merged = merger.Flush();

        // A = left A + right A (26 x 29 + 23 x 27), B = left B + right B (26 x 29 + 23 x 31).
        Assert.Equal(2, merged.Count);
        Assert.Equal([1375.0, 1467.0], merged.Select(p => p.Outline.Area).Order());
    }

    [Fact]
    public void Without_separation_any_shared_seam_pixel_joins_pieces()
    {
        var merger = new SeamMerger();
        merger.Add(0, [LeftA, LeftB]);
        merger.Add(0, [RightA, RightB]);

        var merged = Assert.Single(merger.Flush());

        // Everything but the one-pixel gaps between A and B on either side of the seam.
        Assert.Equal(49.0 * 59.0 - 26 - 23, merged.Outline.Area, 6);
    }

    [Fact]
    public void Pieces_that_share_no_seam_pixel_stay_apart()
    {
        var merger = new SeamMerger();
        merger.Add(0, [LeftA]);
        merger.Add(0, [Piece("POLYGON ((96.5 51.5, 119.5 51.5, 119.5 79.5, 96.5 79.5, 96.5 51.5))", new SeamRun(true, 96, 51, 80))]);

        Assert.Equal(2, merger.Flush().Count);
    }

    /// <summary>A piece whose pixel count is the number of pixel centres its rectangle holds.</summary>
    private static PixelPiece Piece(string wkt, SeamRun run)
    {
        var outline = Reader.Read(wkt);
        var envelope = outline.EnvelopeInternal;
        var pixels = (long)(envelope.Width + 1) * (long)(envelope.Height + 1);
        return new PixelPiece(outline, pixels * 0.9, pixels, [run]);
    }
}

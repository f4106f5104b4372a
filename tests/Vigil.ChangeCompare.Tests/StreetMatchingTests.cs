using NetTopologySuite.IO;
using Vigil.Core;

namespace Vigil.ChangeCompare.Tests;

/// <summary>Which street frames face a case (a 10 m square 20 m north of the origin).</summary>
public sealed class StreetMatchingTests
{
    private static readonly DateTimeOffset Seen = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);

    // A 10 m square whose centre is 20 m north of the origin (0, 0).
    private static readonly ViolationRecord Site = new("VIG-2026-000001",
        new WKTReader().Read("""
            POLYGON ((-0.0000449 0.0001357, 0.0000449 0.0001357, 0.0000449 0.0002261,
                      -0.0000449 0.0002261, -0.0000449 0.0001357))
            """),
        "new", 100, 0.9, Seen, Seen, "F1", "F1", "detected", null, null, null, null);

    [Theory]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(40, false)]
    [InlineData(180, false)]
    [InlineData(330, true)]
    public void Only_a_camera_facing_the_site_counts(double headingDeg, bool faces)
    {
        var frame = new StreetFrame("/f.jpg", new CameraPose(0, 0, null, headingDeg, null, Seen));

        var matches = StreetMatching.Facing([Site], [frame], new StreetEvidenceOptions());

        Assert.Equal(faces, matches.Count == 1);
    }

    [Fact]
    public void The_nearest_facing_frames_are_kept_with_their_distance_to_the_outline()
    {
        // Cameras on the way north at 0, 3, 6, 9 m and one 60 m south: the outline starts 15 m north.
        var frames = new[] { 0.0, 3, 6, 9, -60 }
            .Select(m => new StreetFrame($"/{m}.jpg", new CameraPose(0, m * 9.0437e-6, null, 0, null, Seen)))
            .ToList();

        var matches = StreetMatching.Facing([Site], frames, new StreetEvidenceOptions());

        Assert.Equal(["/9.jpg", "/6.jpg", "/3.jpg"], matches.Select(m => m.Frame.ImagePath));
        Assert.Equal(6, matches[0].DistanceMeters, 1);
    }

    [Fact]
    public void A_frame_without_heading_never_counts()
    {
        var frame = new StreetFrame("/f.jpg", new CameraPose(0, 0, null, null, null, Seen));

        Assert.Empty(StreetMatching.Facing([Site], [frame], new StreetEvidenceOptions()));
    }
}

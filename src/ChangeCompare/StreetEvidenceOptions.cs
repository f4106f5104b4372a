namespace Vigil.ChangeCompare;

/// <summary>Which street frames are attached to a case.</summary>
/// <param name="RadiusMeters">Farthest a frame's camera may be from the case's outline, metres.</param>
/// <param name="HalfFieldOfViewDegrees">
/// How far off the camera's heading the case's centre may be, degrees either side: 35° is a little inside a typical
/// dashcam's ±40-60° so the building is in the picture, not on its edge.
/// </param>
/// <param name="MaxFramesPerCase">The nearest this many facing frames are attached to each case.</param>
public sealed record StreetEvidenceOptions(double RadiusMeters = 40, double HalfFieldOfViewDegrees = 35, int MaxFramesPerCase = 3)
{
    /// <summary>Throws <see cref="ArgumentException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (!(RadiusMeters > 0))
        {
            throw new ArgumentException($"the evidence radius must be positive, not {RadiusMeters} m");
        }

        if (HalfFieldOfViewDegrees is <= 0 or > 180)
        {
            throw new ArgumentException($"the half field of view must be in (0, 180] degrees, not {HalfFieldOfViewDegrees}");
        }

        if (MaxFramesPerCase < 1)
        {
            throw new ArgumentException($"at least one frame per case, not {MaxFramesPerCase}");
        }
    }
}

namespace Vigil.Detect.Street;

/// <summary>One object a street model found in a frame, in the frame's pixels (origin top left).</summary>
/// <param name="Left">Left edge, pixels.</param>
/// <param name="Top">Top edge, pixels.</param>
/// <param name="Right">Right edge, pixels.</param>
/// <param name="Bottom">Bottom edge, pixels: where the object meets the ground, for a range estimate.</param>
/// <param name="Score">The class score, 0-1.</param>
/// <param name="ClassName">The class, as the model's card names it.</param>
public sealed record StreetBox(double Left, double Top, double Right, double Bottom, double Score, string ClassName)
{
    /// <summary>Horizontal centre, pixels.</summary>
    public double CenterX => (Left + Right) / 2;
}

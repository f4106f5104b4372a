namespace Vigil.Core;

/// <summary>A street frame that shows a case.</summary>
/// <param name="Number">The case.</param>
/// <param name="Frame">The frame.</param>
/// <param name="DistanceMeters">From the camera to the case's outline, metres (0 inside it).</param>
public sealed record StreetEvidenceMatch(string Number, StreetFrame Frame, double DistanceMeters);

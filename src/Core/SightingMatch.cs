namespace Vigil.Core;

/// <summary>A street sighting and the open case its line of sight reaches first.</summary>
/// <param name="Sighting">The sighting.</param>
/// <param name="Number">The case it corroborates; null for a candidate.</param>
/// <param name="DistanceMeters">From the camera to that case's outline, metres; 0 for a candidate.</param>
public sealed record SightingMatch(StreetSighting Sighting, string? Number, double DistanceMeters = 0);

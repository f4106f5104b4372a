namespace Vigil.Core;

/// <summary>The surface models of a flight and of the reference it is compared with.</summary>
/// <param name="Current">This flight's DSM.</param>
/// <param name="Baseline">The baseline's or an earlier flight's DSM, or null when only this flight has heights.</param>
public sealed record SurfaceEpochs(HeightGrid Current, HeightGrid? Baseline);

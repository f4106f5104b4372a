using Vigil.Core;

namespace Vigil.Runs.Pipeline;

/// <summary>
/// Capacities of a run's bounded channels (items waiting between two stages). Small in front of Detect: tiles are large.
/// </summary>
/// <param name="Tiles">Tiles waiting for the detector.</param>
/// <param name="Footprints">Footprint batches waiting for the merger or the comparer.</param>
/// <param name="Findings">Findings waiting for the writer.</param>
public sealed record ChannelCapacities(int Tiles, int Footprints, int Findings)
{
    /// <summary>Throws when a capacity is not positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Tiles, nameof(Tiles));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Footprints, nameof(Footprints));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Findings, nameof(Findings));
    }
}

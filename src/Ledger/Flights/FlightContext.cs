using Vigil.Core;

namespace Vigil.Ledger.Flights;

/// <summary>The flight a pipeline run processes, as the ledger stage needs it.</summary>
/// <param name="FlightId">Identifier of the flight; a rerun uses the same one.</param>
/// <param name="WorkingCrs">The UTM zone every finding's outline is expressed in.</param>
/// <param name="StartedUtc">When the flight's run started; the time stamped on its sightings and misses.</param>
/// <param name="Inputs">The input files of the run.</param>
public sealed record FlightContext(string FlightId, UtmZone WorkingCrs, DateTimeOffset StartedUtc, IReadOnlyList<string> Inputs);

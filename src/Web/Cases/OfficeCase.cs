using Vigil.Core;

namespace Vigil.Web.Cases;

/// <summary>A case as the office sees it.</summary>
/// <param name="Record">The ledger's row.</param>
/// <param name="Team">The team it was dispatched to, else the team whose area holds it; null when neither.</param>
/// <param name="Dispatched">True once a team lead dispatched it.</param>
/// <param name="Version">The id of its latest event: a form on it is refused once this moved on.</param>
internal sealed record OfficeCase(ViolationRecord Record, string? Team, bool Dispatched, long Version);

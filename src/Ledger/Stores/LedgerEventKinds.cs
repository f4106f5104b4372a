using Vigil.Core;

namespace Vigil.Ledger.Stores;

/// <summary>The values of <see cref="LedgerEvent.Kind"/> written by the ledger stores.</summary>
public static class LedgerEventKinds
{
    /// <summary>A case was opened and numbered (at most once per case).</summary>
    public const string Created = "created";

    /// <summary>A flight saw an existing case again (at most once per case and flight).</summary>
    public const string Seen = "seen";

    /// <summary>A flight covered an open case and did not see it (at most once per case and flight).</summary>
    public const string NotSeen = "not-seen";

    /// <summary>A flight started, or was started again.</summary>
    public const string FlightStarted = "flight-started";

    /// <summary>A flight finished, completed or failed.</summary>
    public const string FlightCompleted = "flight-completed";

    /// <summary>An input or finding of a flight could not be processed; the detail says which and why.</summary>
    public const string Rejection = "rejection";

    /// <summary>The black-list zones were replaced.</summary>
    public const string ZonesReplaced = "zones-replaced";

    /// <summary>The team areas were replaced; the detail lists the teams.</summary>
    public const string TeamsReplaced = "teams-replaced";

    /// <summary>A case's lifecycle status changed; the detail holds from, to and the reason.</summary>
    public const string StatusChanged = "status-changed";

    /// <summary>A card was given, raised or lifted; the detail holds the subject, colour, zone, cases and reason.</summary>
    public const string Card = "card";

    /// <summary>A case's offender (owner or parcel) was set.</summary>
    public const string OffenderSet = "offender-set";

    /// <summary>A picture was attached to a case as evidence; the detail holds kind, path, time and distance.</summary>
    public const string EvidenceAttached = "evidence-attached";
}

using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Flights;

namespace Vigil.Ledger.Stores;

/// <summary>
/// The checks every <see cref="ILedgerStore"/> makes before it writes, so that both stores refuse the same input with
/// the same message, and the event details they write.
/// </summary>
internal static class LedgerArguments
{
    public static void Check(NewViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        if (!ViolationKinds.IsKnown(violation.Kind))
        {
            throw new ArgumentException($"Unknown violation kind '{violation.Kind}'.", nameof(violation));
        }

        RequireNonNegative(violation.AreaSquareMeters, nameof(violation));
        RequireNonNegative(violation.AddedAreaSquareMeters, nameof(violation));
        RequireConfidence(violation.Confidence, nameof(violation));
        RequireHeight(violation.HeightMeters, nameof(violation));
        ArgumentException.ThrowIfNullOrWhiteSpace(violation.FlightId, nameof(violation));
        ArgumentException.ThrowIfNullOrWhiteSpace(violation.Actor, nameof(violation));
    }

    public static void Check(FlightStart flight)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentException.ThrowIfNullOrWhiteSpace(flight.FlightId, nameof(flight));
        ArgumentException.ThrowIfNullOrWhiteSpace(flight.Actor, nameof(flight));
        ArgumentNullException.ThrowIfNull(flight.Inputs, nameof(flight));
    }

    public static void Check(FlightEnd flight)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentException.ThrowIfNullOrWhiteSpace(flight.FlightId, nameof(flight));
        ArgumentException.ThrowIfNullOrWhiteSpace(flight.Actor, nameof(flight));
        ArgumentNullException.ThrowIfNull(flight.Rejections, nameof(flight));
        ArgumentOutOfRangeException.ThrowIfNegative(flight.Tiles, nameof(flight));
        ArgumentOutOfRangeException.ThrowIfNegative(flight.Detections, nameof(flight));
    }

    public static void Check(StatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(change.Number, nameof(change));
        if (!CaseStatuses.IsKnown(change.Status))
        {
            throw new ArgumentException(
                $"Unknown status '{change.Status}'; the statuses are {string.Join(", ", CaseStatuses.All)}.", nameof(change));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(change.Actor, nameof(change));
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Reason, nameof(change));
    }

    public static void Check(CardChange card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!CardSubjects.IsKnown(card.SubjectKind))
        {
            throw new ArgumentException($"Unknown card subject '{card.SubjectKind}'.", nameof(card));
        }

        if (!CardColors.IsKnown(card.Color))
        {
            throw new ArgumentException($"Unknown card colour '{card.Color}'.", nameof(card));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(card.Subject, nameof(card));
        ArgumentNullException.ThrowIfNull(card.Cases, nameof(card));
        ArgumentException.ThrowIfNullOrWhiteSpace(card.Actor, nameof(card));
        ArgumentException.ThrowIfNullOrWhiteSpace(card.Reason, nameof(card));
    }

    public static void Check(EvidenceAttachment evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(evidence.Number, nameof(evidence));
        ArgumentException.ThrowIfNullOrWhiteSpace(evidence.Kind, nameof(evidence));
        ArgumentException.ThrowIfNullOrWhiteSpace(evidence.Path, nameof(evidence));
        ArgumentException.ThrowIfNullOrWhiteSpace(evidence.Actor, nameof(evidence));
    }

    public static void CheckOffender(string number, string offender, string actor)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(offender);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
    }

    public static void CheckObservation(string number, string flightId, string actor)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(flightId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
    }

    public static void CheckTransition(string number, string from, string to)
    {
        if (!CaseStatuses.CanChange(from, to))
        {
            throw new CaseTransitionException(number, from, to);
        }
    }

    public static void RequireConfidence(double confidence, string paramName)
    {
        if (!(confidence >= 0 && confidence <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, confidence, "A confidence must lie in 0..1.");
        }
    }

    /// <summary>A height is unknown (null) or a finite number of metres; a roof below its ground can be slightly negative.</summary>
    public static void RequireHeight(double? heightMeters, string paramName)
    {
        if (heightMeters is { } h && !double.IsFinite(h))
        {
            throw new ArgumentOutOfRangeException(paramName, h, "A height must be a finite number of metres.");
        }
    }

    public static object CreatedDetail(NewViolation violation) => new
    {
        kind = violation.Kind,
        area_m2 = violation.AreaSquareMeters,
        added_area_m2 = violation.AddedAreaSquareMeters,
        confidence = violation.Confidence,
        blacklist_zone = violation.BlacklistZone,
        baseline_ref = violation.BaselineRef,
        height_m = violation.HeightMeters,
    };

    /// <summary>The detail of a "seen" event: the height only when the flight measured one, as events before heights read.</summary>
    public static object SeenDetail(double confidence, double? heightMeters) =>
        heightMeters is { } height ? new { confidence, height_m = height } : (object)new { confidence };

    public static object StatusDetail(string from, StatusChange change) =>
        new { from, to = change.Status, reason = change.Reason };

    public static object CardDetail(CardChange card) => new
    {
        subject_kind = card.SubjectKind,
        subject = card.Subject,
        color = card.Color,
        zone = card.Zone,
        cases = card.Cases,
        reason = card.Reason,
    };

    public static object EvidenceDetail(EvidenceAttachment evidence) => new
    {
        kind = evidence.Kind,
        path = evidence.Path,
        captured = evidence.CapturedUtc.UtcDateTime,
        distance_m = evidence.DistanceMeters,
    };

    /// <summary>The case whose card a case-subject card sets; null for zone and offender cards.</summary>
    public static string? CaseOf(CardChange card) => card.SubjectKind == CardSubjects.Case ? card.Subject : null;

    /// <summary>The value written in the case's card column: the colour, or null when lifted.</summary>
    public static string? CaseCardValue(CardChange card) => card.Color == CardColors.Lifted ? null : card.Color;

    private static void RequireNonNegative(double squareMeters, string paramName)
    {
        if (!(squareMeters >= 0 && double.IsFinite(squareMeters)))
        {
            throw new ArgumentOutOfRangeException(paramName, squareMeters, "An area must be finite and not negative.");
        }
    }
}

namespace Vigil.Ledger.Cards;

/// <summary>
/// A black-list card given to, raised on or lifted from a zone, an offender or a case, kept as a "card" event. The
/// current cards are the last change of each subject that is not a lift.
/// </summary>
/// <param name="SubjectKind">One of <see cref="CardSubjects"/>.</param>
/// <param name="Subject">The zone's name, the offender (owner or parcel) or the case number.</param>
/// <param name="Color">One of <see cref="CardColors"/>.</param>
/// <param name="Zone">The black-list zone the subject belongs to, if any: cards are listed per zone.</param>
/// <param name="Cases">The case numbers that earned the card.</param>
/// <param name="AtUtc">When the rule was evaluated.</param>
/// <param name="Actor">Who or what gave it.</param>
/// <param name="Reason">The rule that fired, in words.</param>
public sealed record CardChange(
    string SubjectKind,
    string Subject,
    string Color,
    string? Zone,
    IReadOnlyList<string> Cases,
    DateTimeOffset AtUtc,
    string Actor,
    string Reason);

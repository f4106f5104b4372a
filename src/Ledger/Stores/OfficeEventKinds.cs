namespace Vigil.Ledger.Stores;

/// <summary>The values of <see cref="LedgerEvent.Kind"/> written for the office's work in <c>vigil serve</c> and by the audit triggers.</summary>
public static class OfficeEventKinds
{
    /// <summary>A team lead dispatched a case to a team; the detail holds the team and the client address.</summary>
    public const string Dispatched = "dispatched";

    /// <summary>A case's status was changed outside Vigil (QGIS, SQL); the detail holds from and to.</summary>
    public const string StatusEditedOutside = "status-edited-outside";

    /// <summary>A case row was deleted outside Vigil; the detail holds its status, kind and area.</summary>
    public const string CaseDeletedOutside = "case-deleted-outside";

    /// <summary>An account was added; the detail holds role and team, never the password.</summary>
    public const string UserAdded = "user-added";

    /// <summary>An account's role, team or disabled flag changed.</summary>
    public const string UserChanged = "user-changed";

    /// <summary>An account was locked after too many wrong passwords.</summary>
    public const string UserLocked = "user-locked";
}

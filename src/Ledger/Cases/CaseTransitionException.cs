namespace Vigil.Ledger.Cases;

/// <summary>A status change the lifecycle does not allow (<see cref="CaseStatuses.CanChange"/>); nothing was written.</summary>
public sealed class CaseTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception for a case, its current status and the refused one.</summary>
    public CaseTransitionException(string number, string from, string to)
        : base(Describe(number, from, to))
    {
        Number = number;
        From = from;
        To = to;
    }

    /// <summary>The case.</summary>
    public string Number { get; }

    /// <summary>Its status, unchanged.</summary>
    public string From { get; }

    /// <summary>The status refused.</summary>
    public string To { get; }

    private static string Describe(string number, string from, string to)
    {
        var next = CaseStatuses.NextOf(from);
        return $"{number} cannot go from '{from}' to '{to}'; from '{from}' it can go to "
            + (next.Count == 0 ? "nothing" : string.Join(", ", next.Select(s => $"'{s}'"))) + ".";
    }
}

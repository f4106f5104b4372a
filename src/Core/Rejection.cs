namespace Vigil.Core;

/// <summary>An input, or part of one, that could not be processed, with the reason. The run goes on without it.</summary>
/// <param name="Source">The file (and where useful the window or item) that was rejected.</param>
/// <param name="Reason">A sentence a user can act on.</param>
public sealed record Rejection(string Source, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}: {Reason}";
}

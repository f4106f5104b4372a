using Vigil.Core;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Evidence;

/// <summary>
/// Attaches street-level frames to the cases they show (matched by ChangeCompare's <c>StreetMatching.Facing</c>), so a
/// demolition team sees each site from the street: each match not attached before becomes "street-frame" evidence.
/// </summary>
public static class StreetEvidence
{
    /// <summary>The kind of evidence written.</summary>
    public const string Kind = "street-frame";

    /// <summary>
    /// Attaches each match not attached before (same case, same file) as an "evidence-attached" event. A frame without a
    /// capture time is dated <paramref name="fallbackCapturedUtc"/>.
    /// </summary>
    /// <returns>The attachments written.</returns>
    public static IReadOnlyList<EvidenceAttachment> Attach(
        ILedgerStore store, IReadOnlyList<StreetEvidenceMatch> matches, string actor, DateTimeOffset fallbackCapturedUtc)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(matches);
        var written = new List<EvidenceAttachment>();
        foreach (var match in matches)
        {
            var path = match.Frame.ImagePath;
            if (IsAttached(store, match.Number, Kind, path))
            {
                continue;
            }

            var attachment = new EvidenceAttachment(match.Number, Kind, path,
                match.Frame.Pose.CapturedUtc ?? fallbackCapturedUtc, Math.Round(match.DistanceMeters, 1), actor);
            store.AttachEvidence(attachment);
            written.Add(attachment);
        }

        return written;
    }

    /// <summary>True when the picture at <paramref name="path"/> is already attached to case <paramref name="number"/> as <paramref name="kind"/>.</summary>
    internal static bool IsAttached(ILedgerStore store, string number, string kind, string path) =>
        store.ReadEvents(number).Any(e => e.Kind == LedgerEventKinds.EvidenceAttached && Names(e.Detail, kind, path));

    private static bool Names(string detail, string kind, string path)
    {
        using var json = System.Text.Json.JsonDocument.Parse(detail);
        var root = json.RootElement;
        return root.TryGetProperty("kind", out var k) && k.GetString() == kind &&
               root.TryGetProperty("path", out var p) && p.GetString() == path;
    }
}

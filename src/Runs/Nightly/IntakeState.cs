using System.Text.Json;
using Vigil.Core;

namespace Vigil.Runs.Nightly;

/// <summary>
/// What the nightly intake remembers between runs, in <see cref="FileName"/> in the inbox: each file's last seen size
/// and time (to tell an upload still growing), its content hash (computed again only when size or time change), and
/// the content each flight was last processed with and how that ended. The ledger stays the record of what was done:
/// this file only says with which content. It is replaced whole (write then rename), so a crash leaves the old or the
/// new one; a lost or unreadable one makes the next run hash everything again and rerun the flights, which the ledger
/// makes idempotent. Not thread-safe: one job holds the inbox at a time.
/// </summary>
internal sealed class IntakeState
{
    /// <summary>The state file's name in the inbox.</summary>
    public const string FileName = ".vigil-intake.json";

    private static readonly JsonSerializerOptions Json = new(ReadableJson.Indented) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Files by full path.</summary>
    public Dictionary<string, FileSeen> Files { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Flights by id.</summary>
    public Dictionary<string, FlightSeen> Flights { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Reads the state; a missing file is an empty state, an unreadable one too (the reason is returned).</summary>
    public static (IntakeState State, string? Problem) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (new IntakeState(), null);
        }

        try
        {
            var state = JsonSerializer.Deserialize<IntakeState>(File.ReadAllText(path), Json) ?? new IntakeState();
            return (new IntakeState
            {
                Files = new Dictionary<string, FileSeen>(state.Files, StringComparer.Ordinal),
                Flights = new Dictionary<string, FlightSeen>(state.Flights, StringComparer.Ordinal),
            }, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return (new IntakeState(), $"the intake state {path} could not be read ({ex.Message}): every flight is checked again");
        }
    }

    /// <summary>Replaces the file whole: written beside it, then renamed over it.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>A file as the intake last saw it.</summary>
/// <param name="Size">Bytes.</param>
/// <param name="ModifiedUtc">Its modification time.</param>
/// <param name="SeenUtc">When the intake looked at it.</param>
/// <param name="ChangeSeenUtc">
/// When a run found it changed while its modification time stayed older than the run before (an upload that keeps the
/// sender's file times shows its growth only this way); null when its time tells.
/// </param>
/// <param name="Sha256">Content hash, hex; null until computed.</param>
internal sealed record FileSeen(long Size, DateTimeOffset ModifiedUtc, DateTimeOffset SeenUtc, DateTimeOffset? ChangeSeenUtc, string? Sha256);

/// <summary>The content a flight was last processed with and how it ended.</summary>
/// <param name="Fingerprint">SHA-256 over the names and hashes of its files.</param>
/// <param name="Outcome"><c>completed</c> or <c>failed</c> (its inputs were unusable: tried again when they change).</param>
/// <param name="Reason">Why it failed; null when completed.</param>
/// <param name="AtUtc">When.</param>
internal sealed record FlightSeen(string Fingerprint, string Outcome, string? Reason, DateTimeOffset AtUtc);

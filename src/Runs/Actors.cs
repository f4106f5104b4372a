using System.Text;

namespace Vigil.Runs;

/// <summary>
/// Who a change of the register is recorded for: the name given with <c>--actor</c>, or the signed-in OS user, checked
/// against the office's staff list when one is configured (<see cref="StaffVariable"/>), and recorded with the machine
/// it was made on ("王芳@office-pc-3"), so that the log says who and where. Thread-safe.
/// </summary>
public static class Actors
{
    /// <summary>
    /// The environment variable naming the staff list: a UTF-8 text file, one name a line (Chinese names as they are
    /// written), blank lines and lines starting with # ignored. Unset: any name is accepted.
    /// </summary>
    public const string StaffVariable = "VIGIL_STAFF";

    /// <summary>
    /// The actor to record: <paramref name="given"/> (or the OS user when null or blank), checked against the staff
    /// list of <paramref name="staffFile"/> (null: the file <see cref="StaffVariable"/> names, if any), with "@host".
    /// </summary>
    /// <exception cref="RunFailedException">
    /// The name is not on the staff list (exit 4, "refused"), or the staff list named cannot be read (exit 2).
    /// </exception>
    public static string Resolve(string? given, string? staffFile = null)
    {
        var explicitName = !string.IsNullOrWhiteSpace(given);
        var name = (explicitName ? given! : Environment.UserName).Trim().Normalize(NormalizationForm.FormC);
        staffFile ??= Environment.GetEnvironmentVariable(StaffVariable) is { Length: > 0 } configured ? configured : null;
        if (staffFile is not null)
        {
            var staff = ReadStaff(staffFile);
            if (!staff.Contains(name))
            {
                var who = explicitName ? $"--actor '{name}'" : $"the signed-in user '{name}' (no --actor given)";
                throw new RunFailedException(
                    $"{who} is not on the staff list {staffFile} ({staff.Count} name(s), set by {StaffVariable}): give --actor with a name as the list writes it, or add the person to the list",
                    ExitCodes.Refused);
            }
        }

        return WithHost(name);
    }

    /// <summary>"name@host" for this machine; a name that already ends with it is returned as it is.</summary>
    public static string WithHost(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var host = Environment.MachineName;
        return name.EndsWith($"@{host}", StringComparison.OrdinalIgnoreCase) ? name : $"{name}@{host}";
    }

    /// <summary>The names of a staff list, compared after Unicode normalisation and, for Latin letters, in any case.</summary>
    /// <exception cref="RunFailedException">The file cannot be read or holds no name (exit 2).</exception>
    public static IReadOnlySet<string> ReadStaff(string staffFile)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(staffFile, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RunFailedException($"the staff list {staffFile} ({StaffVariable}) cannot be read: {ex.Message}", ExitCodes.BadConfiguration, ex);
        }

        var names = lines.Select(l => l.Trim().Normalize(NormalizationForm.FormC))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.Count > 0
            ? names
            : throw new RunFailedException($"the staff list {staffFile} ({StaffVariable}) holds no name", ExitCodes.BadConfiguration);
    }
}

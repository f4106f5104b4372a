using System.CommandLine;
using Vigil.Runs.Flights;

namespace Vigil.Cli;

/// <summary><c>--captured-on</c>: when the imagery was captured, overriding its metadata (a date or an ISO 8601 time, UTC).</summary>
public static class CapturedOnOption
{
    /// <summary>Builds the option; a value that is no date is a parse error (exit 2).</summary>
    public static Option<DateTimeOffset?> Create() => new("--captured-on")
    {
        Description = "When the imagery was captured (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC); default: from the imagery's metadata, else the file time",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (FlightCapture.Parse(text) is { } time)
            {
                return time;
            }

            result.AddError($"--captured-on '{text}' is not a date: give YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
            return null;
        },
    };
}

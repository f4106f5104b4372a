using System.CommandLine;
using System.CommandLine.Help;
using Vigil.Runs;

namespace Vigil.Cli;

/// <summary>
/// Runs the command line: a mistyped command, an unknown or missing option, or a value that does not parse is a user
/// error, exit 2 ("bad configuration; nothing was processed"), with the parser's words and where to read the options.
/// </summary>
public static class CommandLine
{
    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the command they name.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="args">The arguments, without the program's name.</param>
    /// <param name="error">Where parse errors are written; the console's error stream in production.</param>
    public static async Task<int> InvokeAsync(Command root, string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(error);
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0 || parse.Action is HelpAction)
        {
            return await parse.InvokeAsync().ConfigureAwait(false);
        }

        foreach (var e in parse.Errors)
        {
            await error.WriteLineAsync($"vigil: {UserText.Clean(e.Message)}").ConfigureAwait(false);
        }

        var path = string.Join(' ', Path(parse.CommandResult));
        await error.WriteLineAsync($"vigil: '{path} --help' lists the options; nothing was done").ConfigureAwait(false);
        return ExitCodes.BadConfiguration;
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c)
            {
                names.Push(c.Parent is null ? "vigil" : c.Command.Name);
            }
        }

        return names;
    }
}

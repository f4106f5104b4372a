using System.CommandLine;
using System.Globalization;
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
        if (LedgerValues(args).Any(PostgresConnection.HasPassword))
        {
            await error.WriteLineAsync(PasswordWarning).ConfigureAwait(false);
        }

        var parse = root.Parse(args);
        var errors = parse.Errors.Select(e => UserText.Clean(e.Message)).Concat(NonFinite(parse.CommandResult)).ToList();
        if (errors.Count == 0 || parse.Action is HelpAction)
        {
            return await parse.InvokeAsync().ConfigureAwait(false);
        }

        foreach (var e in errors)
        {
            await error.WriteLineAsync($"vigil: {e}").ConfigureAwait(false);
        }

        var path = string.Join(' ', Path(parse.CommandResult));
        await error.WriteLineAsync($"vigil: '{path} --help' lists the options; nothing was done").ConfigureAwait(false);
        return ExitCodes.BadConfiguration;
    }

    /// <summary>What is printed when <c>--ledger</c> carries a password on the command line (never the password).</summary>
    public const string PasswordWarning =
        "vigil: warning: --ledger carries a password on the command line, where every user of this machine can read it "
        + "(ps, /proc) and where it stays in shell history and cron lines; put it in ~/.pgpass (chmod 600) or PGPASSWORD, "
        + "or give --ledger a connection file or Service=NAME (README, 'Credentials')";

    private static IEnumerable<string> LedgerValues(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--ledger" && i + 1 < args.Length)
            {
                yield return args[i + 1];
            }
            else if (args[i].StartsWith("--ledger=", StringComparison.Ordinal) || args[i].StartsWith("--ledger:", StringComparison.Ordinal))
            {
                yield return args[i]["--ledger=".Length..];
            }
        }
    }

    /// <summary>
    /// Number options given NaN or an infinity: .NET parses them as numbers, but no threshold, size or height can be one,
    /// and NaN compares false with every bound a later check would test.
    /// </summary>
    private static IEnumerable<string> NonFinite(System.CommandLine.Parsing.CommandResult result)
    {
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            var options = r is System.CommandLine.Parsing.CommandResult command ? command.Children.OfType<System.CommandLine.Parsing.OptionResult>() : [];
            foreach (var option in options)
            {
                var type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
                if (type != typeof(double) && type != typeof(float) && type != typeof(double[]))
                {
                    continue;
                }

                foreach (var token in option.Tokens)
                {
                    if (double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsFinite(value))
                    {
                        yield return $"{option.Option.Name} {token.Value} is not a number Vigil can use: give a finite value";
                    }
                }
            }
        }
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

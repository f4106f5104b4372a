using System.CommandLine;
using Vigil.Cli;

var root = new RootCommand("Vigil: finds illegal construction in drone and vehicle imagery and keeps the register.")
{
    RunCommand.Create(),
    BaselineCommand.Create(),
    DemoCommand.Create(),
    EvalCommand.Create(),
    AdaptCommand.Create(),
    LedgerCommand.Create(),
    NightlyCommand.Create(),
    WorkListCommand.Create(),
    ReportCommand.Create(),
    BenchCommand.Create(),
    ServeCommand.Create(),
    UsersCommand.Create(),
};
return await CommandLine.InvokeAsync(root, args, Console.Error);

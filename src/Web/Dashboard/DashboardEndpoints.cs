using Vigil.Ledger.Accounts;
using Vigil.Ledger.Language;
using Vigil.Ledger.Reports;
using Vigil.Web.Cases;
using Vigil.Web.Hosting;

namespace Vigil.Web.Dashboard;

/// <summary>The charts of <c>vigil report</c> (same drawing, same figures) for one team and period, in the user's language.</summary>
internal static class DashboardEndpoints
{
    public static void Map(RouteGroupBuilder reads) => reads.MapGet("/dashboard", Dashboard);

    private static IResult Dashboard(HttpContext context, Office office, string? team, string? from, string? to)
    {
        var user = office.User(context);
        var since = CaseBoard.Day(from, "from");
        var until = CaseBoard.Day(to, "to")?.AddDays(1);
        if (user.Role == UserRoles.Member)
        {
            team = user.Team;
        }
        else if (!string.IsNullOrWhiteSpace(team) && !office.Store.ReadTeamAreas().Any(a => a.Team == team))
        {
            throw Refusal.BadRequest($"team: '{team}' is not one of the ledger's teams");
        }

        var folder = Directory.CreateTempSubdirectory("vigil-dashboard-").FullName;
        try
        {
            using var slice = new LedgerSlice(office.Store, string.IsNullOrWhiteSpace(team) ? null : team, since, until);
            var files = LedgerReport.Write(slice, folder, office.Now, OfficeText.For(user.Language));
            var figures = files.Figures;
            return Results.Json(new
            {
                team,
                charts = files.ChartPaths.Select(p => new
                {
                    name = Path.GetFileNameWithoutExtension(p),
                    png = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(p)),
                }).ToList(),
                openCases = figures.OpenCasesByDay is [.., var last] ? last.OpenCases : 0,
                demolishedSquareMeters = Math.Round(figures.DemolishedSquareMetersByMonth.Sum(m => m.SquareMeters), 1),
                closure = figures.ClosureByTeam.Select(c => new { team = c.Team, closed = c.Closed, total = c.Total }),
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Text.Json;
using NetTopologySuite.IO.Converters;
using Vigil.Ledger.Accounts;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Stores;
using Vigil.Web.Hosting;

namespace Vigil.Web.Cases;

/// <summary>
/// The map's data and the decisions on cases: review (analysts), dispatch (team leads), field work with a photo (the
/// case's team). Each decision is one ledger event naming the user and the client address, refused when the form is stale.
/// </summary>
internal static class CaseEndpoints
{
    /// <summary>What the field records, in lifecycle order.</summary>
    private static readonly string[] FieldStatuses = [CaseStatuses.Notified, CaseStatuses.Scheduled, CaseStatuses.Demolished];

    private static readonly JsonSerializerOptions GeoJson = new(JsonSerializerDefaults.Web) { Converters = { new GeoJsonConverterFactory() } };

    public sealed record ReviewForm(string? Decision, string? Reason, long Version);

    public sealed record DispatchForm(string? Team, long Version);

    public static void Map(RouteGroupBuilder reads, RouteGroupBuilder writes)
    {
        reads.MapGet("/cases", Cases);
        reads.MapGet("/cases.csv", Export);
        reads.MapGet("/cases/{number}", Detail);
        reads.MapGet("/layers", Layers);
        reads.MapGet("/evidence/{id:long}", Evidence);
        reads.MapGet("/cases/{number}/crops/{flight}", Crop);
        writes.MapPost("/cases/{number}/review", Review);
        writes.MapPost("/cases/{number}/dispatch", Dispatch);
        writes.MapPost("/cases/{number}/field", Field);
    }

    private static IResult Cases(HttpContext context, Office office, [AsParameters] CaseQuery query)
    {
        var cases = query.Select(office, office.User(context));
        return Results.Json(new
        {
            type = "FeatureCollection",
            features = cases.Select(c => new { type = "Feature", geometry = c.Record.FootprintWgs84, properties = Summary(c) }),
        }, GeoJson);
    }

    private static IResult Export(HttpContext context, Office office, [AsParameters] CaseQuery query)
    {
        var user = office.User(context);
        var sheet = CaseSheet.Write(query.Select(office, user), office.Store.ReadEvents(), user.Language);
        return Results.File(sheet, "text/csv; charset=utf-8", CaseSheet.FileName(user, query.Team, office.Now));
    }

    private static IResult Detail(HttpContext context, Office office, string number)
    {
        var user = office.User(context);
        var item = CaseBoard.Visible(office.Store, user, number);
        var events = office.Store.ReadEvents(number);
        return Results.Json(new
        {
            summary = Summary(item),
            history = events.Select(e => new { id = e.Id, at = e.AtUtc, kind = e.Kind, actor = e.Actor, detail = JsonSerializer.Deserialize<JsonElement>(e.Detail) }),
            evidence = events.Where(e => e.Kind == LedgerEventKinds.EvidenceAttached)
                .Select(e => new { id = e.Id, at = e.AtUtc, actor = e.Actor, kind = Text(e.Detail, "kind"), url = $"/api/evidence/{e.Id}" }),
            crops = office.Crops.FlightsOf(office.Store, number)
                .Select(f => new { flight = f, url = $"/api/cases/{Uri.EscapeDataString(number)}/crops/{Uri.EscapeDataString(f)}" }),
            editedOutside = events.Any(e => e.Kind is OfficeEventKinds.StatusEditedOutside or OfficeEventKinds.CaseDeletedOutside),
            teams = office.Store.ReadTeamAreas().Select(a => a.Team),
            next = CaseStatuses.NextOf(item.Record.Status),
        }, GeoJson);
    }

    private static IResult Layers(HttpContext context, Office office)
    {
        var user = office.User(context);
        var cards = CardBook.Current(office.Store.ReadEvents())
            .Where(c => c.SubjectKind == CardSubjects.Zone).ToDictionary(c => c.Subject, c => c.Color, StringComparer.Ordinal);
        return Results.Json(new
        {
            zones = office.Store.ReadBlacklistZones().Select(z => new { name = z.Name, card = cards.GetValueOrDefault(z.Name), geometry = z.Wgs84 }),
            teams = office.Store.ReadTeamAreas()
                .Where(a => user.Role != UserRoles.Member || a.Team == user.Team)
                .Select(a => new { team = a.Team, geometry = a.Wgs84 }),
        }, GeoJson);
    }

    private static IResult Evidence(HttpContext context, Office office, long id)
    {
        var user = office.User(context);
        var picture = office.Store.ReadEvents().FirstOrDefault(e => e.Id == id && e.Kind == LedgerEventKinds.EvidenceAttached)
            ?? throw Refusal.NotFound($"no evidence numbered {id}");
        CaseBoard.Visible(office.Store, user, picture.Number!);
        var path = Text(picture.Detail, "path");
        if (path is null || !File.Exists(path))
        {
            throw Refusal.NotFound($"the picture of evidence {id} is no longer at {path}");
        }

        var type = Path.GetExtension(path).ToLowerInvariant() is ".png" ? "image/png" : "image/jpeg";
        return Results.File(path, type);
    }

    private static IResult Crop(HttpContext context, Office office, string number, string flight)
    {
        var item = CaseBoard.Visible(office.Store, office.User(context), number);
        return office.Crops.Picture(office.Store, item.Record, flight) is { } path
            ? Results.File(path, "image/png")
            : throw Refusal.NotFound($"the imagery of flight '{flight}' does not show case {number}");
    }

    private static IResult Review(HttpContext context, Office office, string number, ReviewForm form)
    {
        var user = office.Require(context, "review cases", UserRoles.Analyst);
        CaseBoard.Visible(office.Store, user, number);
        var (status, reason) = form.Decision switch
        {
            "confirm" => (CaseStatuses.Confirmed, string.IsNullOrWhiteSpace(form.Reason) ? "confirmed on review" : form.Reason.Trim()),
            "reject" when !string.IsNullOrWhiteSpace(form.Reason) => (CaseStatuses.Rejected, form.Reason.Trim()),
            "reject" => throw Refusal.BadRequest("a rejection needs a reason"),
            _ => throw Refusal.BadRequest($"decision: '{form.Decision}' is neither confirm nor reject"),
        };
        office.Store.ChangeStatusAt(new StatusChange(number, status, office.Now, user.Name, reason), form.Version,
            VigilServer.ClientOf(context));
        return Changed(office, user, number);
    }

    private static IResult Dispatch(HttpContext context, Office office, string number, DispatchForm form)
    {
        var user = office.Require(context, "dispatch cases", UserRoles.TeamLead);
        var item = CaseBoard.Visible(office.Store, user, number);
        if (!CaseStatuses.IsOpen(item.Record.Status) || item.Record.Status == CaseStatuses.Detected)
        {
            throw Refusal.BadRequest($"case {number} is {item.Record.Status}: only reviewed, open cases are dispatched");
        }

        var team = string.IsNullOrWhiteSpace(form.Team) ? item.Team : form.Team.Trim();
        if (team is null || !office.Store.ReadTeamAreas().Any(a => a.Team == team))
        {
            throw Refusal.BadRequest($"team: '{team}' is not one of the ledger's teams");
        }

        office.Store.Dispatch(number, team, form.Version, office.Now, user.Name, VigilServer.ClientOf(context));
        return Changed(office, user, number);
    }

    private static async Task<IResult> Field(HttpContext context, Office office, string number)
    {
        var user = office.Require(context, "record field work", UserRoles.Member, UserRoles.TeamLead);
        var item = CaseBoard.Visible(office.Store, user, number);
        if (user.Role == UserRoles.TeamLead && item.Team != user.Team)
        {
            throw Refusal.Forbidden($"case {number} belongs to {item.Team ?? "no team"}, not to {user.Team}");
        }

        if (!context.Request.HasFormContentType)
        {
            throw Refusal.BadRequest("field work is sent as a form (multipart/form-data)");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var status = CaseStatuses.Named(form["status"].ToString());
        if (status is null || !FieldStatuses.Contains(status))
        {
            throw Refusal.BadRequest($"status: '{form["status"]}' is none of {string.Join(", ", FieldStatuses)}");
        }

        if (!long.TryParse(form["version"].ToString(), out var version))
        {
            throw Refusal.BadRequest("version: missing; reload the page");
        }

        var photo = form.Files.GetFile("photo");
        if (photo is null && status == CaseStatuses.Demolished)
        {
            throw Refusal.BadRequest("a demolition is recorded with a photo taken on site");
        }

        var note = form["note"].ToString().Trim();
        var change = new StatusChange(number, status, office.Now, user.Name, note.Length > 0 ? note : $"{status} (field)");
        string? saved = null;
        if (photo is not null)
        {
            saved = await SavePhoto(office, user, number, photo, context.RequestAborted);
        }

        try
        {
            office.Store.ChangeStatusAt(change, version, VigilServer.ClientOf(context), saved is null
                ? null
                : new EvidenceAttachment(number, "site-photo", saved, office.Now, null, user.Name));
        }
        catch when (saved is not null)
        {
            File.Delete(saved);
            throw;
        }

        return Changed(office, user, number);
    }

    private static async Task<string> SavePhoto(Office office, UserAccount user, string number, IFormFile photo, CancellationToken ct)
    {
        var head = new byte[8];
        await using (var stream = photo.OpenReadStream())
        {
            _ = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        var (extension, refusal) = PhotoCheck.Check(photo.FileName, photo.Length, head);
        if (refusal is not null)
        {
            throw Refusal.BadRequest(refusal);
        }

        var folder = Path.Combine(office.Options.EvidenceDirectory, number);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{office.Now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{user.Name}{extension}");
        var partial = path + ".part";
        await using (var file = File.Create(partial))
        {
            await photo.CopyToAsync(file, ct);
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static IResult Changed(Office office, UserAccount user, string number) =>
        Results.Json(new { summary = Summary(CaseBoard.Visible(office.Store, user, number)) }, GeoJson);

    private static object Summary(OfficeCase c)
    {
        var r = c.Record;
        var centre = r.FootprintWgs84.Centroid;
        return new
        {
            number = r.Number,
            status = r.Status,
            kind = r.Kind,
            team = c.Team,
            dispatched = c.Dispatched,
            card = r.Card,
            zone = r.BlacklistZone,
            areaSquareMeters = Math.Round(r.AreaSquareMeters, 1),
            heightMeters = r.HeightMeters is { } h ? Math.Round(h, 1) : (double?)null,
            confidence = Math.Round(r.Confidence, 2),
            firstSeen = r.FirstSeenUtc,
            lastSeen = r.LastSeenUtc,
            firstFlight = r.FirstFlightId,
            lastFlight = r.LastFlightId,
            offender = r.Offender,
            version = c.Version,
            lon = Math.Round(centre.X, 7),
            lat = Math.Round(centre.Y, 7),
        };
    }

    private static string? Text(string json, string property)
    {
        using var detail = JsonDocument.Parse(json);
        return detail.RootElement.TryGetProperty(property, out var value) ? value.GetString() : null;
    }
}

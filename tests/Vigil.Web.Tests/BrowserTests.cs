using System.Text.Json;
using Microsoft.Playwright;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Web.Tests;

/// <summary>
/// The office's day in a real browser (Debian's chromium, driven by Playwright): an analyst confirms a case on the map, the
/// team lead dispatches it, the team member marks it demolished with a photo on a phone-sized screen, and the dashboard
/// shows it. Screenshots of each step go to TestResults/web-screenshots.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private OfficeSite _site = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _site = await OfficeSite.StartAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Analyst_confirms_lead_dispatches_member_demolishes_with_a_photo_and_the_dashboard_shows_it()
    {
        var number = _site.ChengguanCases[0];
        var shots = Chromium.ScreenshotFolder(nameof(Analyst_confirms_lead_dispatches_member_demolishes_with_a_photo_and_the_dashboard_shows_it));

        var analyst = await SignInAsync("lihua", new ViewportSize { Width = 1280, Height = 860 });
        await analyst.Locator($"path.case-{number}").ClickAsync();
        await analyst.Locator($"#detail-{number}").WaitForAsync();
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(shots, "1-analyst-map.png") });
        await analyst.Locator("#review-reason").FillAsync("航拍比对确认为新建违建");
        await analyst.Locator("#confirm").ClickAsync();
        await Expect(analyst, "#message", "已保存");
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(shots, "2-analyst-confirmed.png") });
        Assert.Equal(CaseStatuses.Confirmed, _site.Store.Find(number)!.Status);
        await analyst.Context.CloseAsync();

        var lead = await SignInAsync("zhaolei", new ViewportSize { Width = 1280, Height = 860 });
        await lead.Locator("#nav-dispatch").ClickAsync();
        await lead.Locator($"#row-{number}").ClickAsync();
        Assert.Equal(OfficeSite.Chengguan, await lead.Locator("#dispatch-team").InputValueAsync());
        await lead.Locator("#dispatch").ClickAsync();
        await Expect(lead, "#message", "已保存");
        await lead.ScreenshotAsync(new() { Path = Path.Combine(shots, "3-lead-dispatched.png") });
        await lead.Context.CloseAsync();

        var member = await SignInAsync("wangfang", new ViewportSize { Width = 390, Height = 844 });
        var item = member.Locator($"#field-item-{number}");
        await item.WaitForAsync();
        Assert.StartsWith("geo:30.2106", await item.Locator("a.geo-link").GetAttributeAsync("href"), StringComparison.Ordinal);
        await member.ScreenshotAsync(new() { Path = Path.Combine(shots, "4-member-field-list.png"), FullPage = true });
        await item.Locator("select.field-status").SelectOptionAsync("demolished");
        await item.Locator("input.field-note").FillAsync("业主已自行拆除，现场已清理");
        await item.Locator("input.field-photo").SetInputFilesAsync(_site.Photo("现场照片.jpg"));
        await item.Locator("button.field-send").ClickAsync();
        await Expect(member, "#message", "已保存");
        await member.ScreenshotAsync(new() { Path = Path.Combine(shots, "5-member-demolished.png"), FullPage = true });

        var refused = await member.EvaluateAsync<JsonElement>("""
            async ([own, other]) => {
              const token = (await (await fetch('/api/antiforgery')).json()).token;
              const review = await fetch(`/api/cases/${own}/review`, { method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
                body: JSON.stringify({ decision: 'confirm', version: 0 }) });
              const foreign = await fetch(`/api/cases/${other}`);
              return { review: review.status, foreign: foreign.status };
            }
            """, new[] { _site.ChengguanCases[1], _site.DonghuCases[0] });
        Assert.Equal(403, refused.GetProperty("review").GetInt32());
        Assert.Equal(404, refused.GetProperty("foreign").GetInt32());
        await member.Context.CloseAsync();

        var director = await SignInAsync("admin", new ViewportSize { Width = 1280, Height = 1400 });
        await director.Locator("#nav-dashboard").ClickAsync();
        await director.Locator("#dashboard-figures").WaitForAsync();
        Assert.Equal(4, await director.Locator("img.chart").CountAsync());
        Assert.Contains("已拆除 m²: 86.5", await director.Locator("#dashboard-figures").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(OfficeSite.Chengguan, await director.Locator("#closure").InnerTextAsync(), StringComparison.Ordinal);
        await director.ScreenshotAsync(new() { Path = Path.Combine(shots, "6-dashboard.png"), FullPage = true });

        var record = _site.Store.Find(number)!;
        Assert.Equal(CaseStatuses.Demolished, record.Status);
        var events = _site.Store.ReadEvents(number);
        Assert.Equal(["lihua", "zhaolei", "wangfang", "wangfang"], events.Skip(1).Select(e => e.Actor));
        Assert.Equal(
            [LedgerEventKinds.StatusChanged, OfficeEventKinds.Dispatched, LedgerEventKinds.StatusChanged, LedgerEventKinds.EvidenceAttached],
            events.Skip(1).Select(e => e.Kind));
        Assert.Contains("业主已自行拆除", events[3].Detail, StringComparison.Ordinal);
        var photo = JsonDocument.Parse(events[4].Detail).RootElement.GetProperty("path").GetString()!;
        Assert.True(File.Exists(photo), photo);
        Assert.Equal(new FileInfo(_site.Photo("现场照片.jpg")).Length, new FileInfo(photo).Length);
    }

    [Fact]
    public async Task The_review_queue_is_worked_with_the_keyboard()
    {
        var shots = Chromium.ScreenshotFolder(nameof(The_review_queue_is_worked_with_the_keyboard));
        var analyst = await SignInAsync("lihua", new ViewportSize { Width = 1280, Height = 860 });
        await analyst.Locator("#nav-review").ClickAsync();
        await analyst.Locator($"#detail-{_site.ChengguanCases[0]}").WaitForAsync();

        await analyst.Keyboard.PressAsync("r");
        await analyst.Keyboard.TypeAsync("彩钢棚为临时农用设施，不属违建");
        await analyst.Keyboard.PressAsync("Enter");
        await analyst.Locator($"#detail-{_site.ChengguanCases[1]}").WaitForAsync();
        await analyst.Keyboard.PressAsync("s");
        await analyst.Locator($"#detail-{_site.ChengguanCases[2]}").WaitForAsync();
        await analyst.Keyboard.PressAsync("c");
        await analyst.Locator($"#detail-{_site.DonghuCases[0]}").WaitForAsync();
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(shots, "review-queue.png") });
        await analyst.Locator("#language").ClickAsync();
        await Expect(analyst, "#nav-map", "Map");
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(shots, "review-queue-english.png") });
        Assert.Equal("en", _site.Store.FindUser("lihua")!.Language);

        Assert.Equal(
            [CaseStatuses.Rejected, CaseStatuses.Detected, CaseStatuses.Confirmed],
            _site.ChengguanCases.Select(n => _site.Store.Find(n)!.Status));
        Assert.Contains("彩钢棚为临时农用设施，不属违建", _site.Store.ReadEvents(_site.ChengguanCases[0])[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_cases_selected_on_the_map_are_rejected_at_once_with_one_reason()
    {
        var shots = Chromium.ScreenshotFolder(nameof(Several_cases_selected_on_the_map_are_rejected_at_once_with_one_reason));
        var analyst = await SignInAsync("lihua", new ViewportSize { Width = 1280, Height = 860 });
        foreach (var number in _site.DonghuCases.Take(2))
        {
            await analyst.Locator($"path.case-{number}").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        }

        await analyst.Locator("#selection-reason").FillAsync("鱼塘管理房，已有审批");
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(shots, "selected.png") });
        await analyst.Locator("#reject-selected").ClickAsync();
        await Expect(analyst, "#message", "已保存");

        Assert.Equal(
            [CaseStatuses.Rejected, CaseStatuses.Rejected, CaseStatuses.Detected],
            _site.DonghuCases.Select(n => _site.Store.Find(n)!.Status));
        Assert.All(_site.DonghuCases.Take(2), n => Assert.Contains("鱼塘管理房，已有审批", _site.Store.ReadEvents(n)[^1].Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_map_draws_the_flights_imagery_under_the_cases_and_exports_them_as_CSV()
    {
        var shots = Chromium.ScreenshotFolder(nameof(The_map_draws_the_flights_imagery_under_the_cases_and_exports_them_as_CSV));
        var viewer = await SignInAsync("sunli", new ViewportSize { Width = 1280, Height = 860 });

        // Every tile answered (an empty one, 204, is not drawn) and faded in.
        await viewer.WaitForFunctionAsync("""
            () => {
              const tiles = [...document.querySelectorAll('.imagery-layer img')];
              return tiles.some((i) => i.classList.contains('leaflet-tile-loaded'))
                && tiles.every((i) => i.complete && (i.naturalWidth === 0 || i.style.opacity === '1'));
            }
            """);
        await viewer.ScreenshotAsync(new() { Path = Path.Combine(shots, "map-with-imagery.png") });
        var requested = await viewer.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/tiles/'))");
        // Each drawn tile read back through a canvas: 256 px, and somewhere the orthophoto's colour (blue 90, opaque).
        var drawn = await viewer.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.imagery-layer img.leaflet-tile-loaded')].map((img) => {
              const canvas = document.createElement('canvas');
              canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
              const g = canvas.getContext('2d');
              g.drawImage(img, 0, 0);
              const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
              let imagery = 0;
              for (let i = 0; i < px.length; i += 4) if (px[i + 3] === 255 && Math.abs(px[i + 2] - 90) <= 6) imagery++;
              return { width: img.naturalWidth, imagery };
            })
            """);
        var download = await viewer.RunAndWaitForDownloadAsync(() => viewer.Locator("#export-csv").ClickAsync());
        var csv = await File.ReadAllBytesAsync((await download.PathAsync())!);

        Assert.Contains(requested, p => p.StartsWith($"/api/flights/{OfficeSite.Flight}/tiles/", StringComparison.Ordinal));
        Assert.All(drawn.EnumerateArray(), t => Assert.Equal(256, t.GetProperty("width").GetInt32()));
        Assert.Contains(drawn.EnumerateArray(), t => t.GetProperty("imagery").GetInt32() > 100);
        Assert.Contains(OfficeSite.Flight, await viewer.Locator(".leaflet-control-layers").InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.EnumerateFiles(_site.TileCache, "*.png", SearchOption.AllDirectories));
        Assert.Equal($"vigil-cases-{DateTime.UtcNow:yyyy-MM-dd}.csv", download.SuggestedFilename);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        Assert.Equal(1 + _site.ChengguanCases.Count + _site.DonghuCases.Count, System.Text.Encoding.UTF8.GetString(csv).Count(c => c == '\n'));
    }

    [Fact]
    public async Task Five_wrong_passwords_in_the_sign_in_form_lock_the_account()
    {
        var shots = Chromium.ScreenshotFolder(nameof(Five_wrong_passwords_in_the_sign_in_form_lock_the_account));
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_site.BaseUrl);
        for (var i = 1; i <= 5; i++)
        {
            await page.Locator("#login-name").FillAsync("chengang");
            await page.Locator("#login-password").FillAsync($"猜测密码{i}");
            await page.Locator("#login-submit").ClickAsync();
            await Expect(page, "#message", i < 5 ? "wrong name or password" : "locked after 5 wrong passwords");
        }

        await page.Locator("#login-password").FillAsync(OfficeSite.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page, "#message", "locked after 5 wrong passwords");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "locked.png") });
        Assert.Equal(0, await page.Locator("#nav-map").CountAsync());
        Assert.NotNull(_site.Store.FindUser("chengang")!.LockedUntilUtc);
        await context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string name, ViewportSize viewport)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_site.BaseUrl);
        await page.Locator("#login-name").FillAsync(name);
        await page.Locator("#login-password").FillAsync(OfficeSite.Password);
        await page.Locator("#login-submit").ClickAsync();
        await page.Locator("#sign-out").WaitForAsync();
        return page;
    }

    private static async Task Expect(IPage page, string selector, string text)
    {
        await page.WaitForFunctionAsync(
            "([selector, text]) => document.querySelector(selector)?.textContent.includes(text)", new[] { selector, text });
    }
}

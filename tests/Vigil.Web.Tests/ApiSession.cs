using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vigil.Web.Tests;

/// <summary>
/// One signed-in (or not) client of the API, keeping its cookies itself: the app's cookies are Secure, which .NET's
/// cookie container would not send over the test's plain-HTTP loopback, while browsers do for 127.0.0.1.
/// </summary>
internal sealed class ApiSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public ApiSession(OfficeSite site)
    {
        _http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(site.BaseUrl) };
    }

    public string? Token { get; private set; }

    public static async Task<ApiSession> SignInAsync(OfficeSite site, string name)
    {
        var session = new ApiSession(site);
        var (status, body) = await session.PostAsync("/api/login", new { name, password = OfficeSite.Password });
        Assert.True(status == HttpStatusCode.OK, $"{name} could not sign in: {status} {body}");
        await session.RefreshTokenAsync();
        return session;
    }

    public async Task RefreshTokenAsync()
    {
        var (_, body) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/antiforgery"));
        Token = body.GetProperty("token").GetString();
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string url, object body, bool withToken = true)
    {
        if (Token is null && withToken)
        {
            await RefreshTokenAsync();
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (withToken)
        {
            request.Headers.Add("X-CSRF-TOKEN", Token);
        }

        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostFieldAsync(
        string number, string status, long version, string? note, string? photoPath, byte[]? photoBytes = null, string photoName = "photo.jpg")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(status), "status" },
            { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
            { new StringContent(note ?? ""), "note" },
        };
        if (photoPath is not null || photoBytes is not null)
        {
            var file = new ByteArrayContent(photoBytes ?? await File.ReadAllBytesAsync(photoPath!));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "photo", photoPath is null ? photoName : Path.GetFileName(photoPath));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{number}/field") { Content = form };
        request.Headers.Add("X-CSRF-TOKEN", Token);
        return await SendAsync(request);
    }

    /// <summary>A response's status and bytes.</summary>
    public async Task<(HttpStatusCode Status, byte[] Bytes)> GetRawAsync(string url)
    {
        var file = await GetFileAsync(url);
        return (file.Status, file.Bytes);
    }

    /// <summary>A response's status, content headers and bytes.</summary>
    public async Task<(HttpStatusCode Status, HttpContentHeaders Headers, byte[] Bytes)> GetFileAsync(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A PNG's status and size in pixels (read from its IHDR chunk).</summary>
    public async Task<(HttpStatusCode Status, int Width, int Height)> GetBytesAsync(string url)
    {
        var (status, bytes) = await GetRawAsync(url);
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), $"{url} is not a PNG");
        return (status, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    public async Task<long> VersionAsync(string number)
    {
        var (status, body) = await GetAsync($"/api/cases/{number}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("summary").GetProperty("version").GetInt64();
    }

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode, JsonElement)> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        using var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var cookie in setCookies)
            {
                var pair = cookie.Split(';')[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }
        }

        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Booking.DevHost.Tests;

/// <summary>Speaks the API as a client would: JSON in, status and JSON out, tokens from /dev/token.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<string> TokenAsync(string subject, string role, string? practitionerId = null)
    {
        var response = await Http.PostAsJsonAsync("/dev/token", new { subject, role, practitionerId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    public Task<Reply> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token);

    public Task<Reply> PostAsync(string path, object? body, string? token = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, token, idempotencyKey);

    public Task<Reply> PutAsync(string path, object? body, string? token = null) => SendAsync(HttpMethod.Put, path, body, token);

    /// <summary>A GET as partner software makes it: with <c>X-Api-Key</c> instead of a bearer token.</summary>
    public Task<Reply> GetAsPartnerAsync(string path, string apiKey) => SendAsync(HttpMethod.Get, path, null, null, apiKey: apiKey);

    public async Task<Reply> SendAsync(
        HttpMethod method, string path, object? body, string? token, string? idempotencyKey = null, string? apiKey = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var received = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.Location?.ToString(),
            text.Length == 0 ? null : JsonNode.Parse(text), text, response.Headers.RetryAfter?.Delta, received);
    }
}

public sealed record Reply(
    HttpStatusCode Status, string? MediaType, string? Location, JsonNode? Json, string Text, TimeSpan? RetryAfter = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A response header's value (comma-joined when repeated), or null when it was not sent.</summary>
    public string? Header(string name) => Headers is not null && Headers.TryGetValue(name, out var value) ? value : null;

    public JsonNode Body => Json ?? throw new InvalidOperationException("The response had no body.");

    public string ProblemType => Body["type"]!.GetValue<string>();

    public override string ToString() => $"{(int)Status} {Text}";
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Booking.ProductionShape.Tests;

/// <summary>Speaks the API over HTTP as a client would: JSON in, status and JSON out, Entra ID bearer tokens.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Task<Reply> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token);

    public Task<Reply> PostAsync(string path, object? body, string? token = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, token, idempotencyKey);

    public Task<Reply> PutAsync(string path, object? body, string? token = null) => SendAsync(HttpMethod.Put, path, body, token);

    public Task<Reply> DeleteAsync(string path, string? token = null) => SendAsync(HttpMethod.Delete, path, null, token);

    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, string? token, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
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

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            json = JsonNode.Parse(text);
        }

        return new Reply(response.StatusCode, json, text);
    }
}

public sealed record Reply(HttpStatusCode Status, JsonNode? Json, string Text)
{
    public JsonNode Body => Json ?? throw new InvalidOperationException($"The response had no JSON body: {this}");

    public override string ToString() => $"{(int)Status} {Text}";
}

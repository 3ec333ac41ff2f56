using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Booking.Reliability.Scenarios;

/// <summary>One reply: its status (0 when no answer came), body, and how many tries it took.</summary>
public sealed record ApiReply(HttpStatusCode Status, JsonNode? Body, int Attempts, int ServerErrors, int Timeouts, TimeSpan Elapsed)
{
    public bool IsServerError => (int)Status >= 500 || Status == 0;
}

/// <summary>
/// Speaks to one running host as a client would: tokens from /dev/token, JSON in and out. With retries on, a
/// 5xx, a timeout or a dropped connection is retried with the same request (and Idempotency-Key).
/// </summary>
public sealed class BookingApi(HttpClient http, int maxAttempts = 1) : IDisposable
{
    public Uri BaseAddress => http.BaseAddress!;

    public static BookingApi For(Uri baseAddress, int maxAttempts = 1, TimeSpan? timeout = null) =>
        new(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        }, maxAttempts);

    public async Task<string> TokenAsync(string subject, string role, string? practitionerId = null)
    {
        var reply = await SendAsync(HttpMethod.Post, "/dev/token", new { subject, role, practitionerId }, null);
        return reply.Status == HttpStatusCode.OK
            ? reply.Body!["accessToken"]!.GetValue<string>()
            : throw new InvalidOperationException($"No token for {subject}: {(int)reply.Status}.");
    }

    public Task<ApiReply> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token);

    public Task<ApiReply> PostAsync(string path, object? body, string? token = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, token, idempotencyKey);

    public Task<ApiReply> PutAsync(string path, object? body, string? token = null) => SendAsync(HttpMethod.Put, path, body, token);

    public async Task<ApiReply> SendAsync(HttpMethod method, string path, object? body, string? token, string? idempotencyKey = null)
    {
        var clock = Stopwatch.StartNew();
        var serverErrors = 0;
        var timeouts = 0;
        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode status = 0;
            JsonNode? json = null;
            try
            {
                (status, json) = await SendOnceAsync(method, path, body, token, idempotencyKey);
                if ((int)status < 500)
                {
                    return new ApiReply(status, json, attempt, serverErrors, timeouts, clock.Elapsed);
                }

                serverErrors++;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                timeouts++;
            }

            if (attempt >= maxAttempts)
            {
                return new ApiReply(status, json, attempt, serverErrors, timeouts, clock.Elapsed);
            }

            await Task.Delay(Backoff(attempt));
        }
    }

    public void Dispose() => http.Dispose();

    // Short, growing, jittered: enough to let a retry land after whatever failed, as a real client would do.
#pragma warning disable CA5394 // jitter, not security
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(500, 10 * attempt * attempt) + Random.Shared.Next(10));
#pragma warning restore CA5394

    private async Task<(HttpStatusCode, JsonNode?)> SendOnceAsync(HttpMethod method, string path, object? body, string? token, string? idempotencyKey)
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

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
        {
            json = JsonNode.Parse(text);
        }

        return (response.StatusCode, json);
    }
}

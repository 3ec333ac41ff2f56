using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Booking.Tests.Shared;

/// <summary>
/// The control routes of tests/cosmos-compat (throttle.js): answer chosen requests with 429 as Cosmos DB does when
/// rate limited, and read back when each request arrived (on the server's monotonic clock). Only a server the tests
/// started themselves has them (<see cref="LocalCosmosServer.StartCompatLayerAsync"/>).
/// </summary>
public sealed class CosmosCompatControl(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Answers the requests <paramref name="rule"/> matches with 429 (nothing is read or written for them).</summary>
    public async Task<int> ThrottleAsync(ThrottleRule rule)
    {
        using var response = await http.PostAsJsonAsync("_compat/throttle", rule, Json);
        response.EnsureSuccessStatusCode();
        var armed = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return armed.GetProperty("rule").GetInt32();
    }

    /// <summary>Removes every throttling rule.</summary>
    public async Task StopThrottlingAsync()
    {
        using var response = await http.DeleteAsync("_compat/throttle");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The number of the last request the server has seen: what <see cref="RequestsAsync"/> counts from.</summary>
    public async Task<long> LastRequestAsync() => (await ReadAsync(long.MaxValue)).Last;

    /// <summary>The requests the server has seen after request number <paramref name="since"/>, in order of arrival.</summary>
    public async Task<IReadOnlyList<CompatRequest>> RequestsAsync(long since = 0) => (await ReadAsync(since)).Requests;

    private async Task<RequestLog> ReadAsync(long since) =>
        await http.GetFromJsonAsync<RequestLog>($"_compat/requests?since={since}", Json)
            ?? throw new InvalidOperationException("The Cosmos compatibility layer answered no request log.");

    private sealed record RequestLog(IReadOnlyList<CompatRequest> Requests, long Last);
}

/// <summary>
/// Which requests to answer with 429 and how. Null fields match anything. <see cref="Count"/> null: every matching
/// request until <see cref="CosmosCompatControl.StopThrottlingAsync"/>. <see cref="Operation"/> is one of create, read,
/// replace, upsert, delete, patch, query, query-plan, read-feed, batch, metadata; <see cref="PartitionKey"/> is the
/// value of the request's partition key.
/// </summary>
public sealed record ThrottleRule(
    int? Count = null,
    int? RetryAfterMs = null,
    int? Substatus = null,
    string? Operation = null,
    string? Database = null,
    string? Container = null,
    string? Id = null,
    string? PartitionKey = null);

/// <summary>One request as the compatibility layer saw it. Times are milliseconds on the server's monotonic clock.</summary>
public sealed record CompatRequest(
    long Seq,
    double ArrivedAt,
    double? AnsweredAt,
    string Method,
    string Path,
    string Operation,
    string? Database,
    string? Container,
    string? Id,
    string? PartitionKey,
    int? Status,
    bool Throttled);

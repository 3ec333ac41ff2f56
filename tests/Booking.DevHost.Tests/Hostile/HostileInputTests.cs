using System.Globalization;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// Property-based tests of every route in openapi.json against hostile input. For each generated request:
/// no 5xx; every status is one openapi.json documents for the route; every 4xx is RFC 9457 problem+json whose
/// <c>status</c> matches; a refused request changes nothing (store files, bus, notifications), and after each
/// route's run the observed practitioner and patient look exactly as before through the API.
/// A failure prints the CsCheck seed: rerun with <c>CsCheck_Seed=&lt;seed&gt;</c> to get the same requests.
/// </summary>
public sealed class HostileInputTests(HostileHost host, ITestOutputHelper output) : IClassFixture<HostileHost>
{
    /// <summary>Cases per route (HOSTILE_CASES overrides): 21 routes × 100 run in about a minute on two cores.</summary>
    public static readonly int CasesPerRoute =
        int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_CASES"), CultureInfo.InvariantCulture, out var n) ? n : 100;

    public static TheoryData<string> Routes => new(OpenApiRoutes.All.Select(r => r.Key));

    [Fact]
    public void EveryDocumentedRouteHasAGeneratorStrategy()
    {
        var documented = OpenApiRoutes.All.Select(r => r.Key).ToList();

        Assert.All(documented, r => Assert.True(RouteStrategies.ByRoute.ContainsKey(r), $"{r} has no generator strategy in RouteStrategies."));
        Assert.All(RouteStrategies.ByRoute.Keys, r => Assert.Contains(r, documented));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task HostileRequestsGetADocumentedProblemAndChangeNothing(string route)
    {
        var spec = OpenApiRoutes.Find(route);
        Assert.True(RouteStrategies.ByRoute.TryGetValue(route, out var strategy), $"{route} has no generator strategy: add it to RouteStrategies.");
        var observed = await host.ObservedThroughTheApiAsync();
        var statuses = new SortedDictionary<int, int>();
        var slowest = (Elapsed: TimeSpan.Zero, Request: "");

        await HostileRequests.For(spec, strategy, host.World).SampleAsync(
            async request =>
            {
                var before = ObservableState.Read(host.Fixture);
                using var message = request.ToMessage(host.Fixture.Client.Http.BaseAddress!);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                HttpResponseMessage sent;
                try
                {
                    sent = await host.Fixture.Client.Http.SendAsync(message);
                }
                catch (HttpRequestException e) when (e.InnerException is IOException && request.Body?.Bytes.Length > Functions.Http.HttpPipeline.MaxBodyBytes)
                {
                    // The server answered before reading a body past the limit and closed the connection while the
                    // client was still writing it: refused without being read. It must still have changed nothing —
                    // unless the route takes no body at all: then it answered the request as if none was sent, and that
                    // answer, unseen, may have been a success (a valid manage link's cancel) that changes things.
                    if (spec.BodySchema is not null)
                    {
                        Assert.Empty(ObservableState.Read(host.Fixture).ChangesSince(before));
                    }

                    return;
                }

                using var response = sent;
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    slowest = elapsed > slowest.Elapsed ? (elapsed, $"{status} {request}") : slowest;
                }

                var problems = ResponseProblems(spec, OpenApiRoutes.StatusesFor(spec, request.Method, request.Target), status, response.Content.Headers.ContentType?.MediaType, text).ToList();
                if (status is >= 400 and < 500)
                {
                    problems.AddRange(ObservableState.Read(host.Fixture).ChangesSince(before).Select(c => "refused, yet changed " + c));
                }

                if (problems.Count > 0)
                {
                    throw new HostileInputException($"{status}: {string.Join("; ", problems)}\nresponse: {(text.Length > 500 ? text[..500] : text)}");
                }
            },
            iter: CasesPerRoute,
            threads: 1,
            print: r => r.ToString());

        output.WriteLine($"{route}: {CasesPerRoute} cases; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine($"slowest ({slowest.Elapsed.TotalMilliseconds:0} ms): {slowest.Request}");
        Assert.Equal(observed, await host.ObservedThroughTheApiAsync());
    }

    private static IEnumerable<string> ResponseProblems(RouteSpec route, IReadOnlySet<int> documented, int status, string? mediaType, string text)
    {
        if (status >= 500)
        {
            yield return "a server error";
        }

        if (!documented.Contains(status))
        {
            yield return $"status {status} is not in openapi.json for {route.Key}";
        }

        if (status is < 400 or >= 500)
        {
            yield break;
        }

        if (text.Contains("Exception", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal))
        {
            yield return "the body looks like a stack trace";
        }

        if (mediaType != "application/problem+json")
        {
            yield return $"content type {mediaType ?? "(none)"}, not application/problem+json";
            yield break;
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            problem = default;
        }

        if (problem.ValueKind != JsonValueKind.Object)
        {
            yield return "the problem is not a JSON object";
            yield break;
        }

        if (!problem.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || !Uri.IsWellFormedUriString(type.GetString(), UriKind.Absolute))
        {
            yield return "the problem has no absolute type URI";
        }

        if (!problem.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString()!.Length == 0)
        {
            yield return "the problem has no title";
        }

        if (!problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
        {
            yield return "the problem's status is not the response's";
        }

        if (!problem.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.String)
        {
            yield return "the problem has no detail";
        }

        if (status == 400 && (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object
            || errors.EnumerateObject().Any(e => e.Value.ValueKind != JsonValueKind.Array || e.Value.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String))))
        {
            yield return "a 400 problem without errors: { field: [messages] }";
        }
    }
}

/// <summary>A property of a hostile request that did not hold; CsCheck adds the request and the seed.</summary>
public sealed class HostileInputException(string message) : Exception(message);

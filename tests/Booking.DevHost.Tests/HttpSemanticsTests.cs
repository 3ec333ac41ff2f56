using System.Net;
using System.Text;

namespace Booking.DevHost.Tests;

/// <summary>
/// HTTP as a generic client expects it: 405 with Allow, HEAD, 415, challenges on 401, Locations that resolve, and
/// public reads that caches may keep and revalidate. Every answer is also checked against openapi.json.
/// </summary>
public sealed class HttpSemanticsTests : IAsyncLifetime
{
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);
    private readonly List<string> _violations = [];
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("PUT", "/api/practitioners", "GET, HEAD, POST")]
    [InlineData("DELETE", "/api/appointments/abc", "GET, HEAD")]
    [InlineData("GET", "/api/appointments/abc/cancel", "POST")]
    [InlineData("PATCH", "/api/me", "DELETE")]
    public async Task AnswersMethodNotAllowedWithAllowGivenAKnownRouteAndAnotherMethod(string method, string path, string allowed)
    {
        var reply = await Api.SendAsync(new HttpMethod(method), path, null, null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal(allowed, reply.Header("Allow"));
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.EndsWith("/method-not-allowed", reply.ProblemType);
    }

    [Fact]
    public async Task AnswersAProblem404GivenAnUnknownRoute()
    {
        var reply = await Api.SendAsync(HttpMethod.Delete, "/api/no/such/route", null, null);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Null(reply.Header("Allow"));
        Assert.EndsWith("/not-found", reply.ProblemType);
    }

    [Fact]
    public async Task AnswersHeadWithTheGetsHeadersAndNoBody()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var path = $"/api/practitioners/{practitioner.Id}/slots";

        var get = await Api.GetAsync(path);
        var head = await Api.SendAsync(HttpMethod.Head, path, null, null);

        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Empty(head.Text);
        Assert.Equal(get.Header("ETag"), head.Header("ETag"));
        Assert.Equal(Encoding.UTF8.GetByteCount(get.Text).ToString(System.Globalization.CultureInfo.InvariantCulture), head.Header("Content-Length"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task RefusesABodyThatIsNotJsonWith415AndBooksNothing(string? contentType)
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slotId = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-415", "patient");
        var json = System.Text.Json.JsonSerializer.Serialize(Scenario.Booking(slotId), WebJson);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", patient);
        request.Headers.Add("Idempotency-Key", "k-415");
        using var response = await Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/unsupported-media-type", await response.Content.ReadAsStringAsync());
        Assert.Contains(slotId, await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        var mine = await Api.GetAsync("/api/me/appointments", patient);
        Assert.Empty(mine.Body["items"]!.AsArray());
    }

    [Fact]
    public async Task AsksForABodyWith400GivenNoBodyAndNoContentType()
    {
        var operatorToken = await Api.TokenAsync("ops-semantics", "operator");

        var reply = await Api.SendAsync(HttpMethod.Post, "/api/practitioners", null, operatorToken);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.EndsWith("/validation", reply.ProblemType);
    }

    [Fact]
    public async Task ChallengesEvery401WithTheSchemeOfItsRoute()
    {
        var none = await Checked("GET", "/me/appointments", Api.GetAsync("/api/me/appointments"), HttpStatusCode.Unauthorized);
        var refused = await Checked("GET", "/me/appointments", Api.GetAsync("/api/me/appointments", "not.a.token"), HttpStatusCode.Unauthorized);
        var partner = await Checked("GET", "/partner/appointments/{appointmentId}", Api.GetAsPartnerAsync("/api/partner/appointments/abc", "bk_wrong"), HttpStatusCode.Unauthorized);

        Assert.Equal("Bearer realm=\"booking\"", none.Header("WWW-Authenticate"));
        Assert.Equal("Bearer realm=\"booking\", error=\"invalid_token\"", refused.Header("WWW-Authenticate"));
        Assert.Equal("ApiKey realm=\"booking\", header=\"X-Api-Key\"", partner.Header("WWW-Authenticate"));
        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
    }

    [Fact]
    public async Task SendsLocationsThatAnswerWhatWasCreated()
    {
        var ops = await Api.TokenAsync("ops-location", "operator");
        var practitioner = await Checked("POST", "/practitioners", Api.PostAsync("/api/practitioners", new { displayName = "Dr Luc Lieu", specialty = "Cardiologie", city = "Évry", timeZone = "Europe/Paris" }, ops), HttpStatusCode.Created);
        var readPractitioner = await Checked("GET", "/practitioners/{practitionerId}", Api.GetAsync(practitioner.Location!), HttpStatusCode.OK);
        var practitionerId = practitioner.Body["practitionerId"]!.GetValue<string>();
        var partner = await Checked("POST", "/partners", Api.PostAsync("/api/partners", new { name = "PracticeSoft", practitionerIds = new[] { practitionerId } }, ops), HttpStatusCode.Created);
        var readPartner = await Checked("GET", "/partners/{partnerId}", Api.GetAsync(partner.Location!, ops), HttpStatusCode.OK);
        var key = await Checked("POST", "/partners/{partnerId}/keys", Api.PostAsync(partner.Location + "/keys", null, ops), HttpStatusCode.Created);
        var readKey = await Checked("GET", "/partners/{partnerId}/keys/{keyId}", Api.GetAsync(key.Location!, ops), HttpStatusCode.OK);
        await Checked("GET", "/partners/{partnerId}", Api.GetAsync(partner.Location!, await Api.TokenAsync("patient-location", "patient")), HttpStatusCode.Forbidden);
        await Checked("GET", "/practitioners/{practitionerId}", Api.GetAsync("/api/practitioners/AAAAAAAAAAAAAAAAAAAAAA"), HttpStatusCode.NotFound);

        Assert.Equal(practitioner.Body.ToJsonString(), readPractitioner.Body.ToJsonString());
        Assert.Equal("active", readPartner.Body["status"]!.GetValue<string>());
        Assert.Single(readPartner.Body["keys"]!.AsArray()); // read before the second key was issued
        Assert.Equal(key.Body["keyId"]!.GetValue<string>(), readKey.Body["keyId"]!.GetValue<string>());
        Assert.DoesNotContain(partner.Body["apiKey"]!.GetValue<string>(), readPartner.Text);
        Assert.DoesNotContain(key.Body["apiKey"]!.GetValue<string>(), readKey.Text);
        Assert.DoesNotContain(partner.Body["signingSecret"]!.GetValue<string>(), readPartner.Text);
        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
    }

    [Fact]
    public async Task LetsCachesKeepPublicReadsUntilABookingChangesThem()
    {
        var practitioner = await Scenario.PractitionerAsync(Api, city: "Cachan");
        var slots = $"/api/practitioners/{practitioner.Id}/slots";
        var first = await Checked("GET", "/practitioners/{practitionerId}/slots", Api.GetAsync(slots), HttpStatusCode.OK);
        var tag = first.Header("ETag")!;

        var unchanged = await Checked("GET", "/practitioners/{practitionerId}/slots", Conditional(slots, tag), HttpStatusCode.NotModified);
        var patient = await Api.TokenAsync("patient-cache", "patient");
        var slotId = first.Body["slots"]![0]!["slotId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/appointments", Scenario.Booking(slotId), patient, "k-cache")).Status);
        var changed = await Checked("GET", "/practitioners/{practitionerId}/slots", Conditional(slots, tag), HttpStatusCode.OK);
        await Checked("GET", "/practitioners", Conditional("/api/practitioners?city=Cachan", "\"other\", W/" + tag), HttpStatusCode.OK);
        // The search answers from the city's availability summary, which the booking's event refreshes shortly after.
        Reply search = null!;
        await StandInHost.EventuallyAsync(async () =>
            !(search = await Checked("GET", "/practitioners", Api.GetAsync("/api/practitioners?city=Cachan"), HttpStatusCode.OK)).Text.Contains(slotId, StringComparison.Ordinal),
            "The search still offered the booked slot 30 s after the booking.");
        await Checked("GET", "/practitioners", Conditional("/api/practitioners?city=Cachan", "W/" + search.Header("ETag")), HttpStatusCode.NotModified);
        var personal = await Checked("GET", "/me/appointments", Api.GetAsync("/api/me/appointments", patient), HttpStatusCode.OK);

        Assert.Equal("public, max-age=30", first.Header("Cache-Control"));
        Assert.Matches("^\"[A-Za-z0-9_-]{22}\"$", tag);
        Assert.Empty(unchanged.Text);
        Assert.Equal(tag, unchanged.Header("ETag"));
        Assert.NotEqual(tag, changed.Header("ETag"));
        Assert.DoesNotContain(slotId, changed.Text);
        Assert.Equal("no-store", personal.Header("Cache-Control"));
        Assert.Null(personal.Header("ETag"));
        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
    }

    private Task<Reply> Conditional(string path, string ifNoneMatch) =>
        Api.SendAsync(HttpMethod.Get, path, null, null, headers: new Dictionary<string, string> { ["If-None-Match"] = ifNoneMatch });

    private async Task<Reply> Checked(string method, string template, Task<Reply> sent, HttpStatusCode expected)
    {
        var reply = await sent;
        Assert.True(reply.Status == expected, $"{method} {template}: expected {(int)expected}, got {reply}");
        _violations.AddRange(OpenApiResponseCheck.Violations(method, template, reply));
        return reply;
    }
}

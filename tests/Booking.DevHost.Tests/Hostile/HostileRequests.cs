using System.Text;
using CsCheck;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// Generates requests for one route: each part (path parameters, query, credentials, Idempotency-Key, other
/// headers, body) is valid for the route's strategy or hostile, independently, so most requests break a few
/// things at once and some break exactly one.
/// </summary>
public static class HostileRequests
{
    /// <summary>Path segments that routers, decoders and file systems have each read their own way.</summary>
    private static readonly string[] OddSegments =
    [
        "..", ".", "%2e%2e", "%2E%2E%2F%2E%2E", "..%2F..%2Fhealth", "%2F", "a%2Fb", "%5C", "%5C..%5C", "%25", "%252e%252e", "%20",
        "+", "%C0%AE%C0%AE", "%FF", "%ED%A0%80", "%E2%80%AE", "%EF%BB%BF", "~", "*", "..;", "%3F", "%23", "%0D%0A", "null", "undefined", "0",
        "-1", "AAAAAAAAAAAAAAAAAAAAAA", "%u002e", "con", "aux", "a%3Bb",
    ];

    private static readonly string[] OddQueries =
    [
        "%zz=1", "=x", "&&&", ";", "a", "%=%", "%e9=%e9", "x=%FF%FE", "[]=1", "a[b]=1", "__proto__[x]=1", "%00=%00", "?=?",
    ];

    private static readonly string[] OddAuthorizations =
    [
        "", "Bearer", "Bearer ", "Bearer  ", "Bearer garbage", "Bearer a.b.c", "Basic dXNlcjpwYXNz", "Digest x", "Negotiate YII=",
        "bearer", "BEARER x", "Bearer null", "Bearer undefined", "Bearer {}", "Bearer %00", "Bearer \t",
    ];

    private static readonly string[] OddContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=latin1", "application/json; charset=nonsense", "???", "application/problem+json", "application/merge-patch+json",
        "application/json, text/plain", "", "*/*",
    ];

    private static readonly (string Name, string Value)[] OddHeaders =
    [
        ("Accept", "text/html"), ("Accept", "application/xml"), ("Accept-Charset", "utf-7"), ("Content-Encoding", "gzip"),
        ("Content-Encoding", "br, gzip, identity, nonsense"), ("X-Forwarded-Proto", "javascript"), ("X-Forwarded-For", "127.0.0.1, ::1, garbage"),
        ("X-HTTP-Method-Override", "DELETE"), ("Range", "bytes=0-1"), ("If-Match", "*"), ("If-None-Match", "\"x\""), ("Origin", "null"),
        ("Cookie", "session=x; a=b"), ("X-Api-Key", "garbage"), ("Idempotency-Key", "x"), ("Accept-Language", "xx-XX;q=2"),
        ("Prefer", "respond-async"), ("Forwarded", "for=\"_gazonk\""), ("X-Original-URL", "/api/me"), ("X-Rewrite-URL", "/api/me"),
    ];

    public static Gen<HostileRequest> For(RouteSpec route, RouteStrategy strategy, HostileWorld world)
    {
        var values = strategy.Values(world);
        var template = route.BodySchema is null ? null : HostileBodies.Template(route.BodySchema, null, values);
        return from path in Path(route, values)
               from query in Query(route, values)
               from credentials in Credentials(strategy.Caller(world), world)
               from idempotencyKey in IdempotencyKey
               from extra in Gen.OneOf(OddHeaders).Array[0, 2]
               from body in HostileBodies.For(template)
               from contentType in Gen.Frequency((8, Gen.Const((string?)null)), (2, Gen.OneOf(OddContentTypes).Select(t => (string?)t)))
               from chunked in Gen.Int[0, 4]
               select new HostileRequest(
                   route.Method,
                   Fit("/api" + path, query),
                   [.. credentials, .. idempotencyKey, .. extra.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))],
                   body is not null && contentType is not null ? body with { ContentType = contentType } : body,
                   Chunked: chunked == 0);
    }

    private static Gen<string> Path(RouteSpec route, IReadOnlyDictionary<string, string> values)
    {
        var segments = route.Template.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment =>
            segment.StartsWith('{')
                ? Gen.Frequency((3, Gen.Const(values[segment.Trim('{', '}')])), (2, HostileSegment(values[segment.Trim('{', '}')])))
                : Gen.Const(segment)).ToArray();
        return segments.Length == 0
            ? Gen.Const("")
            : segments.Aggregate(Gen.Const(""), (gen, segment) => from left in gen from right in segment select left + "/" + right);
    }

    /// <summary>
    /// A path parameter an attacker would try. Never a NUL (<c>%00</c>): Kestrel refuses that request line with a
    /// bare 400 before any code of ours runs, and in Azure the front end answers instead.
    /// </summary>
    private static Gen<string> HostileSegment(string valid) => Gen.Frequency(
        (3, Gen.OneOf(OddSegments)),
        (3, HostileValues.Text.Select(t => t.Replace("\0", "", StringComparison.Ordinal)).Select(t => PercentEncode(t[..Math.Min(t.Length, 400)]))),
        (2, Gen.String[Gen.Char.AlphaNumeric, 1, 60]),
        (1, Gen.Int[200, 2_000].Select(n => new string('A', n))),
        (1, Gen.OneOf(OddSegments).Select(s => valid + s)),
        (1, Gen.Const(valid.ToUpperInvariant())),
        (1, Gen.Const(valid + "/..")),
        (1, Gen.Const("")));

    private static Gen<string> Query(RouteSpec route, IReadOnlyDictionary<string, string> values)
    {
        var parameters = route.In("query").Select(p => Parameter(p.Name, values.GetValueOrDefault(p.Name) ?? "x")).ToArray();
        var known = parameters.Aggregate(Gen.Const(new List<string>()), (gen, p) => from list in gen from part in p select part is null ? list : [.. list, part]);
        var unknown = Gen.Frequency(
            (6, Gen.Const(Array.Empty<string>())),
            (2, Gen.OneOf(OddQueries).Array[1, 3]),
            (1, HostileValues.Text.Select(t => new[] { "q=" + PercentEncode(t.Length > 2_000 ? t[..2_000] : t) })),
            (1, Gen.Int[50, 400].Select(n => Enumerable.Range(0, n).Select(i => "p" + i + "=1").ToArray())));
        return from parts in known
               from extra in unknown
               let all = parts.Concat(extra).ToList()
               select all.Count == 0 ? "" : "?" + string.Join('&', all);
    }

    /// <summary>
    /// Keeps the request line under Kestrel's 8 KB limit: past it Kestrel answers 414 itself, before the app
    /// (or, in Azure, the front end) sees the request, so there is nothing of ours to test there.
    /// </summary>
    private static string Fit(string path, string query)
    {
        const int Limit = 7_000;
        if (path.Length + query.Length <= Limit)
        {
            return path + query;
        }

        var cut = query.LastIndexOf('&', Math.Max(0, Limit - path.Length));
        return path + (cut > 0 ? query[..cut] : "");
    }

    /// <summary>One query parameter: valid, hostile, missing, empty, named only, or repeated.</summary>
    private static Gen<string?> Parameter(string name, string valid) => Gen.Frequency(
        (4, Gen.Const<string?>(name + "=" + PercentEncode(valid))),
        (3, HostileValues.Text.Select(t => (string?)(name + "=" + PercentEncode(t.Length > 1_500 ? t[..1_500] : t)))),
        (1, Gen.Const((string?)null)),
        (1, Gen.Const<string?>(name + "=")),
        (1, Gen.Const<string?>(name)),
        (1, HostileValues.Text.Select(t => (string?)($"{name}={PercentEncode(valid)}&{name}={PercentEncode(t.Length > 500 ? t[..500] : t)}"))),
        (1, Gen.Int[2, 200].Select(n => (string?)string.Join('&', Enumerable.Repeat(name + "=" + PercentEncode(valid), n)))),
        (1, Gen.OneOf("%zz", "%", "%e9", "%C0%80", "+", "%2B", "%20%20").Select(v => (string?)(name + "=" + v))));

    private static Gen<KeyValuePair<string, string>[]> Credentials(Credentials valid, HostileWorld world)
    {
        static KeyValuePair<string, string>[] As(Credentials c) =>
        [
            .. c.Bearer is null ? [] : new[] { new KeyValuePair<string, string>("Authorization", "Bearer " + c.Bearer) },
            .. c.ApiKey is null ? [] : new[] { new KeyValuePair<string, string>("X-Api-Key", c.ApiKey) },
        ];

        return Gen.Frequency(
            (14, Gen.Const(As(valid))),
            (2, Gen.Const(Array.Empty<KeyValuePair<string, string>>())),
            (3, Gen.OneOf(world.EveryRole.ToArray()).Select(As)),
            (2, Gen.OneOf(OddAuthorizations).Select(a => new[] { new KeyValuePair<string, string>("Authorization", a) })),
            (3, HostileTokens.For(world).Select(t => new[] { new KeyValuePair<string, string>("Authorization", "Bearer " + t) })),
            (1, Gen.Const(As(valid).Concat(As(valid)).ToArray())),
            (1, Gen.Const(new[] { new KeyValuePair<string, string>("Authorization", "Bearer " + new string('a', 7_000)) })),
            (1, AsciiText.Select(k => new[] { new KeyValuePair<string, string>("X-Api-Key", k) })),
            (1, Gen.Const(As(valid).Select(h => new KeyValuePair<string, string>(h.Key, h.Value + "x")).ToArray())));
    }

    /// <summary>Header values are bytes on the wire; the server refuses non-ASCII before the app sees it, so stay printable ASCII.</summary>
    private static Gen<string> AsciiText { get; } = Gen.String[Gen.Char[' ', '~'], 0, 200];

    private static Gen<KeyValuePair<string, string>[]> IdempotencyKey { get; } = Gen.Frequency(
        (4, Gen.Guid.Select(g => new[] { new KeyValuePair<string, string>("Idempotency-Key", g.ToString("N")) })),
        (2, Gen.Const(Array.Empty<KeyValuePair<string, string>>())),
        (3, Gen.OneOf(
                "", " ", new string('k', 100), new string('k', 101), new string('k', 4_000), "\t", "%00", "null", "a,b", "\"quoted\"")
            .Select(k => new[] { new KeyValuePair<string, string>("Idempotency-Key", k) })),
        (1, AsciiText.Select(k => new[] { new KeyValuePair<string, string>("Idempotency-Key", k) })),
        (1, Gen.Guid.Select(g => new[] { new KeyValuePair<string, string>("Idempotency-Key", "a"), new KeyValuePair<string, string>("Idempotency-Key", g.ToString("N")) })));


    /// <summary>Percent-encodes everything but unreserved characters, through UTF-8 (a lone surrogate becomes U+FFFD).</summary>
    public static string PercentEncode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}

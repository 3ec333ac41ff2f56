using System.Net.Sockets;
using System.Text;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// Bodies sent in chunks, with no Content-Length, spoken over a raw socket so that the answer can be read while
/// the body is still "on its way" and so the chunk framing itself can be broken. Every route that reads a body
/// must answer 400 problem+json: to a body that never ends (once past the size limit, instead of buffering it
/// all or waiting for its end) and to one whose framing is garbage.
/// </summary>
public sealed class ChunkedBodyTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> RoutesWithABody => new(OpenApiRoutes.All.Where(r => r.BodySchema is not null).Select(r => r.Key));

    [Theory]
    [MemberData(nameof(RoutesWithABody))]
    public async Task AnEndlessChunkedBodyIsRefusedOncePastTheLimit(string route)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var chunk = Encoding.ASCII.GetBytes($"4000\r\n{new string('a', 0x4000)}\r\n");

        var answer = await SendAsync(route, async (stream, ct) =>
        {
            while (true)
            {
                await stream.WriteAsync(chunk, ct);
            }
        }, timeout);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RoutesWithABody))]
    public async Task AChunkedBodyWithGarbageFramingIsRefused(string route)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var answer = await SendAsync(route, (stream, ct) => stream.WriteAsync("zz\r\n}}\r\n0\r\n\r\n"u8.ToArray(), ct).AsTask(), timeout);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
    }

    /// <summary>Sends the route's valid head and the start of a JSON body, then <paramref name="rest"/>; returns the status line and headers.</summary>
    private async Task<string> SendAsync(string route, Func<NetworkStream, CancellationToken, Task> rest, CancellationTokenSource timeout)
    {
        var spec = OpenApiRoutes.Find(route);
        var strategy = RouteStrategies.ByRoute[route];
        var values = strategy.Values(host.World);
        var path = "/api" + string.Concat(spec.Template.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => "/" + (s.StartsWith('{') ? values[s.Trim('{', '}')] : s)));
        var address = host.Fixture.Client.Http.BaseAddress!;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, timeout.Token);
        var stream = client.GetStream();
        var head = $"{spec.Method} {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + $"Idempotency-Key: {Guid.NewGuid():N}\r\nAuthorization: Bearer {strategy.Caller(host.World).Bearer}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "6\r\n{\"x\":\"\r\n"), timeout.Token);
        var sending = rest(stream, timeout.Token);

        var answer = await ReadHeadAsync(stream, timeout.Token);
        await timeout.CancelAsync();
        try
        {
            await sending;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The server stopped reading, or the test did: either way the body is over.
        }

        return answer;
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, ct) == 1)
        {
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}

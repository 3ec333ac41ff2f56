using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Booking.LoadDriver;

/// <summary>
/// Books slots from a file of booking lines (slot id, patient index) with a fixed number of concurrent
/// clients until <c>--target</c> bookings are confirmed, each under its own Idempotency-Key.
/// </summary>
public static class BulkBooker
{
    public static async Task<int> RunAsync(Options options)
    {
        var lines = await File.ReadAllLinesAsync(options.Text("in"));
        var tokens = await File.ReadAllLinesAsync(options.Text("tokens"));
        var target = options.Number("target", lines.Length);
        var concurrency = options.Number("concurrency", 32);
        var prefix = options.Text("key-prefix", "fill");
        using var http = Api.Client(options.LoopbackBase(), concurrency);
        var statuses = new ConcurrentDictionary<int, int>();
        var next = -1;
        var created = 0;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while (Volatile.Read(ref created) < target && (i = Interlocked.Increment(ref next)) < lines.Length)
            {
                var parts = lines[i].Split(' ');
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/appointments", UriKind.Relative))
                {
                    Content = new StringContent(BookingBody.For(parts[0]), Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)]);
                request.Headers.Add("Idempotency-Key", $"{prefix}-{i}");
                using var response = await http.SendAsync(request);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == System.Net.HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref created);
                }
            }
        }));

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"booked {created} in {seconds:0.0} s ({created / seconds:0} per second); statuses: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        return created >= target ? 0 : 1;
    }
}

using System.Text;
using System.Text.Json;
using Booking.Application.Common;
using Booking.Application.Privacy;

namespace Booking.Infrastructure.AccessLog;

/// <summary>One entry per line of JSON, in every access-log adapter.</summary>
internal static class AccessLogSerializer
{
    public static byte[] ToLine(AccessLogEntry entry) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(entry, JsonDefaults.Options), (byte)'\n'];

    public static IEnumerable<AccessLogEntry> FromLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => TryParse(line))
            .OfType<AccessLogEntry>();

    public static IEnumerable<AccessLogEntry> FromLines(byte[] bytes) => FromLines(Encoding.UTF8.GetString(bytes));

    // A line torn by a crash mid-append is skipped; every complete line before and after it still counts.
    private static AccessLogEntry? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AccessLogEntry>(line, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

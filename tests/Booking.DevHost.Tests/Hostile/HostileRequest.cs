using System.Net.Http.Headers;
using System.Text;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>One generated request, exactly as it goes on the wire, printable for a failure report.</summary>
public sealed record HostileRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, Body? Body, bool Chunked = false)
{
    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        // No canonicalization: "%2e%2e" and "%2F" reach the server as generated.
        var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(Method), uri);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body.Bytes);
            if (Body.ContentType.Length > 0)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", Body.ContentType);
            }
        }

        message.Headers.TransferEncodingChunked = Chunked && message.Content is not null;
        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var text = new StringBuilder().Append(Method).Append(' ').Append(Clip(Target)).AppendLine();
        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").AppendLine(Clip(value));
        }

        if (Body is not null)
        {
            text.Append("Content-Type: ").AppendLine(Body.ContentType)
                .Append(Chunked ? "Transfer-Encoding: chunked\n" : "")
                .Append("body (").Append(Body.Bytes.Length).Append(" bytes): ")
                .AppendLine(Clip(Encoding.UTF8.GetString(Body.Bytes, 0, Math.Min(Body.Bytes.Length, 600))));
        }

        return text.ToString();
    }

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300] + $"…(+{s.Length - 300} chars)";
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Booking.StandIns;

/// <summary>
/// An SMS provider's send endpoint as <c>HttpSmsSender</c> calls it: <c>POST /messages</c> with JSON <c>{from, to, text}</c>
/// and a credential header (name and value configured). The wrong or a missing credential gets 401; a body that is not
/// that JSON gets 400; while <see cref="Outage"/> is on every send gets 503 (and is recorded as refused). Accepted
/// messages answer 202 with a message id. Leaves out: delivery reports, rate limits, number validation.
/// </summary>
public sealed class SmsProviderStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<SmsMessage> _messages = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SmsProviderStandIn(string authHeaderName, string authHeaderValue)
    {
        AuthHeaderName = authHeaderName;
        AuthHeaderValue = authHeaderValue;
    }

    /// <summary>Where to post (<c>Notifications:Sms:Endpoint</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public string AuthHeaderName { get; }

    public string AuthHeaderValue { get; }

    /// <summary>While true, every send answers 503.</summary>
    public bool Outage { get; set; }

    /// <summary>The messages accepted, in order.</summary>
    public IReadOnlyList<SmsMessage> Messages => [.. _messages];

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>HTTPS on the CA's leaf when <paramref name="ca"/> is given, else plain HTTP.</summary>
    public static async Task<SmsProviderStandIn> StartAsync(TestCertificateAuthority? ca, string authHeaderValue, string authHeaderName = "Authorization")
    {
        var sms = new SmsProviderStandIn(authHeaderName, authHeaderValue);
        var (app, baseAddress) = await LoopbackHost.StartAsync(ca?.Leaf, a => a.MapPost("/messages", (Func<HttpContext, Task<IResult>>)sms.ReceiveAsync));
        sms._app = app;
        sms.Endpoint = new Uri(baseAddress, "messages");
        return sms;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were accepted (TimeoutException after <paramref name="timeout"/>).</summary>
    public async Task<IReadOnlyList<SmsMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (_messages.Count < count)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            if (_messages.Count >= count)
            {
                break;
            }

            try
            {
                await arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{_messages.Count} SMS of {count} arrived within {timeout}.");
            }
        }

        return Messages;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var result = Answer(context.Request.Headers[AuthHeaderName].ToString(), body);
        _requests.Enqueue(RecordedRequest.From(context.Request, body, result.Status));
        return Results.Json(result.Body, statusCode: result.Status);
    }

    private (int Status, object Body) Answer(string credential, string body)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), Encoding.UTF8.GetBytes(AuthHeaderValue)))
        {
            return (401, new { error = "unauthorized" });
        }

        if (Outage)
        {
            return (503, new { error = "service unavailable" });
        }

        SmsMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<SmsMessage>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null || string.IsNullOrEmpty(message.To) || string.IsNullOrEmpty(message.Text))
        {
            return (400, new { error = "expected JSON {from, to, text}" });
        }

        _messages.Enqueue(message);
        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return (202, new { id = Guid.NewGuid().ToString(), status = "accepted" });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>One SMS as the provider received it.</summary>
public sealed record SmsMessage(string From, string To, string Text);

using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Booking.Infrastructure.Tests.Webhooks;

/// <summary>
/// A partner's webhook receiver on a loopback port (plain HTTP): it counts the TCP connections it accepts, before any
/// HTTP is read (so an https attempt, which it cannot serve, is counted too), and answers each POST as told.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;

    private LoopbackReceiver(Func<HttpContext, IResult> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
        {
            Interlocked.Increment(ref _connections);
            return next(connection);
        })));
        _app = builder.Build();
        _app.MapPost("/hooks", (HttpContext context) =>
        {
            Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            return answer(context);
        });
    }

    public int Port { get; private set; }

    public int Connections => Volatile.Read(ref _connections);

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<LoopbackReceiver> StartAsync(Func<HttpContext, IResult>? answer = null)
    {
        var receiver = new LoopbackReceiver(answer ?? (_ => Results.NoContent()));
        await receiver._app.StartAsync();
        var address = receiver._app.Urls.Single();
        receiver.Port = new Uri(address).Port;
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

namespace Booking.ServiceBusStandIn.Amqp;

/// <summary>An IAsyncResult that is already complete: links open at once, their routing was done in CreateLink.</summary>
internal sealed class CompletedResult : IAsyncResult
{
    private static readonly ManualResetEvent Signaled = new(true);

    private CompletedResult(object? state) => AsyncState = state;

    public object? AsyncState { get; }

    public WaitHandle AsyncWaitHandle => Signaled;

    public bool CompletedSynchronously => true;

    public bool IsCompleted => true;

    public static IAsyncResult Complete(AsyncCallback? callback, object? state)
    {
        var result = new CompletedResult(state);
        callback?.Invoke(result);
        return result;
    }
}

namespace Booking.DevHost.StoreOperations;

/// <summary>
/// The store operations one request made, by kind, as <see cref="CountingDocumentStore{T}"/> sees them at the store port.
/// The counts of the request running on this flow are <see cref="Current"/>: an <see cref="AsyncLocal{T}"/> set by
/// <see cref="StoreOperationsHeader"/>, so work started elsewhere (timers, bus consumers, work the request hands off with
/// the execution context suppressed) is never counted in a request's header.
/// </summary>
public sealed class StoreOperationCounts
{
    public const string HeaderName = "X-Store-Operations";

    private static readonly AsyncLocal<StoreOperationCounts?> Ambient = new();

    private int _read;
    private int _create;
    private int _replace;
    private int _upsert;
    private int _delete;
    private int _query;

    /// <summary>The counts of the request this code runs for, or null outside a request.</summary>
    public static StoreOperationCounts? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public void Read() => Interlocked.Increment(ref _read);

    public void Create() => Interlocked.Increment(ref _create);

    public void Replace() => Interlocked.Increment(ref _replace);

    public void Upsert() => Interlocked.Increment(ref _upsert);

    public void Delete() => Interlocked.Increment(ref _delete);

    public void Query() => Interlocked.Increment(ref _query);

    /// <summary>All kinds together.</summary>
    public int Total => Volatile.Read(ref _read) + Volatile.Read(ref _create) + Volatile.Read(ref _replace)
        + Volatile.Read(ref _upsert) + Volatile.Read(ref _delete) + Volatile.Read(ref _query);

    /// <summary>The header's value: <c>read=1, create=2, replace=1, upsert=0, delete=0, query=0</c>.</summary>
    public override string ToString() =>
        $"read={Volatile.Read(ref _read)}, create={Volatile.Read(ref _create)}, replace={Volatile.Read(ref _replace)}, "
        + $"upsert={Volatile.Read(ref _upsert)}, delete={Volatile.Read(ref _delete)}, query={Volatile.Read(ref _query)}";
}

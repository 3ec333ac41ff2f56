namespace Booking.Infrastructure.Tests.Embedded;

/// <summary>A data directory of its own for one test, deleted afterwards.</summary>
internal sealed class TemporaryDataDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("booking-store-tests-").FullName;

    /// <summary>The embedded database file (with its <c>-wal</c> and <c>-shm</c> beside it).</summary>
    public string DatabaseFile => Path.Combine(Root, "store", "booking.sqlite");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

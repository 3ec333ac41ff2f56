namespace Booking.Infrastructure.Tests.Embedded;

/// <summary>A data directory of its own for one test, deleted afterwards.</summary>
internal sealed class TemporaryDataDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("booking-store-tests-").FullName;

    /// <summary>The journal the embedded store keeps for <see cref="Note"/> documents.</summary>
    public string NoteJournal => Path.Combine(Root, "store", "note.journal.jsonl");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

namespace Booking.Domain.Common;

/// <summary>
/// A document that a store files under a sort key and tags, so that one single-partition query reads a page of a
/// partition in order (the store port's <c>QueryPartitionAsync</c>). Both are derived from the document and stored beside it
/// on every write.
/// </summary>
public interface ISortedDocument
{
    /// <summary>
    /// Orders the documents of a partition by ordinal comparison, and is unique within it. ASCII only, so that every
    /// store (Cosmos DB's string order, SQLite's binary collation, .NET's ordinal) orders it alike. Null: the document is
    /// in no sorted query at the moment (an appointment with nothing left to publish or file), and costs the index nothing.
    /// </summary>
    string? SortKey { get; }

    /// <summary>What a query selects by: a query names one tag, and reads only the documents that carry it.</summary>
    IReadOnlyList<string> Tags { get; }
}

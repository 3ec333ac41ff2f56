using Booking.Domain.Common;
using System.Text.Json.Serialization;
using Booking.Application.Storage;

namespace Booking.Infrastructure.Tests.Storage;

/// <summary>What the sorted-query contract stores: its sort key and tags are its own fields, as a summary derives them from its own.</summary>
public sealed record SortedContractDocument(string Key, IReadOnlyList<string> Labels, string Name) : ISortedDocument
{
    [JsonIgnore]
    public string SortKey => Key;

    [JsonIgnore]
    public IReadOnlyList<string> Tags => Labels;
}

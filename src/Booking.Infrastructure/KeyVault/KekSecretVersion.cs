using Booking.Application.Privacy;
using NodaTime;

namespace Booking.Infrastructure.KeyVault;

/// <summary>One version of an epoch's KEK secret as listed: its key when enabled (null when disabled), and its <c>unused-since</c> tag.</summary>
internal sealed record KekSecretVersion(string Version, KekEpoch Epoch, DateTimeOffset Created, KeyEncryptionKey? Kek, Instant? UnusedSince);

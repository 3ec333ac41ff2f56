namespace Booking.Application.Privacy;

/// <summary>A version of the key-encryption key (KEK): 32 bytes that wrap patients' data keys, never data itself.</summary>
public sealed record KeyEncryptionKey(string Version, byte[] Key);

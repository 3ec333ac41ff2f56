namespace Booking.Application.Privacy;

/// <summary>Seals and opens fields under one data key; same envelopes and guarantees as <see cref="IFieldCipher"/>.</summary>
public interface IKeyedFieldCipher : IDisposable
{
    string Seal(string associatedData, string plaintext);

    string Open(string associatedData, string envelope);
}

using Booking.Domain.Practitioners;

namespace Booking.Application.Search;

/// <summary>
/// What a schedule offers on one local date, free or not: each slot with its token, and the date's token.
/// A slot's id is the practitioner id, <see cref="DayToken"/> and its token (see <see cref="SlotIds.Compose"/>).
/// </summary>
public sealed record DayOffer(string DayToken, IReadOnlyList<SlotTime> Slots, IReadOnlyList<string> SlotTokens);

using System.Globalization;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Caching.Memory;
using NodaTime;

namespace Booking.Application.Search;

/// <summary>
/// Each practitioner's <see cref="DayOffer"/>s, generated once and kept in a bounded cache: a listing or a
/// search then costs a lookup per date instead of a zone mapping and an HMAC per slot. The cache key holds
/// everything a day's slots and ids depend on (practitioner, slot key, zone, visit type, its length and the
/// hours that offer it that date), so publishing a new schedule simply misses it. Slot ids are public (every listing shows
/// them), so keeping them in memory adds nothing to protect.
/// </summary>
public sealed class SlotOffers : IDisposable
{
    /// <summary>About 64 bytes a slot: some 20 MB at most.</summary>
    public const int MaxCachedSlots = 300_000;

    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCachedSlots });

    public DayOffer On(Practitioner practitioner, WeeklySchedule schedule, VisitType type, LocalDate date)
    {
        var key = new OfferKey(practitioner.Id, practitioner.SlotKey, schedule.TimeZone, type.VisitTypeId, type.Minutes, date, HoursKey(schedule, type, date));
        if (_cache.TryGetValue(key, out DayOffer? offer))
        {
            return offer!;
        }

        var ids = practitioner.SlotIds;
        var slots = SlotGenerator.SlotsOn(schedule, date, type).ToArray();
        offer = new DayOffer(ids.DayToken(date), slots, ids.SlotTokens(slots, type.VisitTypeId));
        return _cache.Set(key, offer, new MemoryCacheEntryOptions { Size = slots.Length + 1, SlidingExpiration = IdleLifetime });
    }

    public void Dispose() => _cache.Dispose();

    private static string HoursKey(WeeklySchedule schedule, VisitType type, LocalDate date) =>
        string.Join(',', schedule.HoursOn(date, type).Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Start.TickOfDay}-{h.End.TickOfDay}")));

    private readonly record struct OfferKey(string PractitionerId, string SlotKey, string TimeZone, string VisitTypeId, int Minutes, LocalDate Date, string Hours);
}

using Booking.Application;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Schedules;
using Booking.Application.Search;
using Booking.Application.Privacy;
using Booking.Domain.Practitioners;
using Booking.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booking.Benchmarks;

/// <summary>
/// The real use cases on the embedded store as the local host runs it (an SQLite file in a temporary data directory,
/// deleted with the world), optionally with the pass-through cipher.
/// </summary>
public sealed class BenchWorld : IDisposable
{
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    private readonly ServiceProvider _services;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("booking-bench-").FullName;

    public BenchWorld(bool passThroughCipher)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Storage:DataDirectory"] = _dataDirectory,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddApplication(configuration);
        services.AddInfrastructure(configuration, "Development");
        if (passThroughCipher)
        {
            services.AddSingleton<IFieldCipher, PassThroughFieldCipher>();
        }

        _services = services.BuildServiceProvider();
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A practitioner open around the clock in 5-minute slots, and the ids of every free slot over 60 days.</summary>
    public IReadOnlyList<string> PractitionerWithSlots(int days = 60)
    {
        var ops = new Caller("ops", Role.Operator);
        var id = Get<RegisterPractitioner>().HandleAsync(ops, new RegisterPractitionerCommand("Dr Bench", "Cardiology", "Paris", "Europe/Paris"), default).Result.Value!.PractitionerId;
        var weekly = Enum.GetNames<NodaTime.IsoDayOfWeek>().Where(d => d != "None")
            .Select(d => (ScheduleDraft.Opening?)new ScheduleDraft.Opening(d.ToLowerInvariant(), "00:00", "23:55")).ToList();
        Get<PublishSchedule>().HandleAsync(ops, new PublishScheduleCommand(id, new ScheduleDraft("Europe/Paris", 5, weekly, [], days, 0)), default).Wait();
        var practitioner = Get<Application.Storage.IDocumentStore<Practitioner>>().ReadAsync(PractitionerKeys.Profile(id), default).Result!.Value;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return Get<SlotCatalog>()
            .FreeSlotsAsync(practitioner, NodaTime.LocalDate.FromDateOnly(today), NodaTime.LocalDate.FromDateOnly(today.AddDays(days)), int.MaxValue, null, default).Result
            .Select(s => s.Placement.SlotId).ToList();
    }

    /// <summary>
    /// <paramref name="count"/> practitioners in <paramref name="city"/> (ten specialties in turn), each with a clinic's
    /// week published: weekdays 09:00-12:00 and 14:00-18:00, Saturday mornings, 15-minute slots, 28 days ahead.
    /// </summary>
    public IReadOnlyList<Practitioner> ClinicPractitioners(int count, string city)
    {
        var ops = new Caller("ops", Role.Operator);
        string[] specialties = ["Médecine générale", "Psychiatrie", "Dermatologie", "Cardiologie", "Pédiatrie", "Gynécologie", "Ophtalmologie", "Rhumatologie", "Neurologie", "Oncologie"];
        var weekly = Weekdays
            .SelectMany(d => new ScheduleDraft.Opening?[] { new(d, "09:00", "12:00"), new(d, "14:00", "18:00") })
            .Append(new ScheduleDraft.Opening("saturday", "09:00", "12:00"))
            .ToList();
        var store = Get<Application.Storage.IDocumentStore<Practitioner>>();
        return Enumerable.Range(0, count).Select(i =>
        {
            var id = Get<RegisterPractitioner>().HandleAsync(ops, new RegisterPractitionerCommand($"Dr Banc {i:D4}", specialties[i % specialties.Length], city, "Europe/Paris"), default).Result.Value!.PractitionerId;
            Get<PublishSchedule>().HandleAsync(ops, new PublishScheduleCommand(id, new ScheduleDraft("Europe/Paris", 15, weekly, [], 28, 60)), default).Wait();
            return store.ReadAsync(PractitionerKeys.Profile(id), default).Result!.Value;
        }).ToList();
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Schedules;
using Booking.Domain.Practitioners;

namespace Booking.DevHost;

/// <summary>
/// Lists demo practitioners (several cities and specialties, some names with accents) with schedules over
/// the next 14 days, through the same use cases an operator would call. Runs once per data directory, even for
/// hosts that start on it together.
/// </summary>
public sealed class DemoSeeder(RegisterPractitioner register, PublishSchedule publish)
{
    private static readonly (string Name, string Specialty, string City, string Zone)[] Demo =
    [
        ("Dr Amélie Durand", "Médecine générale", "Paris", "Europe/Paris"),
        ("Dr Jérôme Lefèvre", "Psychiatrie", "Paris", "Europe/Paris"),
        ("Dr Chloé Martin", "Dermatologie", "Évry", "Europe/Paris"),
        ("Dr Noël Bénard", "Médecine générale", "Évry", "Europe/Paris"),
        ("Dr Sofia Ruiz", "Pédiatrie", "Lyon", "Europe/Paris"),
        ("Dr Aoife Byrne", "Cardiology", "Dublin", "Europe/Dublin"),
    ];

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    public async Task SeedOnceAsync(string dataDirectory, CancellationToken ct)
    {
        var marker = Path.Combine(dataDirectory, "seeded");
        // Hosts starting together on one data directory seed it once: the second waits, then finds the marker.
        using var exclusive = Infrastructure.Files.FileLock.Acquire(marker + ".lock", TimeSpan.FromMinutes(2));
        if (File.Exists(marker))
        {
            return;
        }

        var seeder = new Caller("devhost-seed", Role.Operator);
        foreach (var (name, specialty, city, zone) in Demo)
        {
            var registered = await register.HandleAsync(seeder, new RegisterPractitionerCommand(name, specialty, city, zone), ct);
            var weekly = Weekdays
                .SelectMany(day => new[] { new ScheduleDraft.Opening(day, "09:00", "12:00"), new ScheduleDraft.Opening(day, "14:00", "18:00") })
                .Append(new ScheduleDraft.Opening("saturday", "09:00", "12:00"))
                .ToList();
            await publish.HandleAsync(
                seeder,
                new PublishScheduleCommand(registered.Value!.PractitionerId, new ScheduleDraft(zone, 30, weekly, [], 14, 60)),
                ct);
        }

        await File.WriteAllTextAsync(marker, "demo practitioners seeded\n", ct);
    }
}

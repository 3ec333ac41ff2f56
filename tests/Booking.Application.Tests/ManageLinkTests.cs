using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.ManageLinks;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>Manage links: they open one appointment, until it ends, and nothing else.</summary>
public sealed class ManageLinkTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ALinkShowsWhenWithWhomAndTheStatusAndNothingAboutThePatient()
    {
        var (appointment, token) = await BookWithLinkAsync();

        var view = await _world.Get<ManageAppointmentByLink>().ViewAsync(token, default);

        Assert.True(view.Succeeded);
        Assert.Equal(appointment.Id, view.Value.AppointmentId);
        Assert.Equal(AppointmentStatus.Confirmed, view.Value.Status);
        Assert.Equal(appointment.Placement.LocalStart, view.Value.Start);
        Assert.Equal("Dr Test", view.Value.PractitionerName);
    }

    [Fact]
    public async Task ALinkCancelsItsAppointmentFreesTheSlotAndAnswersTheSameWhenRepeated()
    {
        var (appointment, token) = await BookWithLinkAsync();
        var manage = _world.Get<ManageAppointmentByLink>();

        var first = await manage.CancelAsync(token, default);
        var again = await manage.CancelAsync(token, default);

        Assert.Equal(AppointmentStatus.Cancelled, first.Value!.Status);
        Assert.Equal(AppointmentStatus.Cancelled, again.Value!.Status);
        var practitioner = (await _world.Get<IDocumentStore<Domain.Practitioners.Practitioner>>().ReadAsync(Practitioners.PractitionerKeys.Profile(appointment.PractitionerId), default))!.Value;
        Assert.Contains(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == appointment.Placement.SlotId);
    }

    [Fact]
    public async Task ATamperedLinkNamesNothing()
    {
        var (_, token) = await BookWithLinkAsync();
        var manage = _world.Get<ManageAppointmentByLink>();

        for (var i = 0; i < token.Length; i++)
        {
            var flipped = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Equal(FailureKind.NotFound, (await manage.ViewAsync(flipped, default)).Failure?.Kind);
            Assert.Equal(FailureKind.NotFound, (await manage.CancelAsync(flipped, default)).Failure?.Kind);
        }

        foreach (var garbage in new[] { "", "x", token + "A", token[..^1], token.ToUpperInvariant(), new string('A', token.Length) })
        {
            Assert.Equal(FailureKind.NotFound, (await manage.ViewAsync(garbage, default)).Failure?.Kind);
        }

        Assert.True((await manage.ViewAsync(token, default)).Succeeded);
    }

    [Fact]
    public async Task ALinkExpiresWhenItsAppointmentEnds()
    {
        var (appointment, token) = await BookWithLinkAsync();
        var manage = _world.Get<ManageAppointmentByLink>();

        _world.Clock.SetUtcNow((appointment.Placement.Time.End - Duration.FromSeconds(1)).ToDateTimeOffset());
        Assert.True((await manage.ViewAsync(token, default)).Succeeded);
        _world.Clock.SetUtcNow(appointment.Placement.Time.End.ToDateTimeOffset());
        Assert.Equal(FailureKind.NotFound, (await manage.ViewAsync(token, default)).Failure?.Kind);
        Assert.Equal(FailureKind.NotFound, (await manage.CancelAsync(token, default)).Failure?.Kind);
        Assert.Equal(AppointmentStatus.Confirmed, (await StoredAsync(appointment.Id)).Status);
    }

    [Fact]
    public async Task ALinkWorksForTheConfiguredHoursAfterItsAppointmentEnds()
    {
        using var world = new BookingWorld(_world.Clock.GetUtcNow(), new Dictionary<string, string?> { ["ManageLinks:ValidHoursAfterEnd"] = "2" });
        var (appointment, token) = await BookWithLinkAsync(world);
        var manage = world.Get<ManageAppointmentByLink>();

        world.Clock.SetUtcNow((appointment.Placement.Time.End + Duration.FromHours(2) - Duration.FromSeconds(1)).ToDateTimeOffset());
        Assert.True((await manage.ViewAsync(token, default)).Succeeded);
        world.Clock.SetUtcNow((appointment.Placement.Time.End + Duration.FromHours(2)).ToDateTimeOffset());
        Assert.Equal(FailureKind.NotFound, (await manage.ViewAsync(token, default)).Failure?.Kind);
    }

    [Fact]
    public async Task ALinkSignedUnderAnotherKeyRingNamesNothing()
    {
        var (appointment, _) = await BookWithLinkAsync();
        using var elsewhere = new BookingWorld(_world.Clock.GetUtcNow());
        var forged = await elsewhere.Get<ManageLinkTokens>().IssueAsync(appointment, default);

        Assert.Equal(FailureKind.NotFound, (await _world.Get<ManageAppointmentByLink>().ViewAsync(forged, default)).Failure?.Kind);
    }

    [Fact]
    public async Task EveryUseIsInTheAccessLogUnderTheLinksFingerprintNeverTheLinkItself()
    {
        var (appointment, token) = await BookWithLinkAsync();
        var manage = _world.Get<ManageAppointmentByLink>();

        await manage.ViewAsync(token, default);
        await manage.CancelAsync(token, default);

        var uses = (await _world.AccessLog.AboutPatientAsync(appointment.PatientId, default)).Where(e => e.Principal == ManageAppointmentByLink.Principal).ToList();
        Assert.Equal([AccessPurpose.LinkHolderViewsAppointment, AccessPurpose.LinkHolderCancelsAppointment], uses.Select(e => e.Purpose));
        Assert.All(uses, e =>
        {
            Assert.Equal(appointment.Id, e.AppointmentId);
            Assert.Equal(ManageLinkTokens.Fingerprint(token), e.CredentialId);
            Assert.DoesNotContain(token, e.CredentialId!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ALinkIsSignedAsBeforeTheSignerWasSharedSoLinksAlreadySentKeepWorking()
    {
        var (_, token) = await BookWithLinkAsync();
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
        var blindIndexKey = await _world.KeyRing.BlindIndexKeyAsync(default);

        // The derivation ManageLinkTokens had before TokenSigner: HKDF-SHA256 under its label, HMAC-SHA256 cut to 128 bits.
        var key = System.Security.Cryptography.HKDF.DeriveKey(
            System.Security.Cryptography.HashAlgorithmName.SHA256, blindIndexKey, 32, salt: [], info: "booking manage-link v1"u8.ToArray());
        var mac = System.Security.Cryptography.HMACSHA256.HashData(key, bytes[..^16]).AsSpan(0, 16).ToArray();

        Assert.Equal(mac, bytes[^16..]);
    }

    private Task<(Appointment Appointment, string Token)> BookWithLinkAsync() => BookWithLinkAsync(_world);

    private static async Task<(Appointment Appointment, string Token)> BookWithLinkAsync(BookingWorld world)
    {
        var practitioner = await world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await world.SlotsAsync(practitioner))[3];
        var booked = await world.BookAsync(BookingWorld.Patient(), slot.Placement.SlotId);
        var appointment = await StoredAsync(world, booked.Value!.AppointmentId!);
        return (appointment, await world.Get<ManageLinkTokens>().IssueAsync(appointment, default));
    }

    private Task<Appointment> StoredAsync(string id) => StoredAsync(_world, id);

    private static async Task<Appointment> StoredAsync(BookingWorld world, string id) =>
        (await world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(id), default))!.Value;
}

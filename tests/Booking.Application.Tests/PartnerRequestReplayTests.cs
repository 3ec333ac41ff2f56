using System.Text;
using System.Text.Json;
using Booking.Application.Messaging;
using Booking.Application.Partners;

namespace Booking.Application.Tests;

/// <summary>
/// What a partner hears when it sends a request id again: the result topic drops an answer whose message id it has seen
/// (duplicate detection), so the answers' ids decide whether a partner is answered at all.
/// </summary>
public sealed class PartnerRequestReplayTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
    private Domain.Practitioners.Practitioner? _practitioner;

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task AnswersARequestIdReusedWithAnotherBodyRejectedUnderAnIdOfItsOwnThatARedeliveryKeeps()
    {
        var (partner, slots) = await PartnerWithSlotsAsync();
        var first = Request("req-1", slots[0], "Zoé");
        var other = Request("req-1", slots[1], "Yann");

        var booked = await HandleAsync(first, partner, "msg-1");
        var reused = await HandleAsync(other, partner, "msg-2");
        var redelivered = await HandleAsync(other, partner, "msg-2");

        Assert.Equal("confirmed", booked?.Status);
        Assert.Equal(new PartnerBookingResult("req-1", "rejected", null, ProcessPartnerBookingRequest.RequestIdReused), reused);
        Assert.Equal(reused, redelivered);
        var answers = Answers();
        Assert.Equal(3, answers.Count);
        Assert.NotEqual(answers[0].MessageId, answers[1].MessageId);
        Assert.Equal(answers[1].MessageId, answers[2].MessageId);
        Assert.DoesNotContain("Yann", answers[1].Body, StringComparison.Ordinal);
        Assert.Contains(slots[1], await FreeSlotsAsync());
    }

    [Fact]
    public async Task AnswersAnIdenticalReplayWithTheFirstResultUnderTheFirstAnswersId()
    {
        var (partner, slots) = await PartnerWithSlotsAsync();
        var body = Request("req-1", slots[0], "Zoé");

        var booked = await HandleAsync(body, partner, "msg-1");
        var replayed = await HandleAsync(body, partner, "msg-2");

        Assert.Equal(booked, replayed);
        var answers = Answers();
        Assert.Equal((answers[0].MessageId, answers[0].Body), (answers[1].MessageId, answers[1].Body));
    }

    private async Task<(PartnerCredentials Partner, IReadOnlyList<string> Slots)> PartnerWithSlotsAsync()
    {
        _practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var registered = await _world.Get<RegisterPartner>().HandleAsync(BookingWorld.Operator, new RegisterPartnerCommand("Clinic software", [_practitioner.Id]), default);
        return (registered.Value!, await FreeSlotsAsync());
    }

    private async Task<IReadOnlyList<string>> FreeSlotsAsync() =>
        (await _world.SlotsAsync(_practitioner!)).Select(s => s.Placement.SlotId).ToList();

    private byte[] Request(string requestId, string slotId, string firstName) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        requestId,
        practitionerId = _practitioner!.Id,
        slotId,
        patient = new { firstName, lastName = "Martin", email = "zoe@example.org", phone = "+33612345678", birthDate = "1990-01-01" },
        consent = new { email = false, sms = false },
    });

    private Task<PartnerBookingResult?> HandleAsync(byte[] body, PartnerCredentials partner, string messageId) =>
        _world.Get<ProcessPartnerBookingRequest>().HandleAsync(
            body,
            new Dictionary<string, string> { ["partnerId"] = partner.PartnerId, ["signature"] = ProcessPartnerBookingRequest.Sign(body, partner.SigningSecret) },
            messageId,
            default);

    private List<BusMessage> Answers() =>
        _world.Bus.Sent.Where(sent => sent.Entity == new MessagingOptions().PartnerBookingResultsTopic).Select(sent => sent.Message).ToList();
}

using System.Net;
using Booking.DevHost;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.ProductionShape.Tests;

/// <summary>The whole patient journey through the app's own functions, on the template's settings and the stand-ins.</summary>
[Collection(ProductionShapeCollection.Name)]
public sealed class BookingFlowTests(ProductionStack stack)
{
    [Fact]
    public async Task ABookingIsConfirmedByRealEmailAndSmsRemindedWithin24HoursManagedByItsLinkAndErased()
    {
        var practitionerId = await Journey.PractitionerWithScheduleAsync(stack);
        var (slotId, start) = await Journey.FirstFreeSlotAsync(stack, practitionerId);
        Assert.True(start < DateTimeOffset.UtcNow.AddHours(24), $"the first slot {start:O} is not within 24 h");
        var patient = Journey.Patient.New("Quennehen");

        var appointmentId = await Journey.BookAsync(stack, patient, slotId);

        // The confirmation leaves through the appointment-events topic, its two subscriptions and the real providers.
        var confirmation = Assert.Single(await Journey.EmailsToAsync(stack, patient.Email, 1));
        Assert.Equal(ProductionStack.SmtpFrom, confirmation.From.Mailboxes.Single().Address);
        Assert.Contains((ProductionStack.SmtpUserName, true), stack.Smtp.Logins);
        Assert.Single(await Journey.SmsToAsync(stack, patient.Phone, 1));
        Assert.All(stack.Sms.Requests, r => Assert.Equal(stack.Setting("Notifications:Sms:AuthHeaderValue"), r.Headers["authorization"]));

        // The reminder timer, run as the Functions host would on its schedule (the stack runs no timer by itself).
        Assert.True(await stack.Services.GetRequiredService<TimerScheduler>().RunNowAsync("SendReminders", CancellationToken.None));
        var emails = await Journey.EmailsToAsync(stack, patient.Email, 2);
        var texts = await Journey.SmsToAsync(stack, patient.Phone, 2);
        Assert.Equal(2, emails.Count);
        Assert.Equal(2, texts.Count);
        Assert.Equal("Appointment reminder", emails[1].Subject);
        Assert.StartsWith("Reminder: your appointment", Journey.TextOf(emails[1]), StringComparison.Ordinal);
        Assert.Contains("/manage/", Journey.TextOf(emails[1]), StringComparison.Ordinal);
        Assert.StartsWith("Reminder: your appointment", texts[1].Text, StringComparison.Ordinal);

        var token = Journey.ManageToken(Journey.TextOf(emails[0]));
        var managed = await stack.Api.GetAsync($"/api/manage/{token}");
        Assert.True(managed.Status == HttpStatusCode.OK, managed.ToString());
        Assert.Equal("confirmed", managed.Body["status"]!.GetValue<string>());

        var patientToken = Journey.PatientToken(stack, patient.ObjectId);
        var mine = await stack.Api.GetAsync("/api/me/appointments", patientToken);
        Assert.Contains(appointmentId, mine.Text, StringComparison.Ordinal);
        var erased = await stack.Api.DeleteAsync("/api/me", patientToken);
        Assert.True(erased.Status == HttpStatusCode.NoContent, erased.ToString());
        var export = await stack.Api.GetAsync("/api/me/export", patientToken);
        Assert.DoesNotContain(patient.Email, export.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(patient.LastName, export.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAccessLogHasTheReadsOfAPatientsDataInTheBlobContainer()
    {
        var practitionerId = await Journey.PractitionerWithScheduleAsync(stack);
        var (slotId, _) = await Journey.FirstFreeSlotAsync(stack, practitionerId);
        var patient = Journey.Patient.New("Lectrice");
        await Journey.BookAsync(stack, patient, slotId);
        await Journey.EmailsToAsync(stack, patient.Email, 1);

        var export = await stack.Api.GetAsync("/api/me/export", Journey.PatientToken(stack, patient.ObjectId));
        Assert.True(export.Status == HttpStatusCode.OK, export.ToString());

        var blobs = new List<string>();
        await foreach (var blob in stack.AccessLogContainer.GetBlobsAsync())
        {
            blobs.Add(blob.Name);
        }

        Assert.Contains(blobs, name => name.StartsWith("by-patient/", StringComparison.Ordinal));
        Assert.Contains(blobs, name => name.StartsWith("by-hour/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoCosmosDocumentHoldsAPatientsNameEmailOrPhoneInTheClear()
    {
        var practitionerId = await Journey.PractitionerWithScheduleAsync(stack);
        var (slotId, _) = await Journey.FirstFreeSlotAsync(stack, practitionerId);
        var patient = Journey.Patient.New("Confidentielle");
        await Journey.BookAsync(stack, patient, slotId);
        await Journey.EmailsToAsync(stack, patient.Email, 1);

        var documents = new List<string>();
        var database = stack.TestCosmosClient.GetDatabase(stack.Template.CosmosDatabaseName);
        foreach (var (id, _, _) in stack.Template.CosmosContainers)
        {
            using var feed = database.GetContainer(id).GetItemQueryStreamIterator("SELECT * FROM c");
            while (feed.HasMoreResults)
            {
                using var page = await feed.ReadNextAsync();
                Assert.True(page.IsSuccessStatusCode, $"{id}: {page.StatusCode} {page.ErrorMessage}");
                documents.Add(await new StreamReader(page.Content).ReadToEndAsync());
            }
        }

        var all = string.Join('\n', documents);
        Assert.Contains(practitionerId, all, StringComparison.Ordinal); // the documents were read
        Assert.DoesNotContain(patient.LastName, all, StringComparison.Ordinal);
        Assert.DoesNotContain(patient.Email, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(patient.Phone[2..], all, StringComparison.Ordinal);
    }
}

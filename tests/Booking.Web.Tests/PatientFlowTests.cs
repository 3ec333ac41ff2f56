using System.Net;
using Booking.DevHost.Tests;

namespace Booking.Web.Tests;

/// <summary>The patient's whole way through the web app, in Chromium, against the local host that serves it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PatientFlowTests(WebHost web) : IClassFixture<WebHost>
{
    [Fact]
    public async Task APatientSignsInSearchesBooksSeesReschedulesAndCancelsTheirAppointment()
    {
        await Scenario.PractitionerAsync(web.Api, city: "Évry", specialty: "Psychiatrie", name: "Dr Flore Navigateur");
        using var browser = new Browser();

        // Search, accents and case aside, then the practitioner's week.
        browser.Open(web.Origin + "/");
        browser.Type("#f-city", "evry");
        browser.Type("#f-specialty", "PSYCHIATRIE");
        browser.Click("button", "Search");
        browser.Find("h3", "Dr Flore Navigateur");
        browser.WaitForStatus("1 practitioner found");
        browser.Click("a", "All free times with Dr Flore Navigateur");
        browser.Find("h1", "Free times with Dr Flore Navigateur");
        var firstTime = browser.Find("a.slot");
        var chosen = firstTime.GetAttribute("aria-label")!;
        firstTime.Click();

        // Booking needs a patient: the development sign-in comes first, then the form.
        browser.Find("h1", "Sign in");
        browser.Type("#f-subject", "web-patient-1");
        browser.Click("button", "Sign in");
        browser.Find("h1", "Book this appointment");
        browser.Find(".account", "web-patient-1");
        Assert.Contains(chosen.Split(", ", 2)[1], browser.Find(".summary").Text, StringComparison.Ordinal);

        // A phone the API refuses: its problem is shown, and the field says what is wrong.
        FillBookingForm(browser, phone: "12");
        browser.Click("button", "Book this appointment");
        var problem = browser.Find(".problem[role=alert]");
        Assert.Contains("patient.phone", ProblemFields(browser), StringComparer.Ordinal);
        Assert.Equal("true", browser.Find("#f-patient-phone").GetAttribute("aria-invalid"));
        Assert.False(string.IsNullOrWhiteSpace(browser.Find("#f-patient-phone-error").Text));
        Assert.Contains("Phone", problem.Text, StringComparison.Ordinal);

        browser.Type("#f-patient-phone", "06 12 34 56 78");
        browser.Click("button", "Book this appointment");
        browser.WaitForStatus("Appointment booked");
        browser.Find("h1", "Your appointment");
        var appointmentId = Uri.UnescapeDataString(browser.Url.Split("#/appointments/")[1]);
        var booked = await AppointmentAsync(appointmentId);
        Assert.Equal("confirmed", booked["status"]!.GetValue<string>());
        Assert.Equal("Léa", booked["patient"]!["firstName"]!.GetValue<string>());
        Assert.True(booked["consent"]!["email"]!.GetValue<bool>());
        Assert.False(booked["consent"]!["sms"]!.GetValue<bool>());

        // My appointments lists it; reschedule to another time.
        browser.Click("nav a", "My appointments");
        browser.Find("h1", "My appointments");
        var card = browser.Find("article.appointment", "Confirmed");
        Assert.Contains("Dr Flore Navigateur", card.Text, StringComparison.Ordinal);
        browser.Click("a.button", "Reschedule");
        browser.Find("h1", "Choose a new time");
        var newTime = browser.FindAll("button.slot")[1];
        var newLabel = newTime.GetAttribute("aria-label")!;
        newTime.Click();
        browser.Click("button", "Move my appointment");
        browser.WaitForStatus("Appointment moved to");
        var moved = await AppointmentAsync(appointmentId);
        Assert.NotEqual(booked["start"]!.GetValue<string>(), moved["start"]!.GetValue<string>());
        Assert.Contains(newLabel.Split(", ", 2)[1], browser.Find("article.appointment h2").Text, StringComparison.Ordinal);

        // Cancel, after confirming.
        browser.Click("button", "Cancel appointment");
        browser.Click("button", "Yes, cancel it");
        browser.WaitForStatus("cancelled");
        browser.Find(".badge.cancelled", "Cancelled");
        Assert.Equal("cancelled", (await AppointmentAsync(appointmentId))["status"]!.GetValue<string>());
        Assert.Empty(browser.FindAll("button.danger"));
    }

    [Fact]
    public async Task ASlotTakenMeanwhileShowsTheProblemAndALinkToOtherTimes()
    {
        var practitioner = await Scenario.PractitionerAsync(web.Api, name: "Dr Tom Concurrent");
        using var browser = new Browser();
        browser.Open(web.Origin + "/#/?city=Évry");
        browser.Click("a", "All free times with Dr Tom Concurrent");
        var slot = browser.Find("a.slot");
        slot.Click();
        browser.Type("#f-subject", "web-patient-late");
        browser.Click("button", "Sign in");
        browser.Find("h1", "Book this appointment");

        // Someone else books that time first.
        var slotId = Uri.UnescapeDataString(browser.Url.Split("#/book/")[1]);
        var other = await web.Api.TokenAsync("web-patient-early", "patient");
        Assert.Equal(HttpStatusCode.Created, (await web.Api.PostAsync("/api/appointments", Scenario.Booking(slotId), other, "early-1")).Status);

        FillBookingForm(browser, phone: "0612345678");
        browser.Click("button", "Book this appointment");
        var problem = browser.Find(".problem[role=alert]");
        Assert.False(string.IsNullOrWhiteSpace(problem.FindElement(OpenQA.Selenium.By.CssSelector(".problem-title")).Text));
        browser.Click(".problem a", "Choose another time");
        browser.Find("h1", "Free times with Dr Tom Concurrent");
        Assert.Contains($"/practitioners/{practitioner.Id}/slots", Uri.UnescapeDataString(browser.Url), StringComparison.Ordinal);
    }

    internal static void FillBookingForm(Browser browser, string phone)
    {
        browser.Type("#f-patient-firstName", "Léa");
        browser.Type("#f-patient-lastName", "Navigatrice");
        browser.Type("#f-patient-email", "lea.navigatrice@example.org");
        browser.Type("#f-patient-phone", phone);
        browser.Type("#f-patient-birthDate", "1980-02-29");
        browser.Type("#f-reason", "Suivi");
        if (!browser.Find("#f-consent-email").Selected)
        {
            browser.Find("#f-consent-email").Click();
        }
    }

    private static List<string> ProblemFields(Browser browser) =>
        browser.FindAll("[aria-invalid=true]").Select(e => e.GetAttribute("name")!).ToList();

    private async Task<System.Text.Json.Nodes.JsonNode> AppointmentAsync(string appointmentId)
    {
        var ops = await web.Api.TokenAsync("ops-web", "operator");
        var reply = await web.Api.GetAsync($"/api/appointments/{Uri.EscapeDataString(appointmentId)}", ops);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Body;
    }
}

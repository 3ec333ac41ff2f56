using Booking.DevHost.Tests;
using OpenQA.Selenium;

namespace Booking.Web.Tests;

/// <summary>
/// Booking with the keyboard only (Tab, typing, Space, Enter: every control reachable in order, each with a visible
/// focus ring), and on every screen labelled controls and no axe-core WCAG 2.1 A/AA violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardAndAccessibilityTests(WebHost web) : IClassFixture<WebHost>
{
    [Fact]
    public async Task APatientBooksWithTheKeyboardAloneAndEveryScreenIsLabelledAndPassesAxe()
    {
        await Scenario.PractitionerAsync(web.Api, name: "Dr Clément Clavier");
        using var browser = new Browser();
        browser.Open(web.Origin + "/");
        browser.Find("h1", "Find a practitioner");
        CheckScreen(browser);

        browser.TabTo("a.skip");
        browser.TabTo("#f-city").SendKeys("evry");
        browser.Press(Keys.Enter);
        browser.Find("h3", "Dr Clément Clavier");
        CheckScreen(browser);

        browser.TabTo("a", "All free times with Dr Clément Clavier");
        browser.Press(Keys.Enter);
        browser.Find("h1", "Free times with Dr Clément Clavier");
        CheckScreen(browser);

        browser.TabTo("a.slot");
        browser.Press(Keys.Enter);
        browser.Find("h1", "Sign in");
        CheckScreen(browser);
        browser.TabTo("#f-subject").SendKeys("keyboard-patient");
        browser.Press(Keys.Enter);
        browser.Find("h1", "Book this appointment");
        CheckScreen(browser);

        browser.TabTo("#f-patient-firstName").SendKeys("Kim");
        browser.TabTo("#f-patient-lastName").SendKeys("Clavier");
        browser.TabTo("#f-patient-email").SendKeys("kim.clavier@example.org");
        browser.TabTo("#f-patient-phone").SendKeys("0699887766");
        browser.TabTo("#f-patient-birthDate").SendKeys("1990-07-14");
        browser.TabTo("#f-consent-sms");
        browser.Press(Keys.Space);
        browser.TabTo("button[type=submit]", "Book this appointment");
        browser.Press(Keys.Enter);
        browser.WaitForStatus("Appointment booked");
        browser.Find("h1", "Your appointment");
        CheckScreen(browser);

        browser.TabTo("nav a", "My appointments");
        browser.Press(Keys.Enter);
        browser.Find("article.appointment", "Confirmed");
        CheckScreen(browser);
        browser.TabTo("button.danger", "Cancel appointment");
        browser.Press(Keys.Enter);
        browser.TabTo("button.danger", "Yes, cancel it");
        browser.Press(Keys.Enter);
        browser.Find(".badge.cancelled", "Cancelled");
        CheckScreen(browser);
    }

    [Fact]
    public async Task AProblemWithFieldsIsAnnouncedAndEachFieldIsLinkedToItsMessage()
    {
        await Scenario.PractitionerAsync(web.Api, name: "Dr Inès Erreur");
        using var browser = new Browser();
        browser.Open(web.Origin + "/#/?city=evry");
        browser.Click("a", "All free times with Dr Inès Erreur");
        browser.Find("a.slot").Click();
        browser.Type("#f-subject", "problem-patient");
        browser.Click("button", "Sign in");
        browser.Click("button", "Book this appointment");

        var problem = browser.Find(".problem[role=alert]");
        var invalid = browser.FindAll("[aria-invalid=true]");
        Assert.NotEmpty(invalid);
        Assert.All(invalid, field =>
        {
            var message = browser.Driver.FindElement(By.Id(field.GetAttribute("id") + "-error"));
            Assert.Contains(message.GetAttribute("id")!, field.GetAttribute("aria-describedby")!.Split(' '));
        });
        CheckScreen(browser);

        // The summary's links take the focus to their field.
        problem.FindElements(By.CssSelector("a")).First(a => a.Text.StartsWith("First name", StringComparison.Ordinal)).Click();
        Assert.Equal("f-patient-firstName", browser.ActiveElement.GetAttribute("id"));
    }

    private static void CheckScreen(Browser browser)
    {
        Accessibility.AssertEveryControlIsLabelled(browser);
        Accessibility.AssertNoAxeViolations(browser);
    }
}

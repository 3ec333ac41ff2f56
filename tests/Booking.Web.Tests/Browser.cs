using System.Drawing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;

namespace Booking.Web.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by its chromedriver (both installed by scripts/test.sh), with a fresh profile
/// and nothing that calls out: the network here is closed, and without the background-networking switches Chromium
/// fails on it. A missing browser fails the test; it never skips it.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";
    public static readonly Size Desktop = new(1280, 800);
    public static readonly Size Phone = new(360, 780);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _profile = Path.Combine(Path.GetTempPath(), "booking-web-tests", Guid.NewGuid().ToString("N"));

    public Browser(Size? size = null)
    {
        foreach (var path in new[] { ChromiumPath, ChromeDriverPath })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{path} is missing: install Debian's chromium and chromium-driver (scripts/test.sh does).");
            }
        }

        var window = size ?? Desktop;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--lang=en-GB", $"--window-size={window.Width},{window.Height}", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    public string Url => Driver.Url;

    public IWebElement ActiveElement => Driver.SwitchTo().ActiveElement();

    public void Open(string url) => Driver.Navigate().GoToUrl(url);

    /// <summary>Sets the viewport (not the window) to <paramref name="size"/>, as a phone or a desktop shows the page.</summary>
    public void Resize(Size size)
    {
        Driver.Manage().Window.Size = size;
        var inner = (IReadOnlyCollection<object>)Script("return [window.innerWidth, window.innerHeight];")!;
        var (width, height) = (Convert.ToInt32(inner.First(), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(inner.Last(), System.Globalization.CultureInfo.InvariantCulture));
        if (width != size.Width || height != size.Height)
        {
            Driver.Manage().Window.Size = new Size(size.Width * 2 - width, size.Height * 2 - height);
        }
    }

    /// <summary>Waits until <paramref name="css"/> matches a displayed element, and returns it.</summary>
    public IWebElement Find(string css) =>
        Until(() => Driver.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed), $"an element {css}");

    /// <summary>Waits until an element <paramref name="css"/> whose text contains <paramref name="text"/> is displayed.</summary>
    public IWebElement Find(string css, string text) =>
        Until(() => Driver.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed && e.Text.Contains(text, StringComparison.Ordinal)),
            $"an element {css} with the text \"{text}\"");

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css)).Where(e => e.Displayed).ToList();

    /// <summary>Waits until the live status region says something containing <paramref name="text"/>.</summary>
    public void WaitForStatus(string text) => Find("#status", text);

    public T Until<T>(Func<T?> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (probe() is { } found)
                {
                    return found;
                }
            }
            catch (StaleElementReferenceException stale)
            {
                last = stale;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"Waited {Patience.TotalSeconds:0} s for {what} on {Driver.Url}.{Environment.NewLine}Page text: {PageText()}", last);
    }

    public void Type(string css, string text)
    {
        var input = Find(css);
        input.Clear();
        input.SendKeys(text);
    }

    public void Click(string css, string text) => Find(css, text).Click();

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    public void Press(string keys) => new Actions(Driver).SendKeys(keys).Perform();

    /// <summary>
    /// Presses Tab until the focused element matches <paramref name="css"/> (at most 80 times), checking on the way
    /// that every element Tab reaches shows a focus indicator.
    /// </summary>
    public IWebElement TabTo(string css, string? text = null)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            Press(Keys.Tab);
            var focused = ActiveElement;
            if (focused.TagName == "body")
            {
                continue; // Tab past the last control leaves the page for a moment (the browser's own UI, headless)
            }

            AssertFocusIsVisible(focused);
            if ((bool)Script("return arguments[0].matches(arguments[1]);", focused, css)!
                && (text is null || focused.Text.Contains(text, StringComparison.Ordinal) || (focused.GetAttribute("aria-label") ?? "").Contains(text, StringComparison.Ordinal)))
            {
                return focused;
            }
        }

        throw new InvalidOperationException($"Tab never reached {css}{(text is null ? "" : $" \"{text}\"")} on {Driver.Url}.");
    }

    /// <summary>A focused element must draw an outline of at least 2 px (the app's :focus-visible ring).</summary>
    public void AssertFocusIsVisible(IWebElement focused)
    {
        var ring = (string)Script(
            "const s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + parseFloat(s.outlineWidth);", focused)!;
        var parts = ring.Split(' ');
        Assert.True(parts[0] != "none" && double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) >= 2,
            $"No visible focus on <{focused.TagName}> \"{focused.Text}\" ({ring}) at {Driver.Url}");
    }

    public string PageText() => Driver.FindElements(By.TagName("body")).FirstOrDefault()?.Text ?? "(no body)";

    public void SaveScreenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Driver.GetScreenshot().SaveAsFile(path);
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temporary folder is left behind.
        }
    }
}

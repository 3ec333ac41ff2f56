using System.Reflection;
using System.Text.Json;

namespace Booking.Web.Tests;

/// <summary>
/// Basic accessibility checks on the page a browser shows: every form control has a label, and axe-core (the
/// script embedded in Deque.AxeCore.Commons, injected into the page; nothing is downloaded) finds no WCAG 2.1 A/AA
/// violation, colour contrast included.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeScript = new(() =>
    {
        var assembly = Assembly.Load("Deque.AxeCore.Commons");
        using var stream = assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not embedded in Deque.AxeCore.Commons.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void AssertEveryControlIsLabelled(Browser browser)
    {
        var unlabelled = (IReadOnlyCollection<object>)browser.Script("""
            return [...document.querySelectorAll('input, select, textarea, button, a[href]')]
              .filter(e => e.offsetParent !== null || e === document.activeElement)
              .filter(e => {
                if (e.matches('input, select, textarea')) {
                  return e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby');
                }
                return !(e.getAttribute('aria-label') || e.textContent.trim());
              })
              .map(e => e.outerHTML.slice(0, 120));
            """)!;

        Assert.True(unlabelled.Count == 0, $"Controls without a label at {browser.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, unlabelled)}");
    }

    public static void AssertNoAxeViolations(Browser browser)
    {
        browser.Script(AxeScript.Value);
        var json = (string)browser.Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
              .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) })))))
              .catch(e => done(JSON.stringify([{ id: 'axe-failed', help: String(e) }])));
            """)!;

        using var violations = JsonDocument.Parse(json);
        Assert.True(violations.RootElement.GetArrayLength() == 0, $"axe-core at {browser.Url}:{Environment.NewLine}{json}");
    }

    /// <summary>Nothing wider than the viewport: no sideways scrolling (at 360 px, a phone).</summary>
    public static void AssertNoHorizontalScroll(Browser browser)
    {
        var widths = (IReadOnlyCollection<object>)browser.Script("return [document.documentElement.scrollWidth, window.innerWidth];")!;
        Assert.True(Convert.ToInt64(widths.First(), System.Globalization.CultureInfo.InvariantCulture) <= Convert.ToInt64(widths.Last(), System.Globalization.CultureInfo.InvariantCulture),
            $"The page scrolls sideways at {browser.Url}: {string.Join(" > ", widths)}");
    }
}

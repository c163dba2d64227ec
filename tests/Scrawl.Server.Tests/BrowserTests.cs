using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace Scrawl.Server.Tests;

/// <summary>A fact that needs Debian's chromium and chromium-driver; skipped, saying so, only where they are not installed (CI installs them).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            Skip = $"needs Debian's chromium and chromium-driver ({Browser}, {Driver}): apt-get install -y chromium chromium-driver (.ci/run installs them)";
        }
    }
}

/// <summary>
/// The page in a real browser (headless Chromium through its WebDriver): upload the shipped sample and wait for its text, its boxes and a
/// character's alternatives (by keyboard focus and by hover); read it again dropped and pasted; draw an L on the canvas and wait for the top
/// five; then at a phone's width nothing overflows, Tab reaches the file input, and the console holds no errors. With SCRAWL_SCREENSHOT set
/// to a PNG path, it saves the page after the drawing.
/// </summary>
public sealed class BrowserTests
{
    [ChromiumFact]
    public async Task The_page_reads_the_uploaded_sample_and_classifies_a_drawn_character()
    {
        await using var host = await TestHost.StartAsync(new ServerOptions { MaxConcurrency = 2 });
        using var driver = Chrome();
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(90));
        driver.Navigate().GoToUrl(host.Server.Addresses[0]);
        wait.Until(d => d.FindElements(By.CssSelector("#model option")).Count > 0); // the page asked /v1/info

        driver.FindElement(By.Id("file")).SendKeys(TestHost.RepositoryFile("samples/sample-page.jpg"));
        var text = driver.FindElement(By.Id("text"));
        wait.Until(_ => text.GetDomProperty("value") is { Length: > 0 });
        Assert.Equal(TestHost.Truth, TestHost.Normalize(text.GetDomProperty("value")!));
        int characters = TestHost.Truth.Count(c => !char.IsWhiteSpace(c));
        Assert.Equal(characters, driver.FindElements(By.CssSelector("#boxes rect.char")).Count);
        Assert.Equal(5, driver.FindElements(By.CssSelector("#boxes rect.line")).Count);
        Assert.Contains("Read " + characters + " characters in 5 lines", driver.FindElement(By.Id("status")).Text, StringComparison.Ordinal);

        // Keyboard: focusing a character button shows its alternatives; so does hovering its box.
        var buttons = driver.FindElements(By.CssSelector("#characters button"));
        Assert.Equal(characters, buttons.Count);
        ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].focus()", buttons[0]);
        Assert.StartsWith("S: ", driver.FindElement(By.Id("alternatives")).Text, StringComparison.Ordinal);
        Assert.Contains("alternatives S ", driver.FindElement(By.Id("alternatives")).Text, StringComparison.Ordinal);
        new Actions(driver).MoveToElement(driver.FindElements(By.CssSelector("#boxes rect.char"))[1]).Perform();
        wait.Until(d => d.FindElement(By.Id("alternatives")).Text.StartsWith("H: ", StringComparison.Ordinal));

        // Drop and paste: the sample again as a dropped file and as a pasted image (synthetic events carrying a real File).
        foreach (string send in new[] { DropScript, PasteScript })
        {
            ((IJavaScriptExecutor)driver).ExecuteScript("document.getElementById('text').value = ''");
            ((IJavaScriptExecutor)driver).ExecuteScript(send, Convert.ToBase64String(TestHost.Sample));
            wait.Until(_ => text.GetDomProperty("value") is { Length: > 0 });
            Assert.Equal(TestHost.Truth, TestHost.Normalize(text.GetDomProperty("value")!));
        }

        // Draw an L: down the left, then along the bottom (offsets from the canvas's centre).
        var pad = driver.FindElement(By.Id("pad"));
        ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].scrollIntoView({block: 'center'})", pad);
        var draw = new Actions(driver).MoveToElement(pad, -45, -95).ClickAndHold();
        for (int i = 0; i < 6; i++)
        {
            draw = draw.MoveByOffset(0, 30);
        }

        for (int i = 0; i < 4; i++)
        {
            draw = draw.MoveByOffset(25, 0);
        }

        draw.Release().Perform();
        // The list is redrawn by every answer; read it in one call once the answer for the finished drawing is in (aria-busy false).
        var top = wait.Until(d => ((IJavaScriptExecutor)d).ExecuteScript(
            "const top = document.getElementById('top'); return top.getAttribute('aria-busy') === 'false' ? [...top.querySelectorAll('li .label')].map((l) => l.textContent) : null;")
            is IReadOnlyCollection<object> labels ? labels.Select(l => (string)l).ToList() : null)!;
        Assert.Equal(5, top.Count);
        Assert.Equal(5, top.Distinct().Count());
        Assert.Contains("L", top);

        if (Environment.GetEnvironmentVariable("SCRAWL_SCREENSHOT") is { Length: > 0 } screenshot)
        {
            ((IJavaScriptExecutor)driver).ExecuteScript("window.scrollTo(0, 0)");
            driver.GetScreenshot().SaveAsFile(screenshot);
        }

        // Phone-sized: at 390 px wide nothing sticks out sideways (one column, wrapped buttons, the pad fits).
        driver.Manage().Window.Size = new System.Drawing.Size(390, 844);
        wait.Until(d => (long)((IJavaScriptExecutor)d).ExecuteScript("return window.innerWidth")! <= 420);
        long overflow = (long)((IJavaScriptExecutor)driver).ExecuteScript("return document.documentElement.scrollWidth - window.innerWidth")!;
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a phone's screen");

        // Keyboard: Tab from the drop zone reaches the hidden file input, whose label shows the focus.
        driver.FindElement(By.Id("drop")).SendKeys(Keys.Tab);
        Assert.Equal("file", driver.SwitchTo().ActiveElement().GetDomProperty("id"));

        var errors = driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= OpenQA.Selenium.LogLevel.Severe).Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, "browser console errors: " + string.Join(" | ", errors));
    }

    private const string SampleFile = """
        const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'sample.jpg', { type: 'image/jpeg' }));
        """;

    private const string DropScript = SampleFile + "document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));";

    private const string PasteScript = SampleFile + "document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));";

    private static ChromeDriver Chrome()
    {
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        // Tall enough for the whole page when a screenshot is asked for (a phone-width page is checked by the layout's own media query).
        string size = Environment.GetEnvironmentVariable("SCRAWL_SCREENSHOT") is { Length: > 0 } ? "1100,1720" : "1200,1400";
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={size}", "--lang=en-US");
        options.SetLoggingPreference(LogType.Browser, OpenQA.Selenium.LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
    }
}

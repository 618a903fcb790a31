package org.drgaudit.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver over WebDriver: one fresh browser (own profile and
 * download folder) per signed-in user. Nothing is downloaded: the binaries are the packages' ({@code apt-get install
 * chromium chromium-driver}); {@link #available()} says whether they are installed.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    final Path downloads;
    final String base;
    private final Path profile;

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser(String base, int height) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        try {
            profile = Files.createTempDirectory("drgaudit-chromium-");
            downloads = Files.createTempDirectory("drgaudit-downloads-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage", "--lang=zh-CN",
                "--user-data-dir=" + profile, "--window-size=1366," + height);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("plugins.always_open_pdf_externally", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, height));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    Browser(String base) {
        this(base, 768);
    }

    /** Opens the page and signs in through the login form. */
    Browser login(String user, String password) {
        open("/#/login");
        WebElement name = waitFor(By.id("login-user"));
        name.clear();
        name.sendKeys(user);
        WebElement pass = driver.findElement(By.id("login-password"));
        pass.clear(); // after a refused login the form keeps the page (and the typed password) when the route is the same
        pass.sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        return this;
    }

    Browser login(String user) {
        login(user, user);
        waitFor(By.id("logout"));
        waitForText(By.cssSelector("main h1"), "工作台");
        return this;
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Goes to a route of the single-page application and waits until its page has rendered. */
    void go(String hashRoute) {
        js("document.getElementById('main').dataset.ready = 'stale'; location.hash = arguments[0];", hashRoute);
        waitUntilRendered();
    }

    /** Waits until the page the router is drawing is complete (main.js marks it). */
    void waitUntilRendered() {
        wait(Duration.ofSeconds(30)).until(d -> "true".equals(js("return document.getElementById('main').dataset.ready")));
    }

    /** Clicks something that makes the page draw itself again (an action that succeeded), or shows an error. */
    void clickAndWait(By by) {
        WebElement e = wait(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by));
        js("document.getElementById('main').dataset.ready = 'stale'");
        e.click();
        wait(Duration.ofSeconds(30)).until(d -> "true".equals(js("return document.getElementById('main').dataset.ready"))
                || !d.findElements(By.cssSelector("main .alert.error")).isEmpty());
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriverWait wait(Duration d) {
        return new WebDriverWait(driver, d);
    }

    WebElement waitFor(By by) {
        return wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    String text(By by) {
        return waitFor(by).getText();
    }

    String mainText() {
        return driver.findElement(By.id("main")).getText();
    }

    void click(By by) {
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    void type(By by, String text) {
        WebElement e = waitFor(by);
        e.clear();
        e.sendKeys(text);
    }

    void choose(By select, String value) {
        new Select(waitFor(select)).selectByValue(value);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Waits for a finished download (no .crdownload part left) and answers its path. */
    Path downloaded(String suffix) {
        return wait(Duration.ofSeconds(30)).until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** A screenshot of the current page, written to the given file. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        deleteQuietly(profile);
        deleteQuietly(downloads);
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}

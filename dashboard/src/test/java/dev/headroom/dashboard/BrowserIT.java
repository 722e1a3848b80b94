package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}, driven by
 * Selenium with the system driver; nothing is downloaded): charts move with the event stream, the table
 * fills, the what-if form answers. Screenshots go to {@code target/it-artifacts/}.
 */
class BrowserIT {
    private static DashboardServer server;
    private ChromeDriver driver;
    private Path profile;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.config().withSampleIntervalMillis(500));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
        ExternalProcess.deleteTree(profile);
    }

    private ChromeDriver browser(int width, int height) throws Exception {
        profile = Files.createTempDirectory("headroom-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private long samplesSeen() {
        Object v = js("return Number(document.body.dataset.samples || 0)");
        return ((Number) v).longValue();
    }

    @Test
    void chartsFollowTheEventStreamAndTheWhatIfFormAnswers() throws Exception {
        browser(1280, 2000).get(server.url());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> samplesSeen() >= 2);
        WebElement cpu = driver.findElement(By.id("chart-cpu"));
        String firstT = cpu.getDomAttribute("data-last-t");
        long firstSamples = samplesSeen();
        wait.until(d -> samplesSeen() >= firstSamples + 3);
        assertThat(cpu.getDomAttribute("data-last-t")).as("the CPU chart moved on").isNotEqualTo(firstT);
        assertThat(Integer.parseInt(driver.findElement(By.id("chart-mem")).getDomAttribute("data-points"))).isGreaterThan(3);
        assertThat(driver.findElement(By.id("status")).getDomAttribute("data-state")).isEqualTo("live");
        assertThat(driver.findElement(By.id("cpu-now")).getText()).endsWith("%");
        assertThat(driver.findElement(By.id("mem-now")).getText()).contains("GiB free of");
        // Two captured GPUs, one chart each.
        assertThat(driver.findElements(By.cssSelector("#gpus canvas"))).hasSize(2);
        assertThat(driver.findElement(By.id("host")).getText()).contains("GeForce GTX 1060 3GB");

        List<WebElement> rows = driver.findElements(By.cssSelector("#fit-table tbody tr"));
        assertThat(rows).hasSize(server.sampler().state().fit().rows().size());
        assertThat(driver.findElement(By.cssSelector("#fit-table tr[data-model='gpt-2']")).getDomAttribute("class")).contains("fits");

        wait.until(d -> new Select(d.findElement(By.id("f-model"))).getOptions().size() > 3);
        new Select(driver.findElement(By.id("f-model"))).selectByValue("llama-3-8b");
        new Select(driver.findElement(By.id("f-quant"))).selectByValue("Q8_0");
        WebElement context = driver.findElement(By.id("f-context"));
        context.clear();
        context.sendKeys("8192");
        driver.findElement(By.id("f-submit")).click();
        wait.until(d -> d.findElement(By.id("whatif-result")).isDisplayed());
        assertThat(driver.findElement(By.id("r-summary")).getText()).contains("llama-3-8b").contains("Q8_0").contains("8192 tokens");
        assertThat(driver.findElement(By.id("r-total")).getText()).endsWith("GiB");
        assertThat(driver.findElements(By.cssSelector("#r-bar span:not(.budget)"))).hasSizeGreaterThanOrEqualTo(3);
        // this host's captured GPUs (GTX 1060 3GB) are not in the accelerator catalog: their speed is "unknown", never CPU ceilings
        assertThat(driver.findElement(By.id("r-decode")).getText()).satisfiesAnyOf(
                t -> assertThat(t).endsWith("tok/s"), t -> assertThat(t).isEqualTo("–"), t -> assertThat(t).isEqualTo("unknown"));
        assertThat(driver.findElement(By.id("whatif-error")).isDisplayed()).isFalse();
        // the same what-if on a named device: the advisor's described machine, with speeds
        driver.findElement(By.id("f-device")).sendKeys("RTX 4090");
        driver.findElement(By.id("f-submit")).click();
        wait.until(d -> d.findElement(By.id("r-summary")).getText().contains("RTX 4090"));
        assertThat(driver.findElement(By.id("r-decode")).getText()).endsWith("tok/s");
        assertThat(driver.findElement(By.id("r-verdict")).getText()).startsWith("Fits: GPU");
        Thread.sleep(1200); // let the charts draw a few more points before the picture
        Files.write(ExternalProcess.artifacts().resolve("dashboard.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** app.js's natural order, as people read model names: bloom-7b1 before bloom-176b, case ignored. */
    static final java.util.Comparator<String> NATURAL = (a, b) -> {
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("\\d+|\\D+").matcher(a.toLowerCase(java.util.Locale.ROOT));
        java.util.regex.Matcher y = java.util.regex.Pattern.compile("\\d+|\\D+").matcher(b.toLowerCase(java.util.Locale.ROOT));
        while (x.find() && y.find()) {
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        int n = 0;
        int m = 0;
        for (x.reset(); x.find(); ) {
            n++;
        }
        for (y.reset(); y.find(); ) {
            m++;
        }
        return Integer.compare(n, m);
    };

    @SuppressWarnings("unchecked")
    private List<Object> visible(String key) {
        return (List<Object>) js("return Array.from(document.querySelectorAll('#fit-table tbody tr'))"
                + ".filter((r) => !r.hidden).map((r) => r.sortValues['" + key + "'])");
    }

    @Test
    void theTableSortsByAnyColumnAndFiltersBySearchAndFit() throws Exception {
        browser(1280, 2000).get(server.url());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.cssSelector("#fit-table tbody tr")).isEmpty());
        int total = driver.findElements(By.cssSelector("#fit-table tbody tr")).size();

        WebElement needs = driver.findElement(By.cssSelector("#fit-table th[data-key='needs'] button"));
        needs.click();
        assertThat(driver.findElement(By.cssSelector("#fit-table th[data-key='needs']")).getDomAttribute("aria-sort")).isEqualTo("descending");
        List<Double> bytes = visible("needs").stream().map(v -> ((Number) v).doubleValue()).toList();
        assertThat(bytes).hasSize(total).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        needs.click();
        assertThat(visible("needs").stream().map(v -> ((Number) v).doubleValue()).toList()).isSorted();

        driver.findElement(By.cssSelector("#fit-table th[data-key='model'] button")).click();
        List<String> names = visible("model").stream().map(String::valueOf).toList();
        assertThat(names).isSortedAccordingTo(NATURAL);
        // The order survives the next fit update from the event stream. A live update comes only when free memory
        // moves by 64 MiB, which a quiet CI machine may not do within the wait; so the page's own event handler is
        // fed the next table (the server's /api/fit with the version bumped), as the stream would deliver it.
        String version = driver.findElement(By.id("fit-table")).getDomAttribute("data-version");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/fit').then((r) => r.json()).then((f) => { f.version = f.version + 1000; onFit(f); done(true); });");
        wait.until(d -> !String.valueOf(d.findElement(By.id("fit-table")).getDomAttribute("data-version")).equals(version));
        assertThat(visible("model").stream().map(String::valueOf).toList()).isSortedAccordingTo(NATURAL);

        driver.findElement(By.id("fit-search")).sendKeys("llama 8b");
        List<String> found = visible("model").stream().map(String::valueOf).toList();
        assertThat(found).isNotEmpty().hasSizeLessThan(total).allSatisfy(m -> assertThat(m).contains("llama").contains("8b"));
        assertThat(driver.findElement(By.id("fit-count")).getText()).isEqualTo(found.size() + " of " + total + " shown");
        driver.findElement(By.id("fit-search")).clear();
        driver.findElement(By.id("fit-search")).sendKeys(" ");
        driver.findElement(By.id("fit-only")).click();
        // Read in one script: the event stream re-renders the rows, so element handles go stale.
        @SuppressWarnings("unchecked")
        List<String> classes = (List<String>) js("return Array.from(document.querySelectorAll('#fit-table tbody tr'))"
                + ".filter((r) => !r.hidden).map((r) => r.className)");
        assertThat(classes).isNotEmpty().allSatisfy(c -> assertThat(c).contains("fits").doesNotContain("nofit"));
        Files.write(ExternalProcess.artifacts().resolve("dashboard-sorted.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void onAPhoneScreenNothingOverflowsSideways() throws Exception {
        browser(390, 2400).get(server.url());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> samplesSeen() >= 2);
        wait.until(d -> !d.findElements(By.cssSelector("#fit-table tbody tr")).isEmpty());
        long pageWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long viewport = ((Number) js("return window.innerWidth")).longValue();
        assertThat(pageWidth).as("page width on a 390 px screen").isLessThanOrEqualTo(viewport);
        Files.write(ExternalProcess.artifacts().resolve("dashboard-phone.png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}

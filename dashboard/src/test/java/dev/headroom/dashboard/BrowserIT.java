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
        assertThat(driver.findElement(By.id("r-decode")).getText()).satisfiesAnyOf(
                t -> assertThat(t).endsWith("tok/s"), t -> assertThat(t).isEqualTo("–"));
        assertThat(driver.findElement(By.id("whatif-error")).isDisplayed()).isFalse();
        Thread.sleep(1200); // let the charts draw a few more points before the picture
        Files.write(ExternalProcess.artifacts().resolve("dashboard.png"), driver.getScreenshotAs(OutputType.BYTES));
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

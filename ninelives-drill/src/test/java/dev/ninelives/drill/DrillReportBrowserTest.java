package dev.ninelives.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report of a real drill, opened from its file in Debian's headless chromium through
 * chromedriver, with the network unreachable: its five charts render with content and the
 * browser logs no console error. Leaves a screenshot in {@code target/drill-report.png}.
 *
 * <p>{@code -Ddrill.report=FILE} checks an existing report instead of running a drill, and
 * {@code -Ddrill.screenshot=FILE} writes the screenshot there too (that is how
 * docs/images/drill-report.png is made).
 */
class DrillReportBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final List<String> CHARTS = List.of("chart-success", "chart-latency", "chart-served",
      "chart-breakers", "chart-calls");

  @TempDir
  Path work;

  @Test
  void theReportRendersItsChartsWithoutConsoleErrors() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!installed && "true".equals(System.getenv("CI"))) {
      Assertions.fail("chromium and chromedriver must be installed (.ci/run installs them)");
    }
    Assumptions.assumeTrue(installed, "needs /usr/bin/chromium and /usr/bin/chromedriver "
        + "(apt-get install chromium chromium-driver)");

    Path html;
    String given = System.getProperty("drill.report");
    if (given != null) {
      html = Path.of(given).toAbsolutePath();
    } else {
      try (Drill drill = Drill.prepare(BuiltInScenarios.get("total-outage"),
          DrillOptions.defaults().withLength(Duration.ofSeconds(12)))) {
        html = Reports.write(drill.run(DrillProgress.NONE), work.resolve("report"));
      }
    }

    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Flags that keep chromium from reaching for the network it does not have here.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + work.resolve("profile"));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    WebDriver browser = new ChromeDriver(service, options);
    try {
      browser.manage().window().setSize(new Dimension(1100, 1900));
      browser.get(html.toUri().toString());
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(b -> b.findElement(By.tagName("h1")).getText().startsWith("Drill: total-outage"));

      for (String id : CHARTS) {
        WebElement chart = browser.findElement(By.id(id));
        assertThat(chart.isDisplayed()).as(id).isTrue();
        assertThat(chart.getSize().getWidth()).as(id + " width").isGreaterThan(500);
        assertThat(chart.getSize().getHeight()).as(id + " height").isGreaterThan(60);
      }
      JavascriptExecutor js = (JavascriptExecutor) browser;
      assertThat(((Number) js.executeScript(
          "return document.querySelectorAll('#chart-success path.series').length")).intValue())
          .as("success lines: through the gateway and without it").isEqualTo(2);
      assertThat(((Number) js.executeScript(
          "return document.querySelector('#chart-success path.series').getTotalLength()")).doubleValue())
          .as("the success line is drawn across the chart").isGreaterThan(500);
      assertThat(((Number) js.executeScript(
          "return document.querySelectorAll('#chart-served rect:not(.phase)').length")).intValue())
          .as("stacked bars of who answered").isGreaterThan(40);
      assertThat(((Number) js.executeScript(
          "return document.querySelectorAll('#chart-breakers rect:not(.phase)').length")).intValue())
          .as("breaker state bands, open at least once").isGreaterThan(3);
      assertThat(((Number) js.executeScript(
          "return document.querySelectorAll('#chart-latency path.series, #chart-calls path.series').length"))
          .intValue()).isGreaterThanOrEqualTo(6);
      assertThat(browser.findElement(By.id("checks")).getText()).contains("success_rate");
      assertThat(browser.findElement(By.id("phases")).getText()).contains("latency climb", "503s", "recovery");

      List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
          .collect(Collectors.toList());
      assertThat(errors).as("console errors").isEmpty();

      byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
      Path target = Path.of("target", "drill-report.png");
      Files.createDirectories(target.getParent());
      Files.write(target, png);
      String copy = System.getProperty("drill.screenshot");
      if (copy != null) {
        Files.write(Path.of(copy), png);
      }
    } finally {
      browser.quit();
    }
  }
}

package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ninelives.core.time.ManualClock;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.SimulatedProvider;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser (Debian's headless chromium, driven through chromedriver):
 * it shows a provider going from healthy to unavailable and back without a reload, and the
 * browser logs no console error.
 */
class StatusPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir
  Path profile;

  @Test
  void pageFollowsAnOutageAndTheRecoveryWithoutAReload() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!installed && "true".equals(System.getenv("CI"))) {
      Assertions.fail("chromium and chromedriver must be installed (.ci/run installs them)");
    }
    Assumptions.assumeTrue(installed, "needs /usr/bin/chromium and /usr/bin/chromedriver "
        + "(apt-get install chromium chromium-driver)");

    ManualClock clock = new ManualClock();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Flags that keep chromium from reaching for the network it does not have here.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));

    try (SimulatedProvider primary = SimulatedProvider.builder("primary").start();
        SimulatedProvider secondary = SimulatedProvider.builder("secondary").start();
        TestGateway gw = TestGateway.builder().clock(clock)
            .provider(primary, "sk-p").provider(secondary, "sk-s")
            .route("chat", "primary/m1", "secondary/m2").start()) {
      WebDriver browser = new ChromeDriver(service, options);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(gw.url() + "/status");
        wait.until(b -> text(b).contains("All systems operational"));
        assertThat(text(browser)).contains("primary", "secondary", "Working normally");

        primary.setDefault(Fault.status(503));
        for (int i = 0; i < 20; i++) {
          gw.post(TestGateway.chatBody("chat", false));
        }
        wait.until(b -> text(b).contains("Unavailable")
            && text(b).contains("come from a backup provider"));
        assertThat(text(browser)).contains("primary/m1 is unavailable");

        primary.setDefault(Fault.none());
        clock.advance(Duration.ofSeconds(30)); // the breaker lets a trial through
        gw.post(TestGateway.chatBody("chat", false));
        clock.advance(Duration.ofSeconds(61)); // a healthy minute resolves the incident
        gw.post(TestGateway.chatBody("chat", false));
        wait.until(b -> !text(b).contains("Unavailable")
            && text(b).contains("All systems operational") && text(b).contains("Resolved"));

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .collect(Collectors.toList());
        assertThat(errors).as("console errors").isEmpty();
      } finally {
        browser.quit();
      }
    }
  }

  private static String text(WebDriver browser) {
    return browser.findElement(By.tagName("body")).getText();
  }
}

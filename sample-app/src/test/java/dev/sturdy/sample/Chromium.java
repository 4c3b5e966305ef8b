package dev.sturdy.sample;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operating system's headless Chromium and its driver, never one downloaded at run time:
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code chromium} and
 * {@code chromium-driver}), or {@code CHROMIUM} and {@code CHROMEDRIVER}. Where they are missing,
 * a test is skipped with how to install them, except in CI ({@code CI} set), where it fails.
 */
final class Chromium {

    private static final String INSTALL = "install them with: sudo apt-get install -y chromium chromium-driver "
            + "(or set CHROMIUM and CHROMEDRIVER to a Chromium and its chromedriver)";

    private Chromium() {
    }

    static ChromeDriver start() {
        Path browser = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(browser) || !Files.isExecutable(driver)) {
            String missing = "the browser test needs " + browser + " and " + driver + "; " + INSTALL;
            if (System.getenv("CI") != null) {
                Assertions.fail(missing);
            }
            Assumptions.abort(missing);
        }
        ChromeOptions options = new ChromeOptions().setBinary(browser.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}

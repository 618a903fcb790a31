package org.drgaudit.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.drgaudit.security.LoginThrottle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * 账户 in the browser, with an account of its own (webpw, an inspector) so that no demo password changes: a wrong
 * current password and a mistyped repetition are said in plain words, the change succeeds, the old password stops and
 * the new one signs in; too many wrong passwords lock the login with the wait (Retry-After) in words.
 */
@QuarkusTest
class WebAccountTest {

    static final String USER = "webpw";
    static final String INITIAL = "Initial-Web-1";
    static final String NEW = "Brand-New-Web-2";

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoginThrottle throttle;

    @BeforeAll
    static void browserInstalled() {
        Assumptions.assumeTrue(Browser.available(), "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not "
                + "installed (apt-get install -y chromium chromium-driver)");
    }

    @BeforeEach
    void account() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO app_user (username, password_hash, roles, display_name) VALUES (?, ?, 'inspector', '网页改密测试')
                     ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash""")) {
            ps.setString(1, USER);
            ps.setString(2, BcryptUtil.bcryptHash(INITIAL));
            ps.executeUpdate();
        }
        throttle.reset();
    }

    @AfterEach
    void forgetFailures() {
        throttle.reset();
    }

    @Test
    void aUserChangesItsPasswordAndTheOldOneStops() {
        try (Browser b = new Browser(base.toString()).login(USER, INITIAL)) {
            b.waitForText(By.cssSelector("main h1"), "工作台");
            b.click(By.id("who-user"));
            b.waitForText(By.cssSelector("main h1"), "账户");
            assertTrue(b.text(By.id("account-user")).contains(USER));

            b.type(By.id("current-password"), "not-the-password");
            b.type(By.id("new-password"), NEW);
            b.type(By.id("new-password-again"), NEW);
            b.click(By.id("change-password"));
            b.waitForText(By.id("password-status"), "当前密码不正确");

            b.type(By.id("current-password"), INITIAL);
            b.type(By.id("new-password-again"), NEW + "x");
            b.click(By.id("change-password"));
            b.waitForText(By.id("password-status"), "两次输入的新密码不一致");

            b.type(By.id("new-password"), "short");
            b.type(By.id("new-password-again"), "short");
            b.js("document.getElementById('new-password').removeAttribute('minlength')");
            b.click(By.id("change-password"));
            b.waitForText(By.id("password-status"), "请求有误");

            b.type(By.id("new-password"), NEW);
            b.type(By.id("new-password-again"), NEW);
            b.click(By.id("change-password"));
            b.waitForText(By.id("password-status"), "密码已修改");
            b.screenshot(WebInterfaceTest.SHOTS.resolve("account.png"));
            // the page keeps working with the new password
            b.go("#/findings");
            b.waitForText(By.cssSelector("main h1"), "疑点");
            b.click(By.id("logout"));
            b.login(USER, INITIAL);
            b.waitForText(By.cssSelector(".login .alert.error"), "用户名或密码不正确");
            b.login(USER, NEW);
            b.waitForText(By.cssSelector("main h1"), "工作台");
        }
    }

    @Test
    void tooManyWrongPasswordsLockTheLoginAndThePageSaysHowLongToWait() {
        try (Browser b = new Browser(base.toString())) {
            // five wrong passwords are free, the sixth locks the account for a second, each further one twice as long
            // (while locked, every login answers 429 unchecked): keep trying until the page says it is locked
            boolean locked = false;
            for (int i = 0; i < 12 && !locked; i++) {
                b.login(USER, "wrong-" + i);
                b.wait(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector(".login .alert.error")).isEmpty());
                locked = !b.all(By.id("login-throttled")).isEmpty();
            }
            assertTrue(locked, "the login is locked after repeated wrong passwords");
            String text = b.text(By.id("login-throttled"));
            assertTrue(text.contains("密码错误次数过多") && text.matches("(?s).*请在 (\\d+ 秒|约 \\d+ 分钟)后再试.*"), text);
            b.screenshot(WebInterfaceTest.SHOTS.resolve("login-throttled.png"));
        }
    }

    /**
     * Outside the demo an account still on its initial password gets no role: {@code GET /api/account} says
     * {@code mustChangePassword} and every other call answers 403 {@code Password change required} (docs/operations.md;
     * the service side is LoginTest's and ServiceCrashIT's). The test profile allows initial passwords, so here the page's
     * fetch is given exactly those answers until the real password change has gone through; the page must lead the user
     * to the change form, keep it there, and let it in once the change is made.
     */
    @Test
    void anAccountThatMustChangeItsInitialPasswordIsLedToTheChangeForm() {
        try (Browser b = new Browser(base.toString())) {
            b.open("/#/login");
            b.waitFor(By.id("login-user"));
            b.js("""
                    const real = window.fetch.bind(window);
                    let changed = false;
                    const json = (status, body, type) => Promise.resolve(new Response(JSON.stringify(body),
                        { status, headers: { 'Content-Type': type } }));
                    window.fetch = (url, init) => {
                      const u = String(url);
                      if (changed || u.startsWith('/api/account/password')) {
                        return real(url, init).then((r) => { if (u.startsWith('/api/account/password') && r.ok) changed = true; return r; });
                      }
                      if (u === '/api/account') {
                        return json(200, { username: arguments[0], roles: [], hospitalCode: null, mustChangePassword: true }, 'application/json');
                      }
                      if (u.startsWith('/api/')) {
                        return json(403, { title: 'Password change required', status: 403,
                          detail: 'Change the initial password first: POST /api/account/password' }, 'application/problem+json');
                      }
                      return real(url, init);
                    };
                    """.replace("arguments[0]", "'" + USER + "'"));
            b.type(By.id("login-user"), USER);
            b.type(By.id("login-password"), INITIAL);
            b.click(By.id("login-submit"));
            b.waitForText(By.cssSelector("main h1"), "修改初始密码");
            assertTrue(b.text(By.id("forced-change")).contains("仍在使用初始密码"));
            assertTrue(!b.driver.findElement(By.id("sidenav")).isDisplayed(), "no navigation until the password is changed");
            b.js("location.hash = '#/findings'");
            b.waitForText(By.cssSelector("main h1"), "修改初始密码");
            b.screenshot(WebInterfaceTest.SHOTS.resolve("password-change-required.png"));

            b.type(By.id("current-password"), INITIAL);
            b.type(By.id("new-password"), NEW);
            b.type(By.id("new-password-again"), NEW);
            b.click(By.id("change-password"));
            b.waitForText(By.cssSelector("main h1"), "工作台");
            assertTrue(b.driver.findElement(By.id("sidenav")).isDisplayed());
        }
    }
}

package org.drgaudit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drgaudit.shared.DrgAuditConfig;

/**
 * Slows down password guessing: per account and per source address, a number of wrong passwords are free, and
 * each further one locks the account (or the address) out for twice as long as the one before, up to the
 * configured maximum. While locked, no password is even checked, a right one included. An account's count is
 * cleared by a successful login; counts of either kind are forgotten an hour after their last failure. Unknown
 * user names are counted like known ones, so the answers do not tell them apart.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final long FORGET_AFTER_MILLIS = Duration.ofHours(1).toMillis();
    private static final int MAX_ENTRIES = 100_000;

    @Inject
    DrgAuditConfig config;

    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> sources = new ConcurrentHashMap<>();

    private static final class Failures {
        volatile int count;
        volatile long lastFailure;
        volatile long lockedUntil;
    }

    /** Seconds until a login for this account from this address may be tried again; 0 when it may now. */
    public long retryAfterSeconds(String username, String source) {
        long now = System.currentTimeMillis();
        long until = Math.max(lockedUntil(accounts, key(username), now), lockedUntil(sources, source, now));
        return until <= now ? 0 : Math.max(1, (until - now + 999) / 1000);
    }

    /** A wrong password (or an unknown user name). */
    public void failed(String username, String source) {
        long now = System.currentTimeMillis();
        if (accounts.size() + sources.size() > MAX_ENTRIES) {
            forgetIdle(now);
        }
        fail(accounts, key(username), config.login().freeFailuresPerAccount(), now);
        if (source != null) {
            fail(sources, source, config.login().freeFailuresPerSource(), now);
        }
    }

    /** A right password: the account starts afresh (the address keeps its count, and forgets it with time). */
    public void succeeded(String username) {
        accounts.remove(key(username));
    }

    /** Forgets every count (tests, and an administrator after an incident is resolved). */
    public void reset() {
        accounts.clear();
        sources.clear();
    }

    private void fail(Map<String, Failures> map, String key, int free, long now) {
        map.compute(key, (k, f) -> {
            Failures x = f == null || now - f.lastFailure > FORGET_AFTER_MILLIS ? new Failures() : f;
            x.count++;
            x.lastFailure = now;
            int over = x.count - free;
            if (over > 0) {
                long lockout = Math.min(config.login().maxLockout().toMillis(), 1000L << Math.min(over - 1, 30));
                x.lockedUntil = now + lockout;
            }
            return x;
        });
    }

    private static long lockedUntil(Map<String, Failures> map, String key, long now) {
        if (key == null) {
            return 0;
        }
        Failures f = map.get(key);
        return f == null ? 0 : f.lockedUntil;
    }

    private void forgetIdle(long now) {
        accounts.values().removeIf(f -> now - f.lastFailure > FORGET_AFTER_MILLIS || f.lockedUntil < now);
        sources.values().removeIf(f -> now - f.lastFailure > FORGET_AFTER_MILLIS || f.lockedUntil < now);
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}

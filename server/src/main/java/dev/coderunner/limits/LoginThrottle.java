package dev.coderunner.limits;

import java.time.Clock;
import java.util.Locale;

import dev.coderunner.web.RateLimited;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: failed logins are counted per username and per client address,
 * and once either runs out every attempt (even with the right password) answers 429 until the
 * bucket refills, one attempt per {@code window / failures}. A success clears its username's count,
 * and nothing is locked for longer than one window after the last failure.
 */
@Component
public class LoginThrottle {

    private final boolean enabled;
    private final Buckets perAccount;
    private final Buckets perAddress;

    LoginThrottle(LimitsProperties limits, Clock clock) {
        this.enabled = limits.enabled();
        this.perAccount = new Buckets(limits.loginFailuresPerAccount(), limits.loginWindow(), clock, limits.maxTrackedKeys());
        this.perAddress = new Buckets(limits.loginFailuresPerIp(), limits.loginWindow(), clock, limits.maxTrackedKeys());
    }

    /** Throws 429 when this username or this address must wait before trying again. */
    public void check(String username, String address) {
        if (!enabled) {
            return;
        }
        long account = perAccount.waitSeconds(key(username));
        if (account > 0) {
            throw new RateLimited("too-many-login-attempts", "Too many failed logins for this account. Try again in "
                    + RateLimited.humanWait(account) + ".", account);
        }
        long ip = perAddress.waitSeconds(address);
        if (ip > 0) {
            throw new RateLimited("too-many-login-attempts", "Too many failed logins from your address. Try again in "
                    + RateLimited.humanWait(ip) + ".", ip);
        }
    }

    public void failed(String username, String address) {
        if (enabled) {
            perAccount.take(key(username));
            perAddress.take(address);
        }
    }

    public void succeeded(String username) {
        perAccount.reset(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}

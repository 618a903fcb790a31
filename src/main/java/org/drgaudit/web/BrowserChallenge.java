package org.drgaudit.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the browser's own login dialog away from the web interface. The API answers a failed login with 401 and
 * {@code WWW-Authenticate: Basic}, which makes a browser pop up its native password prompt over the page; the page
 * marks its calls with {@code X-Requested-With: XMLHttpRequest} and shows its own login form instead, so for those
 * calls the challenge header is left out. Everything else (curl, scripts) still gets it.
 */
@ApplicationScoped
public class BrowserChallenge {

    static final String MARKER = "X-Requested-With";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            if ("XMLHttpRequest".equalsIgnoreCase(rc.request().getHeader(MARKER))) {
                rc.addHeadersEndHandler(v -> rc.response().headers().remove("WWW-Authenticate"));
            }
            rc.next();
        });
    }
}

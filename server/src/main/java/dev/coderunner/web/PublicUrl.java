package dev.coderunner.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address people reach the dashboard at, for links in e-mails and CLI prompts:
 * {@code CODERUNNER_PUBLIC_URL} when set (behind a proxy), else the scheme, host and port of the current request.
 */
@Component
public class PublicUrl {

    private final String configured;

    PublicUrl(@Value("${CODERUNNER_PUBLIC_URL:}") String configured) {
        String c = configured.strip();
        this.configured = c.endsWith("/") ? c.substring(0, c.length() - 1) : c;
    }

    /** The base URL without a trailing slash; call within a request unless one is configured. */
    public String base() {
        return configured.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() : configured;
    }
}

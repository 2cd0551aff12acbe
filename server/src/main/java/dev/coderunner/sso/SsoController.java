package dev.coderunner.sso;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.access.Access;

/** {@code GET /api/v1/auth/sso/providers}: public, so the login page can show a button per configured provider. */
@RestController
class SsoController {

    private final SsoProviders providers;

    SsoController(SsoProviders providers) {
        this.providers = providers;
    }

    record ProviderView(String id, String name, String loginUrl) {
    }

    record Providers(List<ProviderView> items, String signup) {
    }

    @Access(Access.Who.PUBLIC)
    @GetMapping("/api/v1/auth/sso/providers")
    Providers providers() {
        return new Providers(providers.list().stream()
                .map(p -> new ProviderView(p.id(), p.name(), "/oauth2/authorization/" + p.id())).toList(),
                providers.signup().label());
    }
}

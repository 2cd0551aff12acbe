package dev.coderunner.devicelogin;

import java.time.Instant;

import dev.coderunner.access.Access;
import dev.coderunner.auth.Accounts;
import dev.coderunner.web.ApiException;
import dev.coderunner.web.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CLI device login: {@code POST /auth/device} and {@code /auth/device/token} are public (the CLI has no
 * credential yet); looking up, approving and denying a code need a logged-in user. {@code DELETE /auth/token}
 * revokes the API token the request carries (the CLI's logout).
 */
@RestController
@RequestMapping("/api/v1/auth")
class DeviceLoginController {

    private final DeviceLogins logins;
    private final Accounts accounts;
    private final PublicUrl publicUrl;

    DeviceLoginController(DeviceLogins logins, Accounts accounts, PublicUrl publicUrl) {
        this.logins = logins;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    record StartRequest(@Size(max = 100) String clientName) {
    }

    record StartResponse(String deviceCode, String userCode, String verificationUri, String verificationUriComplete, long expiresIn,
            long interval) {
    }

    @Access(Access.Who.PUBLIC)
    @PostMapping("/device")
    StartResponse start(@RequestBody(required = false) StartRequest request, HttpServletRequest http) {
        DeviceLogins.Started s = logins.start(request == null ? null : request.clientName(), http.getRemoteAddr());
        String uri = publicUrl.base() + "/device";
        return new StartResponse(s.deviceCode(), s.userCode(), uri, uri + "?code=" + s.userCode(), s.expiresIn().toSeconds(),
                s.interval().toSeconds());
    }

    record PollRequest(@NotBlank @Size(max = 100) String deviceCode) {
    }

    record PollResponse(String accessToken, String tokenType, String tokenId, String username) {
    }

    @Access(Access.Who.PUBLIC)
    @PostMapping("/device/token")
    PollResponse poll(@Valid @RequestBody PollRequest request) {
        DeviceLogins.Issued issued = logins.poll(request.deviceCode());
        return new PollResponse(issued.token(), "Bearer", issued.tokenId(), issued.username());
    }

    record CodeRequest(@NotBlank @Size(max = 20) String userCode) {
    }

    record PendingView(String userCode, String clientName, String clientIp, Instant createdAt, Instant expiresAt) {
        static PendingView of(DeviceLogin d) {
            return new PendingView(d.userCode(), d.clientName(), d.clientIp(), d.createdAt(), d.expiresAt());
        }
    }

    @PostMapping("/device/lookup")
    PendingView lookup(@Valid @RequestBody CodeRequest request) {
        return PendingView.of(logins.pending(request.userCode()));
    }

    @PostMapping("/device/approve")
    PendingView approve(@Valid @RequestBody CodeRequest request) {
        return PendingView.of(logins.approve(request.userCode()));
    }

    @PostMapping("/device/deny")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deny(@Valid @RequestBody CodeRequest request) {
        logins.deny(request.userCode());
    }

    @DeleteMapping("/token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeOwnToken(@RequestHeader("Authorization") String authorization) {
        String secret = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
        if (!accounts.revokeApiToken(secret)) {
            throw ApiException.badRequest("not-an-api-token",
                    "This request is not authenticated by an API token; a login session ends with POST /api/v1/auth/logout.");
        }
    }
}

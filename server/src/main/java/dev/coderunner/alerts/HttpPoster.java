package dev.coderunner.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Posts JSON bodies for the HTTP notifiers and maps answers to success, retry or give up. */
@Component
class HttpPoster {

    private final AlertsProperties properties;
    private final dev.coderunner.Lazy<HttpClient> http;

    HttpPoster(AlertsProperties properties) {
        this.properties = properties;
        this.http = dev.coderunner.Lazy.of(() -> HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    void post(String url, byte[] body, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "CodeRunner-Alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("cannot reach " + URI.create(url).getHost() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", e, true);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String body2 = response.body() == null ? "" : response.body();
            String snippet = body2.length() > 200 ? body2.substring(0, 200) : body2;
            // Client errors other than throttling and timeouts will not get better by trying again.
            boolean retryable = status >= 500 || status == 429 || status == 408;
            throw new DeliveryException("answered " + status + (snippet.isBlank() ? "" : ": " + snippet.strip()), retryable);
        }
    }
}

package dev.coderunner.deploy;

import java.util.Map;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear problem+json answer and changes nothing. */
class BadInputTest extends ControlPlaneTest {

    private static final String DEPLOYS = "/api/v1/apps/strict/envs/production/deployments";

    @BeforeEach
    void app() {
        api.post("/api/v1/apps", Map.of("name", "strict"));
    }

    @Test
    void unsafeArchivesAreRefusedAndNothingIsStored() {
        java.util.Set<String> sourcesBefore = sources();
        assertRefused(Archives.tarGz().file("index.html", "x").file("../escape.txt", "x").bytes(), 422, "archive-unsafe-entry");
        assertRefused(Archives.tarGz().file("index.html", "x").file("/etc/evil", "x").bytes(), 422, "archive-unsafe-entry");
        assertRefused(Archives.tarGz().file("index.html", "x").symlink("passwd", "/etc/passwd").bytes(), 422, null);
        assertRefused(Archives.tarGz().file("index.html", "x").symlink("up", "../../outside").bytes(), 422, null);
        assertRefused(Archives.tarGz().file("index.html", "x").hardLink("h", "../../etc/passwd").bytes(), 422, null);
        assertRefused(Archives.tarGz().file("index.html", "x").charDevice("dev").bytes(), 422, null);
        assertRefused("not an archive at all".getBytes(), 400, "archive-invalid");

        assertThat(api.get(DEPLOYS).json().get("items")).isEmpty();
        assertThat(sources()).isEqualTo(sourcesBefore);
    }

    private static java.util.Set<String> sources() {
        String[] names = home().resolve("sources").toFile().list();
        return names == null ? java.util.Set.of() : java.util.Set.of(names);
    }

    @Test
    void anInvalidManifestNamesTheField() {
        byte[] archive = Archives.tarGz().file("coderunner.yaml", "processes:\n  web:\n    command: node x.js\n    instances: lots\n").bytes();
        Api.Answer a = api.upload(DEPLOYS, archive, "application/gzip");

        assertThat(a.status()).isEqualTo(422);
        assertThat(a.json().get("type").asString()).isEqualTo("invalid-manifest");
        assertThat(a.body()).contains("processes.web.instances");
        assertThat(api.get(DEPLOYS).json().get("items")).isEmpty();
    }

    @Test
    void unknownAndInvalidNames() {
        Api.Answer unknown = api.upload("/api/v1/apps/nope/envs/production/deployments", Archives.tarGz().file("index.html", "x").bytes(),
                "application/gzip");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).isEqualTo("app-not-found");

        Api.Answer invalid = api.post("/api/v1/apps", Map.of("name", "Bad_Name!"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("type").asString()).isEqualTo("invalid-app-name");

        Api.Answer tooLong = api.post("/api/v1/apps", Map.of("name", "a".repeat(41)));
        assertThat(tooLong.status()).isEqualTo(400);

        Api.Answer duplicate = api.post("/api/v1/apps", Map.of("name", "strict"));
        assertThat(duplicate.status()).isEqualTo(409);

        Api.Answer scaleBeforeDeploy = api.put("/api/v1/apps/strict/envs/production/scale", Map.of("web", 2));
        assertThat(scaleBeforeDeploy.status()).isEqualTo(409);
        assertThat(scaleBeforeDeploy.json().get("type").asString()).isEqualTo("no-release");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Api.Answer a = api.raw(api.request("/api/v1/apps").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":")));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    private void assertRefused(byte[] archive, int status, String type) {
        Api.Answer a = api.upload(DEPLOYS, archive, "application/gzip");
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        if (type != null) {
            assertThat(a.json().get("type").asString()).isEqualTo(type);
        }
    }
}

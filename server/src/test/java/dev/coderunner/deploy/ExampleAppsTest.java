package dev.coderunner.deploy;

import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import dev.coderunner.testsupport.Examples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Each sample app deploys unmodified, with its build detected, and answers through the router. */
class ExampleAppsTest extends ControlPlaneTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "static, static, hello from static",
            "python, procfile, hello from python",
            "java, java, hello from java"})
    void deploysAndServes(String example, String stack, String expectedBody) {
        String app = "example-" + example;
        String id = deploy(app, Archives.tarGzOf(Examples.dir(example)));
        JsonNode done = awaitDeployment(id);

        assertThat(done.get("status").asString()).as(deploymentLog(id)).isEqualTo("succeeded");
        assertThat(deploymentLog(id)).contains("(detected " + stack + ")");
        var reply = router.get(app + ".localhost", "/");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains(expectedBody.strip());
        assertThat(api.delete("/api/v1/apps/" + app).status()).isEqualTo(204);
    }
}

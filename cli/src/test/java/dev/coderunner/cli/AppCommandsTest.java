package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class AppCommandsTest extends LoggedInCliTest {

    @Test
    void listsEveryEnvironmentOfEveryPage() {
        server.on("GET", "/apps", (exchange, request) -> FakeServer.send(exchange, 200, "application/json",
                request.query() == null
                        ? "{\"items\":[" + app("shop", "running", 2, 7) + "],\"nextCursor\":\"p2\"}"
                        : "{\"items\":[" + app("blog", "stopped", 0, null) + "],\"nextCursor\":null}"));

        CliRun.Result result = cli.run("apps");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.requests("GET", "/apps").get(1).query()).isEqualTo("cursor=p2");
        assertThat(result.out()).isEqualTo("""
                APP   ENV         STATUS   INSTANCES  RELEASE  URL
                shop  production  running  2          v7       http://shop.localhost:8800
                blog  production  stopped  0                   http://blog.localhost:8800
                """);
    }

    @Test
    void createLinksTheCurrentDirectory() throws Exception {
        server.json("POST", "/apps", 201, "{\"name\":\"shop\",\"environments\":[{\"name\":\"production\","
                + "\"url\":\"http://shop.localhost:8800\"}]}");

        CliRun.Result result = cli.run("create", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("POST", "/apps").bodyText()).isEqualTo("{\"name\":\"shop\"}");
        assertThat(Files.readString(home.resolve(".coderunner/app"))).isEqualTo("shop\n");
        assertThat(result.out()).contains("Created app shop.", "production: http://shop.localhost:8800");
        server.json("GET", "/apps/shop/envs/production", 200, "{\"url\":\"http://shop.localhost:8800\"}");
        assertThat(cli.run("open").out()).isEqualTo("http://shop.localhost:8800\n");
    }

    @Test
    void destroyNeedsTheNameRepeated() {
        server.on("DELETE", "/apps/shop", (exchange, request) -> FakeServer.send(exchange, 204, "", ""));

        assertThat(cli.run("apps:destroy", "shop").exitCode()).isEqualTo(2);
        CliRun.Result mismatch = cli.run("apps:destroy", "shop", "--confirm", "shp");
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.err()).contains("does not match");
        assertThat(server.requests("DELETE", "/apps/shop")).isEmpty();

        CliRun.Result result = cli.run("apps:destroy", "shop", "--confirm", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.requests("DELETE", "/apps/shop")).hasSize(1);
    }

    static String app(String name, String status, int instances, Integer release) {
        return "{\"name\":\"" + name + "\",\"environments\":[{\"name\":\"production\",\"status\":\"" + status
                + "\",\"instances\":" + instances + ",\"url\":\"http://" + name + ".localhost:8800\","
                + "\"currentRelease\":" + release + "}]}";
    }
}

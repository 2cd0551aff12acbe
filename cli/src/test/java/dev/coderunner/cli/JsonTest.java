package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonTest {

    @Test
    void roundTripsEveryKindOfValue() {
        String text = "{\"s\":\"a \\\"q\\\" \\u00e9\",\"i\":7,\"big\":123456789012345678901234,\"f\":1.5,"
                + "\"t\":true,\"n\":null,\"a\":[1,{\"x\":[]}],\"o\":{}}";

        JsonNode node = Json.parse(text);

        assertThat(node.path("s").asString()).isEqualTo("a \"q\" é");
        assertThat(node.path("i").asInt()).isEqualTo(7);
        assertThat(node.path("f").asDouble()).isEqualTo(1.5);
        assertThat(node.path("n").isNull()).isTrue();
        assertThat(Json.write(node, false)).isEqualTo(text.replace("\\u00e9", "é"));
    }

    @Test
    void writesRequestBodiesMadeOfMapsAndListsWithNullsKept() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("OLD", null);

        assertThat(Json.write(Map.of("vars", vars), false)).isEqualTo("{\"vars\":{\"OLD\":null}}");
        assertThat(Json.write(List.of("a", 1, true), false)).isEqualTo("[\"a\",1,true]");
    }

    @Test
    void prettyPrintsLikeJackson() {
        assertThat(Json.write(Json.parse("{\"a\":[1]}"), true)).isEqualTo("{\n  \"a\" : [ 1 ]\n}");
    }
}

package dev.coderunner.config;

import java.util.Map;
import java.util.Set;

import dev.coderunner.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFormatTest {

    private static final ConfigSnapshot CONFIG = new ConfigSnapshot(Map.of("MODE", "fast", "MSG", "two words \"q\"\nline"),
            Map.of("DB_PASSWORD", "p#w d"));

    @Test
    void everyFormatRoundTripsWithSecretsWhenRevealed() {
        for (ConfigFormat f : ConfigFormat.values()) {
            ConfigFormat.Parsed parsed = f.read(f.write(CONFIG, true));
            assertThat(parsed.values()).as(f.name()).isEqualTo(CONFIG.merged());
            assertThat(parsed.secrets()).as(f.name()).isEqualTo(Set.of("DB_PASSWORD"));
        }
    }

    @Test
    void withoutRevealSecretsAreLeftOutButNamed() {
        for (ConfigFormat f : ConfigFormat.values()) {
            String text = f.write(CONFIG, false);
            assertThat(text).as(f.name()).doesNotContain("p#w d");
            assertThat(f.read(text).values()).as(f.name()).isEqualTo(CONFIG.vars());
        }
        assertThat(ConfigFormat.ENV.write(CONFIG, false)).contains("# DB_PASSWORD is a secret");
    }

    @Test
    void dotEnvUnderstandsExportQuotesAndComments() {
        ConfigFormat.Parsed parsed = ConfigFormat.ENV.read("""
                # comment
                export A=1
                B='single # kept'
                C=plain # trailing comment

                D="esc\\"aped"
                """);
        assertThat(parsed.values()).containsExactly(Map.entry("A", "1"), Map.entry("B", "single # kept"), Map.entry("C", "plain"),
                Map.entry("D", "esc\"aped"));
    }

    @Test
    void flatJsonAndYamlMapsAreReadAndNestedValuesRefused() {
        assertThat(ConfigFormat.JSON.read("{\"N\": 3, \"B\": true}").values()).isEqualTo(Map.of("N", "3", "B", "true"));
        assertThat(ConfigFormat.YAML.read("N: 3\nS: text\n").values()).isEqualTo(Map.of("N", "3", "S", "text"));
        assertThatThrownBy(() -> ConfigFormat.YAML.read("A: [1]")).isInstanceOf(ApiException.class).hasMessageContaining("A");
        assertThatThrownBy(() -> ConfigFormat.ENV.read("novalue")).isInstanceOf(ApiException.class).hasMessageContaining("Line 1");
        assertThatThrownBy(() -> ConfigFormat.parse("toml")).isInstanceOf(ApiException.class);
    }

    @Test
    void diffMasksSecretsButSeesTheirChanges() {
        ConfigSnapshot a = new ConfigSnapshot(Map.of("A", "1", "SAME", "x"), Map.of("S", "old"));
        ConfigSnapshot b = new ConfigSnapshot(Map.of("SAME", "x", "N", "2"), Map.of("S", "new"));
        assertThat(ConfigDiff.between(a, b).changes()).containsExactly(
                new ConfigDiff.Change("A", "removed", false, "1", null),
                new ConfigDiff.Change("N", "added", false, null, "2"),
                new ConfigDiff.Change("S", "changed", true, ConfigSnapshot.MASK, ConfigSnapshot.MASK));
    }

    @Test
    void anEnvironmentValueWinsOverTheDefaultWhateverItsKind() {
        ConfigSnapshot defaults = new ConfigSnapshot(Map.of("A", "d", "B", "d"), Map.of("C", "d"));
        ConfigSnapshot own = new ConfigSnapshot(Map.of("C", "plain"), Map.of("A", "secret"));
        ConfigSnapshot effective = own.over(defaults);
        assertThat(effective.vars()).isEqualTo(Map.of("B", "d", "C", "plain"));
        assertThat(effective.secrets()).isEqualTo(Map.of("A", "secret"));
    }
}

package dev.coderunner.cli.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoreRulesTest {

    @ParameterizedTest(name = "{0} vs {1} (dir={2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            *.log          | app.log              | false | true
            *.log          | logs/deep/app.log    | false | true
            *.log          | app.log.txt          | false | false
            node_modules/  | node_modules         | true  | true
            node_modules/  | node_modules         | false | false
            node_modules/  | web/node_modules     | true  | true
            node_modules/  | node_modules/x/y.js  | false | true
            /build         | build                | true  | true
            /build         | src/build            | true  | false
            build          | src/build            | true  | true
            doc/*.txt      | doc/notes.txt        | false | true
            doc/*.txt      | doc/server/arch.txt  | false | false
            doc/*.txt      | x/doc/notes.txt      | false | false
            **/foo         | foo                  | false | true
            **/foo         | a/b/foo              | false | true
            **/foo/bar     | a/foo/bar            | false | true
            abc/**         | abc/x/y              | false | true
            abc/**         | abc                  | true  | false
            a/**/b         | a/b                  | false | true
            a/**/b         | a/x/y/b              | false | true
            a/**/b         | a/xb                 | false | false
            ?.txt          | a.txt                | false | true
            ?.txt          | ab.txt               | false | false
            ?.txt          | a/b.txt              | false | true
            [abc].md       | b.md                 | false | true
            [abc].md       | d.md                 | false | false
            [!abc].md      | d.md                 | false | true
            [a-c]x         | bx                   | false | true
            *              | anything/at/all      | false | true
            .env*          | .env.local           | false | true
            \\#hash        | #hash                | false | true
            """)
    void matchesLikeGit(String pattern, String path, boolean directory, boolean ignored) {
        assertThat(IgnoreRules.of(pattern).isIgnored(path, directory)).isEqualTo(ignored);
    }

    @Test
    void commentsAndBlankLinesAreNotPatterns() {
        IgnoreRules rules = IgnoreRules.of("# *.java", "", "   ");

        assertThat(rules.isIgnored("Main.java", false)).isFalse();
    }

    @Test
    void negationReincludesAndTheLastMatchWins() {
        IgnoreRules rules = IgnoreRules.of("*.log", "!keep.log", "keep.log.old");

        assertThat(rules.isIgnored("app.log", false)).isTrue();
        assertThat(rules.isIgnored("keep.log", false)).isFalse();
        assertThat(IgnoreRules.of("!keep.log", "*.log").isIgnored("keep.log", false)).isTrue();
    }

    @Test
    void aFileInsideAnIgnoredDirectoryCannotBeReincluded() {
        IgnoreRules rules = IgnoreRules.of("build/", "!build/keep.txt");

        assertThat(rules.isIgnored("build/keep.txt", false)).isTrue();
    }

    @Test
    void contentsOfADirectoryCanBeReincludedWhenOnlyTheContentsWereIgnored() {
        IgnoreRules rules = IgnoreRules.of("build/*", "!build/keep.txt");

        assertThat(rules.isIgnored("build", true)).isFalse();
        assertThat(rules.isIgnored("build/keep.txt", false)).isFalse();
        assertThat(rules.isIgnored("build/out.bin", false)).isTrue();
    }

    @Test
    void gitDirectoryIsAlwaysIgnored() {
        assertThat(IgnoreRules.none().isIgnored(".git", true)).isTrue();
        assertThat(IgnoreRules.none().isIgnored(".git/config", false)).isTrue();
        assertThat(IgnoreRules.none().isIgnored("sub/.git", true)).isTrue();
        assertThat(IgnoreRules.none().isIgnored(".gitignore", false)).isFalse();
    }

    @Test
    void rulesOfANestedIgnoreFileApplyBelowItsDirectoryOnly() {
        IgnoreRules rules = IgnoreRules.of("*.tmp").with("web", List.of("/dist", "!keep.tmp"));

        assertThat(rules.isIgnored("web/dist", true)).isTrue();
        assertThat(rules.isIgnored("dist", true)).isFalse();
        assertThat(rules.isIgnored("web/keep.tmp", false)).isFalse();
        assertThat(rules.isIgnored("keep.tmp", false)).isTrue();
        assertThat(rules.isIgnored("webapp/dist", true)).isFalse();
    }

    @Test
    void trailingSpacesAreTrimmedUnlessEscaped() {
        assertThat(IgnoreRules.of("a.txt   ").isIgnored("a.txt", false)).isTrue();
        assertThat(IgnoreRules.of("b\\ ").isIgnored("b ", false)).isTrue();
    }
}

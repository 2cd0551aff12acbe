package dev.coderunner.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.springframework.stereotype.Component;

import dev.coderunner.CodeRunnerHome;

/**
 * Copies the compiled {@link StaticSiteServer} out of the control plane's jar into
 * {@code $CODERUNNER_HOME/lib/static}, so a static site's web process is a plain, fast-starting
 * {@code java -cp} that does not load Spring.
 */
@Component
public class StaticSiteServerInstaller {

    static final String CLASS_FILE = "dev/coderunner/build/StaticSiteServer.class";

    private final Path classpath;

    public StaticSiteServerInstaller(CodeRunnerHome home) {
        this.classpath = home.dir("lib", "static");
        install();
    }

    /** The shell command that serves {@code siteDir} (relative to the slug folder) on $PORT. */
    public String webCommand(String siteDir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "exec \"" + java + "\" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp \"" + classpath + "\" "
                + StaticSiteServer.class.getName() + " " + siteDir;
    }

    private void install() {
        Path target = classpath.resolve(CLASS_FILE);
        try (InputStream in = StaticSiteServerInstaller.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
            if (in == null) {
                throw new IllegalStateException(CLASS_FILE + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Files.createDirectories(target.getParent());
            // write aside, then rename: a static site starting right now must never load half a class
            Path partial = Files.createTempFile(target.getParent(), "StaticSiteServer", ".partial");
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the static site server into " + classpath, e);
        }
    }
}

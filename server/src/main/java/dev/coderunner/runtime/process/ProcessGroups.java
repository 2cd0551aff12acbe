package dev.coderunner.runtime.process;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals a whole process group. Instances start in their own session ({@code setsid}), so the
 * group id is the instance's pid, and the group holds everything the app started, including
 * children that outlived their parent shell. Java can only signal single processes, hence {@code kill}.
 */
final class ProcessGroups {

    private ProcessGroups() {
    }

    static void kill(long groupId, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + groupId)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no such group any more, or no kill command: the per-process signals still apply
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.coderunner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coderunner} command line: a thin client of the REST/SSE API. */
@Command(name = "coderunner", mixinStandardHelpOptions = true, version = "coderunner 0.1.0",
        description = "Deploy and operate apps on a CodeRunner server.")
public class CodeRunnerCli implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new CodeRunnerCli()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

package dev.coderunner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** A command: runs against the {@link CliContext} it was made with and answers its exit code. */
abstract class CliCommand implements Callable<Integer> {

    final CliContext context;

    @Spec
    CommandSpec spec;

    CliCommand(CliContext context) {
        this.context = context;
    }

    Output output() {
        return context.output();
    }

    /** A usage error (exit 2) about this command's arguments. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Prints {@code node} as JSON when {@code --json} was given; answers whether it did. */
    boolean printedJson(JsonNode node) {
        if (context.jsonOption) {
            output().json(node);
            return true;
        }
        return false;
    }
}

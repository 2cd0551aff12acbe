package dev.coderunner.cli;

import picocli.CommandLine.Mixin;

/** A command that acts on one environment of one app, chosen with {@code -a} and {@code -e}. */
abstract class EnvironmentCommand extends CliCommand {

    @Mixin
    AppOptions options;

    EnvironmentCommand(CliContext context) {
        super(context);
    }

    AppTarget target() {
        return options.resolve(context);
    }
}

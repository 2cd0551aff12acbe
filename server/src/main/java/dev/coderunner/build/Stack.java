package dev.coderunner.build;

import java.util.Map;

/**
 * What detection learned about a language stack: its name, how to build it (or null), the default
 * web command (null when there is no obvious one, with {@code webHint} saying what to add), and
 * environment variables the stack wants at run time.
 */
record Stack(String name, String buildCommand, String webCommand, String webHint, Map<String, String> env) {
}

package dev.coderunner.build;

import java.util.Map;

/**
 * What a source turns into: the build command (or none), the process types in declaration order,
 * extra environment variables, and which detector chose this ({@code yaml}, {@code procfile},
 * {@code node}, {@code python}, {@code java}, {@code static}).
 */
public record Manifest(String buildCommand, Map<String, ProcessSpec> processes, Map<String, String> env, String stack) {
}

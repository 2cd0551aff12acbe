package dev.coderunner.config;

import java.util.List;

/** A ready-made set of variables for a kind of app or service, applied with values filled in. */
record ConfigTemplate(String name, String description, List<Variable> variables) {

    /** One variable: a default (null when the user must give one) and whether it is stored as a secret. */
    record Variable(String name, String defaultValue, boolean secret, String description) {
        boolean required() {
            return defaultValue == null;
        }
    }

    static final List<ConfigTemplate> ALL = List.of(
            new ConfigTemplate("node", "Node.js server", List.of(
                    new Variable("NODE_ENV", "production", false, "Node's mode"),
                    new Variable("NPM_CONFIG_PRODUCTION", "true", false, "skip devDependencies at build time"),
                    new Variable("NODE_OPTIONS", "--max-old-space-size=384", false, "heap limit below the instance's memory"))),
            new ConfigTemplate("static", "React or other static site", List.of(
                    new Variable("NODE_ENV", "production", false, "build mode"),
                    new Variable("PUBLIC_URL", "/", false, "where the site is served"),
                    new Variable("VITE_API_URL", null, false, "the API the browser calls (public: never a secret)"))),
            new ConfigTemplate("python", "Python web app", List.of(
                    new Variable("PYTHONUNBUFFERED", "1", false, "logs appear at once"),
                    new Variable("WEB_CONCURRENCY", "2", false, "worker processes per instance"),
                    new Variable("SECRET_KEY", null, true, "framework signing key (Django/Flask)"))),
            new ConfigTemplate("java-spring", "Java / Spring Boot", List.of(
                    new Variable("SPRING_PROFILES_ACTIVE", "prod", false, "active profiles"),
                    new Variable("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75", false, "JVM sized to the instance"),
                    new Variable("SERVER_SHUTDOWN", "graceful", false, "drain requests on stop"))),
            new ConfigTemplate("postgresql", "PostgreSQL connection", List.of(
                    new Variable("DATABASE_URL", null, true, "postgres://user:password@host:5432/db"),
                    new Variable("PGHOST", null, false, "host"),
                    new Variable("PGPORT", "5432", false, "port"),
                    new Variable("PGDATABASE", null, false, "database"),
                    new Variable("PGUSER", null, false, "user"),
                    new Variable("PGPASSWORD", null, true, "password"))),
            new ConfigTemplate("redis", "Redis connection", List.of(
                    new Variable("REDIS_URL", null, true, "redis://:password@host:6379/0"))));
}

package dev.coderunner.auth;

/** Global roles. ADMIN can do everything; finer per-app membership comes on top of these. */
public enum Role {
    ADMIN, OPERATOR, DEVELOPER, VIEWER
}

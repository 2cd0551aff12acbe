package dev.coderunner.access;

/** What a route needs from its caller, as decided by {@link RouteRules}. */
sealed interface Requirement {

    record Public() implements Requirement {
    }

    /** Any logged-in caller; the handler filters what it shows. */
    record Authenticated() implements Requirement {
    }

    record Admin() implements Requirement {
    }

    /** Admins and operators, who see every app (the audit log). */
    record Operator() implements Requirement {
    }

    record CreateApp() implements Requirement {
    }

    /** {@code action} on the app named by the path variable {@code variable}. */
    record OnApp(Action action, String variable) implements Requirement {
    }

    /** {@code action} on the app owning the resource {@code /collection/{variable}}. */
    record OnOwned(Action action, String collection, String variable) implements Requirement {
    }

    /** No rule matched: admins only, and the route-table test fails until someone writes a rule. */
    record Unclassified() implements Requirement {
    }
}

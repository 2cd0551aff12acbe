package dev.coderunner.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An explicit rule for a handler (method or whole controller) where the path shape says too little:
 * {@link RouteRules} reads it before its shape rules. App routes ({@code /apps/{app}/…}) rarely need
 * it; use {@link #action()} there to override the action guessed from the method and path.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {

    Who value() default Who.APP;

    /** For {@link Who#APP}: the action the route performs on the app named by its {@code {app}} variable. */
    Action action() default Action.READ;

    enum Who {
        /** No login (login itself, probes). */
        PUBLIC,
        /** Any logged-in caller; the handler shows each caller only what they may see. */
        AUTHENTICATED,
        /** Admins with a login or an admin-scoped token. */
        ADMIN,
        /** Admins and operators (they see every app). */
        OPERATOR,
        /** {@link #action()} on the app in the {@code {app}} path variable. */
        APP
    }
}

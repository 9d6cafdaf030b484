package io.localdrop.it.diagnose;

import java.util.HashMap;
import java.util.Map;

/**
 * The application code the server fixtures of {@link RequestBoundariesTest} run: a sign-in stores the caller in a
 * ThreadLocal, and an anonymous request asks who it is. The leaky variant never removes the user, so a later
 * request on the same thread is answered with an earlier request's user: a bleeding read, which the client counts.
 */
final class SignedInUser {
    static final ThreadLocal<String> USER = new ThreadLocal<>();
    /**
     * With {@code -Dlocaldrop.it.userInMap=true}, the user is kept in a per-thread map instead, made lazily by its put
     * and emptied, not removed, by its remove, as an MDC is: the shape of the {@code own-container} rule.
     */
    static final ThreadLocal<Map<String, String>> CONTEXT = new ThreadLocal<>();
    static final boolean IN_MAP = Boolean.getBoolean("localdrop.it.userInMap");
    static final String ANONYMOUS = "anonymous";

    private SignedInUser() {
    }

    /** {@code /login?user=NAME}: answers the name; {@code leaky} leaves it on the thread. */
    static String login(String user, boolean leaky) {
        if (IN_MAP) {
            put(user);
        } else {
            USER.set(user); // server-set
        }
        try {
            return whoami();
        } finally {
            if (!leaky) {
                if (IN_MAP) {
                    CONTEXT.get().remove("user");
                } else {
                    USER.remove();
                }
            }
        }
    }

    /** {@code /whoami}: the user this request runs as. */
    static String whoami() {
        String user = IN_MAP ? get() : USER.get(); // server-read
        return user == null ? ANONYMOUS : user;
    }

    private static void put(String user) {
        Map<String, String> context = CONTEXT.get();
        if (context == null) {
            context = new HashMap<>();
            CONTEXT.set(context); // map-made
        }
        context.put("user", user);
    }

    private static String get() {
        Map<String, String> context = CONTEXT.get(); // map-read
        return context == null ? null : context.get("user");
    }

    /** Dispatches a request path (with query) to the two endpoints. */
    static String answer(String path, String query, boolean leaky) {
        if (path.endsWith("/login") && query != null && query.startsWith("user=")) {
            return login(query.substring("user=".length()), leaky);
        }
        return whoami();
    }
}

package io.localdrop.it.diagnose;

/**
 * The application code the server fixtures of {@link RequestBoundariesTest} run: a sign-in stores the caller in a
 * ThreadLocal, and an anonymous request asks who it is. The leaky variant never removes the user, so a later
 * request on the same thread is answered with an earlier request's user: a bleeding read, which the client counts.
 */
final class SignedInUser {
    static final ThreadLocal<String> USER = new ThreadLocal<>();
    static final String ANONYMOUS = "anonymous";

    private SignedInUser() {
    }

    /** {@code /login?user=NAME}: answers the name; {@code leaky} leaves it on the thread. */
    static String login(String user, boolean leaky) {
        USER.set(user); // server-set
        try {
            return whoami();
        } finally {
            if (!leaky) {
                USER.remove();
            }
        }
    }

    /** {@code /whoami}: the user this request runs as. */
    static String whoami() {
        String user = USER.get(); // server-read
        return user == null ? ANONYMOUS : user;
    }

    /** Dispatches a request path (with query) to the two endpoints. */
    static String answer(String path, String query, boolean leaky) {
        if (path.endsWith("/login") && query != null && query.startsWith("user=")) {
            return login(query.substring("user=".length()), leaky);
        }
        return whoami();
    }
}

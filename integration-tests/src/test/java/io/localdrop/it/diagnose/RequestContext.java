package io.localdrop.it.diagnose;

/** A request-context holder as web applications write them: set by a filter, read by services. */
final class RequestContext {
    static final ThreadLocal<User> CURRENT = new ThreadLocal<>(); // created-site

    private RequestContext() {
    }

    static void set(User user) {
        CURRENT.set(user); // set-site
    }

    static User get() {
        return CURRENT.get(); // read-site
    }

    static void clear() {
        CURRENT.remove();
    }

    /** The value type: its toString/equals/hashCode throw, to prove the agent never calls them. */
    static final class User {
        final String name;

        User(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            throw new AssertionError("the agent called User.toString");
        }

        @Override
        public boolean equals(Object other) {
            throw new AssertionError("the agent called User.equals");
        }

        @Override
        public int hashCode() {
            throw new AssertionError("the agent called User.hashCode");
        }
    }
}

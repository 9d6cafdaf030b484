package io.localdrop.it.enforce;

import io.localdrop.AccessError;

/**
 * Access to a plain ThreadLocal during and after the agent closes its value, through rewritten get/set:
 * SELF's value uses SELF in its close() (DESTROYING); FIRST's value, stored first and so closed after SECOND's,
 * uses SECOND in its close() (DESTROYED: already closed at this exit) and then uses a ThreadLocal that had no
 * value when the exit began (LATE: initialized, then closed in the next generation).
 */
public final class AccessFixture {
    static final ThreadLocal<Resource> FIRST = new ThreadLocal<>();
    static final ThreadLocal<Resource> SECOND = new ThreadLocal<>();
    static final ThreadLocal<Resource> SELF = new ThreadLocal<>();
    static final ThreadLocal<Resource> LATE = ThreadLocal.withInitial(() -> new Resource("late", null));

    private AccessFixture() {
    }

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(() -> {
            FIRST.set(new Resource("first", "second-and-late"));
            SECOND.set(new Resource("second", null));
            SELF.set(new Resource("self", "self"));
            System.out.println("worker done");
        }, "access-worker");
        worker.start();
        worker.join();
        System.out.println("joined");
    }

    static final class Resource implements AutoCloseable {
        private final String name;
        private final String uses;

        Resource(String name, String uses) {
            this.name = name;
            this.uses = uses;
        }

        @Override
        public void close() {
            System.out.println("closing " + name);
            if ("self".equals(uses)) {
                tryGet(SELF, "self");
                try {
                    SELF.set(new Resource("self-again", null));
                    System.out.println("self set: no error");
                } catch (AccessError denied) {
                    System.out.println("self set: AccessError " + denied.state() + " key=" + denied.keyName());
                }
            } else if ("second-and-late".equals(uses)) {
                tryGet(SECOND, "second");
                System.out.println("late get: " + LATE.get().name);
            }
        }

        private static void tryGet(ThreadLocal<Resource> threadLocal, String what) {
            try {
                Resource value = threadLocal.get();
                System.out.println(what + " get: no error, value=" + (value == null ? null : value.name));
            } catch (AccessError denied) {
                System.out.println(what + " get: AccessError " + denied.state() + " key=" + denied.keyName()
                        + " message=" + denied.getMessage());
            }
        }
    }
}

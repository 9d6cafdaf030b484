package io.localdrop.agent.sites;

import java.util.function.Supplier;

/** Code with ThreadLocal sites of every shape, rewritten by SiteRewriterTest. Line numbers matter: markers. */
public final class Samples {
    public static final ThreadLocal<String> PLAIN = new ThreadLocal<>(); // plain-created
    public static final ThreadLocal<StringBuilder> CACHED = ThreadLocal.withInitial(StringBuilder::new); // cached-created
    public static final InheritedLocal INHERITED = new InheritedLocal(); // inherited-created
    public static final ThreadLocal<String> ANONYMOUS = new ThreadLocal<>() { // anonymous-created
        @Override
        public String get() {
            return "anon:" + super.get();
        }
    };

    /** A subclass used through its own type at call sites. */
    public static final class InheritedLocal extends InheritableThreadLocal<Object> {
        @Override
        protected Object initialValue() {
            return "initial";
        }
    }

    /** A subclass named without "Local": its call sites are matched once it is loaded. */
    public static final class Holder extends ThreadLocal<String> {
    }

    public static final Holder HOLDER = new Holder();

    /** Loaded after Samples (and so after Holder): its Holder-typed call sites are rewritten. */
    public static final class HolderUser {
        public static String read() {
            HOLDER.set("held"); // holder-set
            return HOLDER.get();
        }
    }

    private Samples() {
    }

    public static String roundTrip(String value) {
        PLAIN.set(value); // plain-set
        String seen = PLAIN.get(); // plain-get
        PLAIN.remove(); // plain-remove
        return seen + "/" + PLAIN.get();
    }

    public static Object inherited() {
        Object initial = INHERITED.get(); // inherited-get
        INHERITED.set("changed"); // inherited-set
        Object changed = INHERITED.get();
        INHERITED.remove();
        return initial + "/" + changed;
    }

    public static String anonymous(String value) {
        ANONYMOUS.set(value); // anonymous-set
        try {
            return ANONYMOUS.get();
        } finally {
            ANONYMOUS.remove();
        }
    }

    public static int cached() {
        return CACHED.get().append('x').length();
    }

    /** A ThreadLocal created in a method and not stored into a static field. */
    public static ThreadLocal<Object> local() {
        ThreadLocal<Object> local = new ThreadLocal<>(); // local-created
        return local;
    }

    /** Calls that look like ThreadLocal's but are not (must stay as they are). */
    public static Object notThreadLocals(Supplier<Object> supplier, java.util.concurrent.atomic.AtomicReference<Object> ref) {
        ref.set("x");
        return supplier.get() + "/" + ref.get();
    }
}

package io.localdrop.agent.exit;

/**
 * Methods of the shapes the hand patcher must keep working: loops and branch targets near the start (the first
 * stack-map frame moves), both switch kinds (their padding must stay aligned), handlers, locals of two slots.
 * The tests patch this class file and run it against {@link RecordingBridge}.
 */
public class PatchSubject {
    public static int loop(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
        }
        return sum;
    }

    public static String table(int k) {
        switch (k) {
            case 0: return "a";
            case 1: return "b";
            case 2: return "c";
            case 3: return "d";
            default: return "z";
        }
    }

    public static String lookup(int k) {
        switch (k) {
            case 10: return "ten";
            case 1000: return "thousand";
            case -7: return "minus seven";
            default: return "other";
        }
    }

    public static int parse(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    public long wide(long a, double b) {
        long c = a * 2;
        double d = b + c;
        return (long) d;
    }

    /** Shaped like ThreadLocalRandom.eraseThreadLocals(Thread): local 0 is a thread. */
    public static String eraseLike(Thread thread, int times) {
        String name = thread.getName();
        for (int i = 1; i < times; i++) {
            name = name + "," + thread.getName();
        }
        return name;
    }

    /** javac copies the finally block: once for the normal path, once for the exception path. */
    public static int finallyCopies(boolean fail) {
        try {
            if (fail) {
                throw new IllegalStateException("fail");
            }
            return 1;
        } finally {
            RecordingBridge.PopTarget.popAll();
        }
    }
}

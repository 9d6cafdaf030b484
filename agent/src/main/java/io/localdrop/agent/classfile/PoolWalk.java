package io.localdrop.agent.classfile;

/**
 * One walk over a class file's constant pool, shared by every quick look the agent takes at a loading class: the
 * offset of each entry, and which of the few strings those looks ask about the pool holds ({@link #holds}).
 *
 * <p>Why one walk: every class that loads is looked at twice, by the site rewriter's scan ({@code
 * sites.ConstantPoolScan}) and by the worker-loop finder's ({@code tasks.WorkerCandidates}), each from its own
 * transformer. Walking the pool once for both, and answering most classes from the string facts alone, is about a
 * third of what the two separate walks cost (docs/benchmarks.md, "Class loading: one walk of the pool").
 *
 * <p>How it is shared: {@link #of} keeps the walk of the last class file it was asked about, by the identity of its
 * byte array. {@code java.lang.instrument} hands every transformer of one JVMTI environment the same array while none
 * of them has changed the class, so the second look finds the first one's walk. Two threads loading classes at once
 * may displace each other's walk; the second look then walks again, with the same answer. A walk is immutable once
 * made; {@link #offsets} is its own array, which callers read and never write.
 */
public final class PoolWalk {
    /** A string that holds {@code java/lang/ThreadLocal} or {@code java/lang/InheritableThreadLocal} (a class name or inside a descriptor). */
    public static final int JDK_THREAD_LOCAL = 1;
    /**
     * A string that holds {@code ThreadLocal} anywhere or ends in {@code Local}: a class the pool names may be named
     * like a ThreadLocal (the exact rule, on the simple name, is the caller's). Without it no name of the pool is.
     */
    public static final int LIKE_THREAD_LOCAL = 1 << 1;
    /** The string {@code get}. */
    public static final int GET = 1 << 2;
    /** The string {@code set}. */
    public static final int SET = 1 << 3;
    /** The string {@code remove}. */
    public static final int REMOVE = 1 << 4;
    /** The string {@code run}. */
    public static final int RUN = 1 << 5;
    /** The string {@code ()V}. */
    public static final int NO_ARGS_VOID = 1 << 6;
    /** The string {@code ()Ljava/lang/Object;}. */
    public static final int OBJECT_GETTER = 1 << 7;
    /** The string {@code (Ljava/lang/Object;)V}. */
    public static final int OBJECT_SETTER = 1 << 8;
    /** The string {@code java/lang/Runnable}. */
    public static final int RUNNABLE = 1 << 9;

    /** Every fact: what a pool that cannot be walked is taken to hold (its callers then let ASM decide). */
    private static final int EVERY_FACT = (1 << 10) - 1;

    private static volatile PoolWalk last;

    private final byte[] classFile;
    private final int[] offsets;
    private final int facts;

    private PoolWalk(byte[] classFile, int[] offsets, int facts) {
        this.classFile = classFile;
        this.offsets = offsets;
        this.facts = facts;
    }

    /** The walk of {@code classFile}'s pool: the last one made, when it was of this very array, else a new one. */
    public static PoolWalk of(byte[] classFile) {
        PoolWalk walk = last;
        if (walk != null && walk.classFile == classFile) {
            return walk;
        }
        walk = walk(classFile);
        last = walk;
        return walk;
    }

    /** Whether the pool holds the string of each bit set in {@code wanted}; always true when it could not be walked. */
    public boolean holds(int wanted) {
        return (facts & wanted) == wanted;
    }

    /** Whether the pool holds the string of any bit set in {@code wanted}; always true when it could not be walked. */
    public boolean holdsAny(int wanted) {
        return (facts & wanted) != 0;
    }

    /** Whether the pool was walked: false for an unknown tag or bytes that are not a pool (then offsets is null). */
    public boolean walked() {
        return offsets != null;
    }

    /**
     * Each entry's offset by its number, as {@link ConstantPool#index} fills them; entry 0 (which does not exist)
     * holds the offset just after the pool, the class's access flags. Null when the pool was not walked. Not to be
     * written: the array is this walk's, and the next look at the same class reads it.
     */
    public int[] offsets() {
        return offsets;
    }

    private static PoolWalk walk(byte[] classFile) {
        try {
            int count = ConstantPool.count(classFile);
            int[] offsets = new int[count];
            int offset = ConstantPool.FIRST_ENTRY;
            int facts = 0;
            int index = 1;
            while (index < count) {
                offsets[index] = offset;
                if (classFile[offset] == ConstantPool.UTF8) {
                    // most of a pool is its strings: read here directly, every other entry's size from ConstantPool
                    int length = ConstantPool.utf8Length(classFile, offset);
                    facts |= stringFacts(classFile, ConstantPool.utf8Start(offset), length, facts);
                    offset += 3 + length;
                    index++;
                } else {
                    int size = ConstantPool.entrySize(classFile, offset);
                    if (size < 0) {
                        return new PoolWalk(classFile, null, EVERY_FACT);
                    }
                    index += ConstantPool.slots(classFile, offset);
                    offset += size;
                }
            }
            offsets[0] = offset;
            return new PoolWalk(classFile, offsets, facts);
        } catch (RuntimeException malformed) {
            // silent on purpose: bytes that are no pool only mean "let ASM look", and ASM's failure, if any, is recorded
            return new PoolWalk(classFile, null, EVERY_FACT);
        }
    }

    /*
     * The string tests are small methods apart from the walk's loop, and each compares bytes at one place only (one
     * call of ConstantPool.equals, whose loop C2 unrolls wherever it is inlined): the walk runs for every class
     * loaded, C2 compiles it two or three times in a start-up (an on-stack replacement, then the method), and every
     * inlined compare loop made each of those compilations longer (41 ms each, with one compare per sought string, in
     * the start-up of the Spring Boot application of the real-stack tests).
     */

    /** The facts one string adds, given those found so far (a substring already found is not sought again). */
    private static int stringFacts(byte[] data, int start, int length, int found) {
        int facts = exactFacts(data, start, length);
        if ((found & (JDK_THREAD_LOCAL | LIKE_THREAD_LOCAL)) != (JDK_THREAD_LOCAL | LIKE_THREAD_LOCAL)) {
            facts |= threadLocalFacts(data, start, length, found);
        }
        return facts;
    }

    /** The fact of a string that is exactly one of the sought ones: told apart by its length and first byte, then compared. */
    private static int exactFacts(byte[] data, int start, int length) {
        byte[] wanted;
        int fact;
        switch (length) {
            case 3:
                switch (data[start]) {
                    case 'g':
                        wanted = GET_TEXT;
                        fact = GET;
                        break;
                    case 's':
                        wanted = SET_TEXT;
                        fact = SET;
                        break;
                    case 'r':
                        wanted = RUN_TEXT;
                        fact = RUN;
                        break;
                    case '(':
                        wanted = NO_ARGS_VOID_TEXT;
                        fact = NO_ARGS_VOID;
                        break;
                    default:
                        return 0;
                }
                break;
            case 6:
                wanted = REMOVE_TEXT;
                fact = REMOVE;
                break;
            case 18:
                wanted = RUNNABLE_TEXT;
                fact = RUNNABLE;
                break;
            case 20:
                wanted = OBJECT_GETTER_TEXT;
                fact = OBJECT_GETTER;
                break;
            case 21:
                wanted = OBJECT_SETTER_TEXT;
                fact = OBJECT_SETTER;
                break;
            default:
                return 0;
        }
        return ConstantPool.equals(data, start, length, wanted) ? fact : 0;
    }

    /**
     * {@link #JDK_THREAD_LOCAL} and {@link #LIKE_THREAD_LOCAL} of one string. This runs on every string of every class
     * loaded, so it looks for {@code ThreadLocal} in one Boyer-Moore-Horspool pass (comparing the byte under the
     * pattern's last letter and skipping up to 11 bytes at a time), then at what precedes a match: most strings are
     * passed over in a fraction of their length.
     */
    private static int threadLocalFacts(byte[] data, int start, int length, int found) {
        int end = start + length;
        int facts = (found & LIKE_THREAD_LOCAL) == 0 && endsInLocal(data, start, end) ? LIKE_THREAD_LOCAL : 0;
        int m = THREAD_LOCAL.length;
        for (int i = start + m - 1; i < end; i += SKIP[data[i] & 0xff]) {
            if (data[i] == 'l' && ConstantPool.equals(data, i - m + 1, m, THREAD_LOCAL)) {
                facts |= LIKE_THREAD_LOCAL;
                if (afterJdkPrefix(data, start, i - m + 1)) {
                    return facts | JDK_THREAD_LOCAL;
                }
                if ((found & JDK_THREAD_LOCAL) != 0) {
                    return facts; // only the likeness was still sought
                }
            }
        }
        return facts;
    }

    /** Whether the bytes before {@code end} are {@code Local}: five compares, no loop. */
    private static boolean endsInLocal(byte[] data, int start, int end) {
        return end - start >= 5 && data[end - 1] == 'l' && data[end - 2] == 'a' && data[end - 3] == 'c'
                && data[end - 4] == 'o' && data[end - 5] == 'L';
    }

    /**
     * Whether {@code ThreadLocal} at {@code at} follows {@code java/lang/} or {@code java/lang/Inheritable}; the byte
     * just before it tells which one to compare.
     */
    private static boolean afterJdkPrefix(byte[] data, int start, int at) {
        byte before = at > start ? data[at - 1] : 0;
        byte[] prefix = before == '/' ? JAVA_LANG : before == 'e' ? JAVA_LANG_INHERITABLE : null;
        return prefix != null && at - start >= prefix.length
                && ConstantPool.equals(data, at - prefix.length, prefix.length, prefix);
    }

    private static byte[] skips(byte[] pattern) {
        byte[] skip = new byte[256];
        java.util.Arrays.fill(skip, (byte) pattern.length);
        for (int i = 0; i < pattern.length - 1; i++) {
            skip[pattern[i]] = (byte) (pattern.length - 1 - i);
        }
        return skip;
    }

    private static final byte[] GET_TEXT = ConstantPool.ascii("get");
    private static final byte[] SET_TEXT = ConstantPool.ascii("set");
    private static final byte[] RUN_TEXT = ConstantPool.ascii("run");
    private static final byte[] NO_ARGS_VOID_TEXT = ConstantPool.ascii("()V");
    private static final byte[] REMOVE_TEXT = ConstantPool.ascii("remove");
    private static final byte[] RUNNABLE_TEXT = ConstantPool.ascii("java/lang/Runnable");
    private static final byte[] OBJECT_GETTER_TEXT = ConstantPool.ascii("()Ljava/lang/Object;");
    private static final byte[] OBJECT_SETTER_TEXT = ConstantPool.ascii("(Ljava/lang/Object;)V");
    private static final byte[] THREAD_LOCAL = ConstantPool.ascii("ThreadLocal");
    private static final byte[] JAVA_LANG = ConstantPool.ascii("java/lang/");
    private static final byte[] JAVA_LANG_INHERITABLE = ConstantPool.ascii("java/lang/Inheritable");
    /** Horspool's shift for {@code ThreadLocal}, by the byte under its last letter. */
    private static final byte[] SKIP = skips(THREAD_LOCAL);
}

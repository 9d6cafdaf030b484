package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.sites.SiteHooks;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The classification rules of {@link Classifier}, the grouping of {@link Findings} and the thread counts of
 * {@link Finding}, driven through the calls rewritten code and task boundaries make, on threads of the test's own.
 * Each rule: the correct use gives no WARNING/ERROR, the leaky one the expected kind.
 */
class ClassificationRulesTest {
    @BeforeAll
    static void openMaps() {
        assertTrue(ThreadLocalMapReader.open(ByteBuddyAgent.install()), "java.lang must be readable");
    }

    @BeforeEach
    void clear() {
        Findings.clear();
    }

    private static int site(String method, int line) {
        return SiteRegistry.register("com.acme.Rules", method, "Rules.java", line);
    }

    private static void onThread(String name, Runnable body) throws Exception {
        TestThreads.onThread(name, () -> {
            body.run();
            Detectors.threadExit();
        });
    }

    private static void task(Runnable body) {
        Detectors.taskStart();
        body.run();
        Detectors.taskEnd();
    }

    private static List<Finding> of(FindingKind kind) {
        return Findings.all().stream().filter(f -> f.kind() == kind).collect(Collectors.toList());
    }

    private static List<Finding> problems() {
        return Findings.all().stream().filter(f -> f.severity() != FindingKind.Severity.INFO)
                .collect(Collectors.toList());
    }

    @Test
    void anEmptiedJdkMapKeptOnTheThreadIsNoLeakUntilATaskLeavesEntriesInIt() throws Exception {
        ThreadLocal<Map<String, String>> mdc = new ThreadLocal<>();
        SiteHooks.created(mdc, site("<init>", 1));
        int getAt = site("put", 10);
        int setAt = site("put", 12);
        int readAt = site("get", 20);
        Runnable put = () -> {
            @SuppressWarnings("unchecked")
            Map<String, String> map = (Map<String, String>) SiteHooks.get(mdc, getAt);
            if (map == null) {
                map = new HashMap<>();
                SiteHooks.set(mdc, map, setAt);
            }
            map.put("id", "x");
        };
        onThread("container", () -> {
            for (int i = 0; i < 3; i++) {
                task(() -> {
                    put.run();
                    ((Map<?, ?>) SiteHooks.get(mdc, readAt)).remove("id");
                });
            }
            assertEquals(List.of(), problems(), "an empty map left behind is nothing");
            task(put); // leaves an entry: a leak of the map, mutated in place
            task(() -> SiteHooks.get(mdc, readAt)); // a later task reads it
        });
        Finding leak = of(FindingKind.TASK_LEAK).get(0);
        assertEquals("jdk-container", leak.classifiedBy());
        assertEquals(1, of(FindingKind.BLEED).size(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Rules.get(Rules.java:20)"), of(FindingKind.BLEED).get(0).readAt());
    }

    /**
     * A pool's per-thread list of the connections it lent this thread before, kept as weak references (what
     * HikariCP's ConcurrentBag does when it is not on the system class loader): each task takes its entries out
     * and puts what it returns back in, so the next task reads what the last one left, but the list holds nothing
     * strongly. The same list of strong entries, read by a later task, is the bleed the container rule is for.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> list(ThreadLocal<List<Object>> threadLocal, int site) {
        return (List<Object>) SiteHooks.get(threadLocal, site);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJdkContainerOfReferencesOnlyIsNoLeakAndTheSameContainerOfStrongEntriesBleeds() throws Exception {
        ThreadLocal<List<Object>> weak = ThreadLocal.withInitial(ArrayList::new);
        // set by a method of its own, not made by its readers: judged by the jdk-container rule alone (a list made by
        // its initial value and emptied by its first reader would be that reader's own container, see DetectorsTest)
        ThreadLocal<List<Object>> strong = new ThreadLocal<>();
        ThreadLocal<Map<String, Object>> byName = ThreadLocal.withInitial(HashMap::new);
        SiteHooks.created(weak, site("<init>", 5));
        SiteHooks.created(strong, site("<init>", 6));
        SiteHooks.created(byName, site("<init>", 7));
        int borrow = site("borrow", 80);
        int requite = site("requite", 90);
        Object connection = new Object(); // the pool's own entry, lent and returned by every task
        onThread("bag", () -> {
            for (int i = 0; i < 4; i++) {
                task(() -> {
                    list(weak, borrow).clear();
                    list(weak, requite).add(new java.lang.ref.WeakReference<>(connection));
                    ((Map<String, Object>) SiteHooks.get(byName, requite)).put("main", new java.lang.ref.SoftReference<>(connection));
                });
            }
        });
        assertEquals(List.of(), Findings.all(), "a container of references holds nothing strongly");

        int register = site("register", 70);
        onThread("bag-strong", () -> {
            for (int i = 0; i < 2; i++) {
                boolean first = i == 0;
                task(() -> {
                    if (first) {
                        SiteHooks.set(strong, new ArrayList<>(), register);
                    }
                    list(strong, borrow).clear();
                    list(strong, requite).add(connection);
                });
            }
        });
        assertEquals("jdk-container", of(FindingKind.TASK_LEAK).get(0).classifiedBy(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Rules.borrow(Rules.java:80)"), of(FindingKind.BLEED).get(0).readAt());
    }

    /** A container with more references than the walk looks at is judged as holding entries (the safe side). */
    @Test
    void aContainerOfMoreReferencesThanTheWalkHoldsEntries() {
        List<Object> references = new ArrayList<>();
        Object referent = new Object();
        for (int i = 0; i < Classifier.REFERENCE_WALK; i++) {
            references.add(new java.lang.ref.WeakReference<>(referent));
        }
        assertTrue(!Classifier.holdsEntries(references), "as many as the walk: all looked at, all references");
        references.add(new java.lang.ref.WeakReference<>(referent));
        assertTrue(Classifier.holdsEntries(references), "one more than the walk: judged as holding entries");
        references.clear();
        references.add(new java.lang.ref.WeakReference<>(referent));
        references.add("a request's data");
        assertTrue(Classifier.holdsEntries(references), "one strong entry among references: holds entries");
    }

    @Test
    void aGuardThatPutsBackWhatItStartedFromIsNoLeak() throws Exception {
        ThreadLocal<Boolean> busy = ThreadLocal.withInitial(() -> Boolean.FALSE);
        SiteHooks.created(busy, site("<clinit>", 2));
        int check = site("around", 30);
        int lock = site("around", 31);
        int unlock = site("around", 33);
        onThread("guard", () -> {
            for (int i = 0; i < 3; i++) {
                task(() -> {
                    if (!(Boolean) SiteHooks.get(busy, check)) {
                        SiteHooks.set(busy, Boolean.TRUE, lock);
                        SiteHooks.set(busy, Boolean.FALSE, unlock);
                    }
                });
            }
        });
        assertEquals(List.of(), problems(), Findings.all()::toString);
    }

    @Test
    void aFlagWithAnInitialValueLeftChangedIsALeakAndItsLaterReadABleed() throws Exception {
        ThreadLocal<Boolean> admin = ThreadLocal.withInitial(() -> Boolean.FALSE);
        SiteHooks.created(admin, site("<clinit>", 3));
        int setAt = site("login", 40);
        int readAt = site("page", 50);
        onThread("flag", () -> {
            task(() -> SiteHooks.set(admin, Boolean.TRUE, setAt));
            task(() -> SiteHooks.get(admin, readAt));
        });
        assertEquals(1, of(FindingKind.TASK_LEAK).size(), Findings.all()::toString);
        Finding bleed = of(FindingKind.BLEED).get(0);
        assertEquals(List.of("com.acme.Rules.login(Rules.java:40)"), bleed.setAt());
        assertEquals(List.of("com.acme.Rules.page(Rules.java:50)"), bleed.readAt());
    }

    @Test
    void aLazilyMadeValueReusedByItsMethodIsACacheAndReadElsewhereABleed() throws Exception {
        ThreadLocal<Object> scratch = new ThreadLocal<>();
        SiteHooks.created(scratch, site("<clinit>", 4));
        int getAt = site("scratch", 60);
        int setAt = site("scratch", 62);
        int foreign = site("peek", 70);
        Runnable own = () -> {
            if (SiteHooks.get(scratch, getAt) == null) {
                SiteHooks.set(scratch, new Object(), setAt);
            }
        };
        onThread("lazy", () -> {
            task(own);
            task(own);
            task(own);
        });
        assertEquals(List.of(), problems(), Findings.all()::toString);
        assertEquals("lazy-init", of(FindingKind.CACHE).get(0).classifiedBy());

        Findings.clear();
        onThread("lazy-leaky", () -> {
            task(own);
            task(() -> SiteHooks.get(scratch, foreign));
        });
        Finding bleed = of(FindingKind.BLEED).get(0);
        assertEquals(List.of("com.acme.Rules.peek(Rules.java:70)"), bleed.readAt());
        assertEquals(1, of(FindingKind.TASK_LEAK).size(), Findings.all()::toString);
    }

    @Test
    void threadLocalsMadeOnOneLineAreOneFindingWithAnInstanceCountAndStaticOnesStayApart() throws Exception {
        int perInstance = site("newSession", 80);
        int staticA = site("<clinit>", 81);
        int staticB = site("<clinit>", 82);
        SiteRegistry.recordField(staticA, "com.acme.Rules.A");
        SiteRegistry.recordField(staticB, "com.acme.Rules.B");
        int setAt = site("remember", 90);
        List<ThreadLocal<Object>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ThreadLocal<Object> each = new ThreadLocal<>();
            SiteHooks.created(each, perInstance);
            all.add(each);
        }
        ThreadLocal<Object> a = new ThreadLocal<>();
        SiteHooks.created(a, staticA);
        ThreadLocal<Object> b = new ThreadLocal<>();
        SiteHooks.created(b, staticB);
        all.add(a);
        all.add(b);
        onThread("group", () -> task(() -> {
            for (ThreadLocal<Object> threadLocal : all) {
                SiteHooks.set(threadLocal, new Object(), setAt);
            }
        }));
        List<Finding> leaks = of(FindingKind.TASK_LEAK);
        assertEquals(3, leaks.size(), leaks::toString);
        Finding grouped = leaks.stream().filter(f -> f.field() == null).findFirst().orElseThrow();
        assertEquals(5, grouped.instances());
        assertEquals("com.acme.Rules.newSession(Rules.java:80)", grouped.createdAt());
    }

    @Test
    void threadsAreCountedByIdentityNotByName() throws Exception {
        ThreadLocal<Object> context = new ThreadLocal<>();
        SiteHooks.created(context, site("<clinit>", 5));
        int setAt = site("filter", 100);
        for (int i = 0; i < 20; i++) {
            onThread("", () -> task(() -> SiteHooks.set(context, new Object(), setAt)));
        }
        Finding leak = of(FindingKind.TASK_LEAK).get(0);
        assertEquals(20, leak.threadCount());
        assertEquals(List.of(""), leak.threads());
        assertEquals(20, leak.count());
    }
}

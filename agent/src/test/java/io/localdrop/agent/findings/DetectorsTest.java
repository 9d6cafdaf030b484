package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.sites.SiteHooks;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The detectors driven directly, on a thread of the test's own, through the same calls the rewritten code
 * and the task boundaries make: each finding kind appears when its mistake is made, and not otherwise.
 */
class DetectorsTest {
    @BeforeAll
    static void openMaps() {
        assertTrue(ThreadLocalMapReader.open(ByteBuddyAgent.install()), "java.lang must be readable");
    }

    @BeforeEach
    void clear() {
        Findings.clear();
    }

    private static int site(String method, int line) {
        return SiteRegistry.register("com.acme.Code", method, "Code.java", line);
    }

    private static void onThread(TestThreads.ThrowingRunnable body) throws Exception {
        TestThreads.onThread("detector-thread", body);
    }

    private static List<Finding> of(FindingKind kind) {
        return Findings.all().stream().filter(f -> f.kind() == kind).collect(Collectors.toList());
    }

    /** Something done with an object of a class that a "plugin" loader (parent: the platform loader) defined. */
    private interface WithValue {
        void accept(Object value) throws Exception;
    }

    private static void withPluginValue(WithValue body) throws Exception {
        URL classes = Paths.get("target/test-classes").toUri().toURL();
        try (URLClassLoader plugin = new URLClassLoader("plugin", new URL[] {classes},
                ClassLoader.getPlatformClassLoader())) {
            body.accept(plugin.loadClass(PluginValue.class.getName()).getConstructor().newInstance());
        }
    }

    /** The one CACHE finding, when nothing was found to leak or bleed. */
    private static Finding onlyACache() {
        assertEquals(List.of(), of(FindingKind.TASK_LEAK), Findings.all()::toString);
        assertEquals(List.of(), of(FindingKind.BLEED), Findings.all()::toString);
        List<Finding> caches = of(FindingKind.CACHE);
        assertEquals(1, caches.size(), Findings.all()::toString);
        return caches.get(0);
    }

    @Test
    void aValueSetInOneTaskAndReadInTheNextIsATaskLeakAndABleed() throws Exception {
        ThreadLocal<Object> context = new ThreadLocal<>();
        int created = site("<clinit>", 9);
        int setAt = site("filter", 31);
        int readAt = site("service", 12);
        SiteHooks.created(context, created);
        int before = Census.suspects; // other tests' armed ThreadLocals may hold some
        onThread(() -> {
            Detectors.taskStart();
            SiteHooks.set(context, new Object(), setAt);
            Detectors.taskEnd();
            assertEquals(before + 1, Census.suspects, "a leaked value arms the get check");
            Detectors.taskStart();
            SiteHooks.get(context, readAt);
            SiteHooks.get(context, readAt); // the same task reading twice is one bleed
            Detectors.taskEnd();
            Detectors.threadExit();
        });
        assertEquals(before, Census.suspects, "the thread's exit disarms it");
        Finding leak = of(FindingKind.TASK_LEAK).get(0);
        assertEquals(List.of("com.acme.Code.filter(Code.java:31)"), leak.setAt());
        assertEquals("com.acme.Code.<clinit>(Code.java:9)", leak.createdAt());
        Finding bleed = of(FindingKind.BLEED).get(0);
        assertEquals(List.of("com.acme.Code.filter(Code.java:31)"), bleed.setAt());
        assertEquals(List.of("com.acme.Code.service(Code.java:12)"), bleed.readAt());
        assertEquals(1, bleed.count());
        assertEquals(List.of("detector-thread"), bleed.threads());
        assertEquals("java.lang.Object", bleed.valueType());
        assertEquals(2, Findings.all().size(), Findings.all()::toString);
    }

    @Test
    void aTaskThatSetsItsOwnValueBeforeReadingDoesNotBleed() throws Exception {
        ThreadLocal<Object> context = new ThreadLocal<>();
        int setAt = site("filter", 40);
        int readAt = site("service", 41);
        onThread(() -> {
            Detectors.taskStart();
            SiteHooks.set(context, new Object(), setAt);
            Detectors.taskEnd();
            Detectors.taskStart();
            SiteHooks.set(context, new Object(), setAt);
            SiteHooks.get(context, readAt);
            Detectors.taskEnd();
            Detectors.threadExit();
        });
        assertEquals(List.of(), of(FindingKind.BLEED));
        assertEquals(2, of(FindingKind.TASK_LEAK).get(0).count());
    }

    @Test
    void aTaskThatStoresTheSameConstantItsPredecessorLeftBeforeReadingItDoesNotBleed() throws Exception {
        ThreadLocal<Object> flag = new ThreadLocal<>();
        int setAt = site("enter", 50);
        int readAt = site("check", 51);
        onThread(() -> {
            for (int task = 0; task < 10; task++) {
                Detectors.taskStart();
                SiteHooks.set(flag, Boolean.TRUE, setAt); // Boolean.TRUE, an enum constant: one identity for all
                SiteHooks.get(flag, readAt);
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        assertEquals(List.of(), of(FindingKind.BLEED), "each task read what it had stored itself");
        assertEquals(1, of(FindingKind.TASK_LEAK).size());
    }

    @Test
    void aLeakedThreadLocalOfOneLineKeepsThatLineWhenItsStoreFellOutOfTheTrail() throws Exception {
        // a request that stores into more watched ThreadLocals after the user than the trail grows to hold: the user's
        // store is no longer in the trail at the task end, and its one storing line is still where the value came from
        ThreadLocal<Object> user = new ThreadLocal<>();
        int setAt = site("authenticate", 110);
        int readAt = site("whoami", 111);
        List<ThreadLocal<Object>> others = new java.util.ArrayList<>();
        List<Integer> otherSites = new java.util.ArrayList<>();
        for (int i = 0; i < ThreadTrail.MAX_STORES + 4; i++) {
            others.add(new ThreadLocal<>());
            otherSites.add(site("other" + i, 1200 + i));
        }
        onThread(() -> {
            for (int task = 0; task < 4; task++) {
                Detectors.taskStart();
                SiteHooks.get(user, readAt); // the previous task's user, from the second task on: a BLEED
                SiteHooks.set(user, new Object(), setAt);
                for (int i = 0; i < others.size(); i++) {
                    SiteHooks.set(others.get(i), new Object(), otherSites.get(i)); // leaked too, so watched
                }
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        List<String> line = List.of("com.acme.Code.authenticate(Code.java:110)");
        for (FindingKind kind : new FindingKind[] {FindingKind.TASK_LEAK, FindingKind.BLEED}) {
            List<Finding> ofUser = new java.util.ArrayList<>();
            for (Finding finding : of(kind)) {
                if (finding.setAt().isEmpty() || finding.setAt().equals(line)) {
                    ofUser.add(finding);
                }
            }
            assertEquals(1, ofUser.size(), () -> kind + ": " + ofUser);
            assertEquals(line, ofUser.get(0).setAt(), kind::toString);
        }
    }

    @Test
    void aThreadHoldingHundredsOfThreadLocalsIsReadAtEveryTaskEndAndOneHoldingThousandsNowAndThen() throws Exception {
        // below the scan budget (512 entries) every task end reads the maps: each of 40 tasks' leaks is counted at its
        // end; above it only every n-th end is read (about entries / 32), so the pool's short tasks do not each pay
        // for reading a thousand entries, and the leaks of the tasks after the last read end wait for a later one
        assertEquals(40, leaksCountedAfterHolding(300));
        long thinned = leaksCountedAfterHolding(1_000);
        assertTrue(thinned > 0 && thinned < 40, () -> thinned + " of 40 counted above the budget");
    }

    /** On a fresh thread: one task leaves {@code held} values, 40 more tasks each leave one; the latter's count. */
    private static long leaksCountedAfterHolding(int held) throws Exception {
        Findings.clear();
        // lines of this call's own: a creation line tracks at most 1,024 live ThreadLocals
        int createdInBulk = site("bulkCreate", 10_000 + held);
        int setInBulk = site("bulkSet", 20_000 + held);
        int createdPerTask = site("perTaskCreate", 30_000 + held);
        int setPerTask = site("perTaskSet", 40_000 + held);
        List<ThreadLocal<Object>> kept = new java.util.ArrayList<>(); // all reachable: no entry goes stale
        onThread(() -> {
            Detectors.taskStart();
            for (int i = 0; i < held; i++) {
                ThreadLocal<Object> bulk = new ThreadLocal<>();
                SiteHooks.created(bulk, createdInBulk);
                kept.add(bulk);
                SiteHooks.set(bulk, new Object(), setInBulk);
            }
            Detectors.taskEnd();
            for (int task = 0; task < 40; task++) {
                Detectors.taskStart();
                ThreadLocal<Object> left = new ThreadLocal<>();
                SiteHooks.created(left, createdPerTask);
                kept.add(left);
                SiteHooks.set(left, new Object(), setPerTask);
                Detectors.taskEnd();
            }
        });
        List<String> line = List.of("com.acme.Code.perTaskSet(Code.java:" + (40_000 + held) + ")");
        return of(FindingKind.TASK_LEAK).stream().filter(f -> f.setAt().equals(line)).mapToLong(Finding::count).sum();
    }

    @Test
    void aThreadLocalStoredFromTwoLinesIsAttributedToTheLineThatStoredTheLeftValue() throws Exception {
        ThreadLocal<Object> context = new ThreadLocal<>();
        int login = site("login", 100);
        int impersonate = site("impersonate", 101);
        onThread(() -> {
            for (int site : new int[] {login, impersonate, login}) {
                Detectors.taskStart();
                SiteHooks.set(context, new Object(), site);
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        List<Finding> leaks = of(FindingKind.TASK_LEAK);
        assertEquals(2, leaks.size(), leaks::toString);
        for (Finding leak : leaks) {
            long expected = leak.setAt().equals(List.of("com.acme.Code.login(Code.java:100)")) ? 2 : 1;
            assertEquals(expected, leak.count(), leak.setAt()::toString);
        }
    }

    /**
     * An event loop whose I/O handling runs outside the Runnables it runs as tasks (Netty's epoll transport, the
     * default of Reactor Netty on Linux): a handler stores the user while serving one read and never removes it, the
     * loop runs a queued task, and the handler of the next read, between tasks again, gets the earlier user.
     */
    @Test
    void aValueStoredBetweenTasksAndReadAfterTheNextTaskIsABleed() throws Exception {
        ThreadLocal<Object> user = new ThreadLocal<>();
        int login = site("login", 120);
        int whoami = site("whoami", 121);
        onThread(() -> {
            Detectors.taskStart(); // the loop's first queued task (a channel's registration)
            Detectors.taskEnd();
            SiteHooks.set(user, new Object(), login); // one read's handler, outside any task
            for (int read = 0; read < 3; read++) {
                Detectors.taskStart(); // a task the loop runs between two reads
                Detectors.taskEnd();
                SiteHooks.get(user, whoami); // the next read's handler: an earlier read's user
                SiteHooks.get(user, whoami); // read twice between the same two tasks: one bleed
                SiteHooks.set(user, new Object(), login);
            }
            Detectors.threadExit();
        });
        Finding bleed = of(FindingKind.BLEED).get(0);
        assertEquals(List.of("com.acme.Code.login(Code.java:120)"), bleed.setAt());
        assertEquals(List.of("com.acme.Code.whoami(Code.java:121)"), bleed.readAt());
        assertEquals(3, bleed.count(), Findings.all()::toString);
        assertEquals(1, of(FindingKind.BLEED).size(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Code.login(Code.java:120)"), of(FindingKind.TASK_LEAK).get(0).setAt());
    }

    /**
     * A thread that enters a scope (a ThreadLocal set) before each task it runs in place and puts back what was there
     * after it, as Jetty 12.1's shutdown thread does with one context after another: the scope is the thread's own work
     * and what the task was given, read inside the task; no finding. Before, every scope but the first was judged a
     * TASK_LEAK of the task that ran in it.
     */
    @Test
    void aScopeEnteredBeforeEachTaskAndLeftAfterItIsNoFinding() throws Exception {
        ThreadLocal<Object> current = new ThreadLocal<>();
        int enter = site("enterScope", 180);
        int exit = site("exitScope", 181);
        int read = site("currentContext", 182);
        onThread(() -> {
            for (int context = 0; context < 4; context++) {
                SiteHooks.set(current, new Object(), enter);
                Detectors.taskStart(); // the context's run(Runnable): an Executor's own call
                SiteHooks.get(current, read); // the task reads the context it runs in
                Detectors.taskEnd();
                SiteHooks.set(current, null, exit);
            }
            Detectors.threadExit();
        });
        assertEquals(List.of(), Findings.all(), Findings.all()::toString);
    }

    /**
     * A re-entrancy guard used between tasks (logback's ReentryGuard around an appender, on a Netty 4.2 NIO event loop
     * whose reads are not tasks): isLocked() reads it, lock() sets TRUE, unlock() sets FALSE, and a later read finds
     * the FALSE it left. The code's own per-thread state (read-before-store by one class), as inside a task: no finding.
     * Putting every between-task value on the stored-between-tasks probation gave a false BLEED here.
     */
    @Test
    void aGuardSetAndResetBetweenTasksIsNoFinding() throws Exception {
        ThreadLocal<Object> guard = new ThreadLocal<>();
        int isLocked = site("isLocked", 190);
        int lock = site("lock", 191);
        int unlock = site("unlock", 192);
        onThread(() -> {
            Detectors.taskStart(); // the loop's first queued task
            Detectors.taskEnd();
            for (int read = 0; read < 4; read++) {
                SiteHooks.get(guard, isLocked); // one read's handler logs, between tasks
                SiteHooks.set(guard, Boolean.TRUE, lock);
                SiteHooks.set(guard, Boolean.FALSE, unlock);
                Detectors.taskStart(); // a queued task between two reads
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        assertEquals(List.of(), of(FindingKind.BLEED), Findings.all()::toString);
        assertEquals(List.of(), of(FindingKind.TASK_LEAK), Findings.all()::toString);
    }

    /**
     * A JDK container (logback's MDC map) filled on an event loop between tasks and never emptied: judged a leak at
     * the next task end; a read between later tasks, while it holds entries, is a bleed. The read right after the task
     * that judged it cannot be told from a loop cleaning up its task's map, and is not.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aJdkContainerLeftBetweenTasksAndReadBetweenLaterOnesIsABleed() throws Exception {
        ThreadLocal<Object> mdc = new ThreadLocal<>();
        int made = site("mdcMap", 170);
        int read = site("mdcGet", 171);
        onThread(() -> {
            Detectors.taskStart();
            Detectors.taskEnd();
            SiteHooks.set(mdc, new java.util.HashMap<String, String>(), made);
            ((java.util.Map<String, String>) SiteHooks.get(mdc, read)).put("user", "alice"); // filled in place
            Detectors.taskStart();
            Detectors.taskEnd(); // judged: a container holding entries
            SiteHooks.get(mdc, read); // right after that task: not told from its own
            for (int stretch = 0; stretch < 2; stretch++) {
                Detectors.taskStart();
                Detectors.taskEnd();
                SiteHooks.get(mdc, read); // later work: a bleed each stretch
            }
            Detectors.threadExit();
        });
        List<Finding> bleeds = of(FindingKind.BLEED);
        assertEquals(1, bleeds.size(), Findings.all()::toString);
        assertEquals(2, bleeds.get(0).count(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Code.mdcGet(Code.java:171)"), bleeds.get(0).readAt());
    }

    /**
     * A worker loop that reads what its task left right after the task, outside it, to clean it up: the value is the
     * task's own leftover (a TASK_LEAK at the task's end, as before), read by no later work: no bleed.
     */
    /**
     * The same, with the map made lazily by its own put (MDC.put's shape) between tasks, as an event loop's handler
     * does: the code's own container on probation, and read between later tasks by another method (MDC.get) while
     * it holds entries, a leak after all and a bleed of each stretch.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aJdkContainerMadeLazilyBetweenTasksAndReadBetweenLaterOnesByAnotherMethodIsALeakAndABleed() throws Exception {
        ThreadLocal<java.util.Map<String, String>> mdc = new ThreadLocal<>();
        int putGet = site("mdcPut", 175);
        int putSet = site("mdcPut", 176);
        int read = site("mdcGet", 177);
        onThread(() -> {
            Detectors.taskStart();
            Detectors.taskEnd();
            java.util.Map<String, String> map = (java.util.Map<String, String>) SiteHooks.get(mdc, putGet);
            if (map == null) {
                map = new java.util.HashMap<>();
                SiteHooks.set(mdc, map, putSet);
            }
            map.put("user", "alice"); // an I/O handler's put, never removed
            Detectors.taskStart(); // sees the store between tasks: the map is its code's own, on probation
            Detectors.taskEnd();
            for (int stretch = 0; stretch < 2; stretch++) {
                Detectors.taskStart();
                Detectors.taskEnd();
                SiteHooks.get(mdc, read); // later I/O handling reads it: the first handler's user
            }
            Detectors.threadExit();
        });
        assertEquals(1, of(FindingKind.TASK_LEAK).size(), Findings.all()::toString);
        List<Finding> bleeds = of(FindingKind.BLEED);
        assertEquals(1, bleeds.size(), Findings.all()::toString);
        assertEquals(2, bleeds.get(0).count(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Code.mdcGet(Code.java:177)"), bleeds.get(0).readAt());
    }

    /**
     * A pool worker made while its creator held a user in an InheritableThreadLocal (a request that submitted the first
     * job): the worker starts with a copy, which no task of it stored. Its first task is the job the creator handed
     * it, whose read is its own; each later task that reads it reads the creator's user, a BLEED once per task
     * ({@code inherited}), and no TASK_LEAK, since no task left it. A task that stores its own user reads its own;
     * once a task removed it, nothing is left to read.
     */
    @Test
    void aValueTheWorkerInheritedFromItsCreatorIsABleedOfEachTaskThatReadsIt() throws Exception {
        InheritableThreadLocal<Object> user = new InheritableThreadLocal<>();
        int signIn = site("signIn", 180);
        int read = site("currentUser", 181);
        SiteHooks.set(user, "alice", signIn); // the creating thread's request
        try {
            onThread(() -> {
                for (int task = 0; task < 3; task++) {
                    Detectors.taskStart();
                    SiteHooks.get(user, read);
                    SiteHooks.get(user, read); // one bleed a task
                    Detectors.taskEnd();
                }
                Detectors.taskStart();
                SiteHooks.set(user, "bob", signIn);
                SiteHooks.get(user, read); // its own
                SiteHooks.remove(user, read);
                Detectors.taskEnd();
                Detectors.taskStart();
                SiteHooks.get(user, read); // nothing left
                Detectors.taskEnd();
                Detectors.threadExit();
            });
        } finally {
            user.remove();
        }
        assertEquals(List.of(), of(FindingKind.TASK_LEAK), Findings.all()::toString);
        List<Finding> bleeds = of(FindingKind.BLEED);
        assertEquals(1, bleeds.size(), Findings.all()::toString);
        assertEquals(2, bleeds.get(0).count(), Findings.all()::toString); // tasks 2 and 3
        assertEquals("inherited", bleeds.get(0).classifiedBy());
        assertEquals(List.of("com.acme.Code.signIn(Code.java:180)"), bleeds.get(0).setAt());
        assertEquals(List.of("com.acme.Code.currentUser(Code.java:181)"), bleeds.get(0).readAt());
    }

    /**
     * An event loop made while its creator held a user: its I/O work between tasks reads the inherited user too, a
     * BLEED of each stretch between two tasks; an inherited map counts while it holds the creator's entries.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anInheritedValueReadBetweenTasksIsABleedOfEachStretch() throws Exception {
        InheritableThreadLocal<Object> user = new InheritableThreadLocal<>();
        InheritableThreadLocal<java.util.Map<String, String>> mdc = new InheritableThreadLocal<>();
        int signIn = site("signIn", 184);
        int read = site("channelRead", 185);
        int putMdc = site("mdcPut", 186);
        int readMdc = site("mdcGet", 187);
        java.util.Map<String, String> context = new java.util.HashMap<>(java.util.Map.of("user", "alice"));
        SiteHooks.set(user, "alice", signIn);
        SiteHooks.set(mdc, context, putMdc);
        try {
            onThread(() -> {
                for (int stretch = 0; stretch < 2; stretch++) {
                    Detectors.taskStart();
                    Detectors.taskEnd();
                    SiteHooks.get(user, read); // the loop's I/O handling, between its tasks
                    SiteHooks.get(user, read); // one bleed a stretch
                    SiteHooks.get(mdc, readMdc);
                }
                ((java.util.Map<String, String>) SiteHooks.get(mdc, readMdc)).clear(); // emptied in place
                Detectors.taskStart();
                Detectors.taskEnd();
                SiteHooks.get(mdc, readMdc); // holds nothing of the creator's
                Detectors.threadExit();
            });
        } finally {
            user.remove();
            mdc.remove();
        }
        List<Finding> bleeds = of(FindingKind.BLEED);
        assertEquals(2, bleeds.size(), Findings.all()::toString);
        for (Finding bleed : bleeds) {
            assertEquals(2, bleed.count(), Findings.all()::toString);
            assertEquals("inherited", bleed.classifiedBy());
        }
        assertEquals(List.of(), of(FindingKind.TASK_LEAK), Findings.all()::toString);
    }

    /**
     * An AutoCloseable a worker inherited is its creator's object, still in use there: no EXIT_LEAK when the worker
     * exits holding it (mode=enforce does not close it either); one the worker stored itself and left is.
     */
    @Test
    void anInheritedAutoCloseableIsNoExitLeakOfTheWorker() throws Exception {
        InheritableThreadLocal<AutoCloseable> shared = new InheritableThreadLocal<>();
        ThreadLocal<AutoCloseable> own = new ThreadLocal<>();
        int creatorSet = site("openShared", 188);
        int workerSet = site("openOwn", 189);
        AutoCloseable creators = () -> { };
        SiteHooks.set(shared, creators, creatorSet);
        try {
            onThread(() -> {
                Detectors.taskStart();
                SiteHooks.set(own, (AutoCloseable) () -> { }, workerSet); // left on the worker
                Detectors.taskEnd();
                Detectors.threadExit();
            });
        } finally {
            shared.remove();
        }
        List<Finding> exits = of(FindingKind.EXIT_LEAK);
        assertEquals(1, exits.size(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Code.openOwn(Code.java:189)"), exits.get(0).setAt(), Findings.all()::toString);
    }

    /**
     * The same worker made before its creator stored the user inherits nothing; nor is a value the worker stored
     * itself in an earlier task inherited: reads of values its own tasks store and remove are no problem.
     */
    @Test
    void aWorkerMadeBeforeItsCreatorStoredInheritsNothing() throws Exception {
        InheritableThreadLocal<Object> user = new InheritableThreadLocal<>();
        int signIn = site("signIn", 182);
        int read = site("currentUser", 183);
        java.util.concurrent.CountDownLatch stored = new java.util.concurrent.CountDownLatch(1);
        Throwable[] failed = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                stored.await();
                for (int task = 0; task < 3; task++) {
                    Detectors.taskStart();
                    SiteHooks.set(user, "task" + task, signIn);
                    SiteHooks.get(user, read);
                    SiteHooks.remove(user, read);
                    Detectors.taskEnd();
                }
                Detectors.threadExit();
            } catch (Throwable failure) {
                failed[0] = failure;
            }
        }, "detector-thread");
        worker.start();
        SiteHooks.set(user, "alice", signIn); // after the worker was made
        try {
            stored.countDown();
            worker.join();
        } finally {
            user.remove();
        }
        assertEquals(null, failed[0]);
        assertEquals(List.of(), Findings.all(), Findings.all()::toString);
    }

    @Test
    void aLoopReadingWhatItsTaskLeftRightAfterItIsNoBleed() throws Exception {
        ThreadLocal<Object> context = new ThreadLocal<>();
        int setAt = site("handle", 130);
        int readAt = site("afterTask", 131);
        onThread(() -> {
            for (int task = 0; task < 4; task++) {
                Detectors.taskStart();
                SiteHooks.set(context, new Object(), setAt);
                Detectors.taskEnd();
                SiteHooks.get(context, readAt); // the loop, between tasks, cleans up
                SiteHooks.remove(context, readAt);
            }
            Detectors.threadExit();
        });
        assertEquals(List.of(), of(FindingKind.BLEED));
        assertEquals(1, of(FindingKind.TASK_LEAK).size(), Findings.all()::toString);
    }

    /** Between tasks, a value left by a task two tasks back is read by later work than its own: a bleed. */
    @Test
    void aValueLeftByAnEarlierTaskReadBetweenLaterTasksIsABleed() throws Exception {
        ThreadLocal<Object> context = new ThreadLocal<>();
        int setAt = site("handle", 140);
        int readAt = site("onEvent", 141);
        onThread(() -> {
            Detectors.taskStart();
            SiteHooks.set(context, new Object(), setAt);
            Detectors.taskEnd();
            SiteHooks.get(context, readAt); // right after its own task: that task's
            Detectors.taskStart(); // a task that does not touch it
            Detectors.taskEnd();
            SiteHooks.get(context, readAt); // later work
            Detectors.threadExit();
        });
        Finding bleed = of(FindingKind.BLEED).get(0);
        assertEquals(1, bleed.count(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Code.onEvent(Code.java:141)"), bleed.readAt());
    }

    /**
     * A value a thread stored from a ThreadLocal's one storing line, unrecorded (the fast path), judged after another
     * line stored into it elsewhere: every store since that moment is recorded, so the value came from the one line
     * it had before, and the leak and its bleed name it (they were a finding of their own without a line).
     */
    @Test
    void aValueStoredBeforeItsThreadLocalGotASecondStoringLineKeepsThatLine() throws Exception {
        ThreadLocal<Object> user = new ThreadLocal<>();
        int login = site("login", 150);
        int elsewhere = site("loginElsewhere", 151);
        int whoami = site("whoami", 152);
        onThread(() -> {
            TestThreads.onThread("first-store", () -> SiteHooks.set(user, new Object(), login));
            Detectors.taskStart();
            SiteHooks.set(user, new Object(), login); // one storing line: the fast path, no record
            TestThreads.onThread("second-line", () -> SiteHooks.set(user, new Object(), elsewhere));
            Detectors.taskEnd();
            Detectors.taskStart();
            SiteHooks.get(user, whoami);
            Detectors.taskEnd();
            Detectors.threadExit();
        });
        assertEquals(List.of("com.acme.Code.login(Code.java:150)"), of(FindingKind.TASK_LEAK).get(0).setAt(),
                Findings.all()::toString);
        assertEquals(1, of(FindingKind.TASK_LEAK).size(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Code.login(Code.java:150)"), of(FindingKind.BLEED).get(0).setAt());
    }

    /**
     * A value stored from the second line, whose record the thread's trail then dropped (more other watched stores in
     * its task than the trail grows to hold): it is not the first line's, so it has no line rather than a wrong one.
     */
    @Test
    void aValueOfTheSecondLineWhoseRecordWasDroppedHasNoLine() throws Exception {
        ThreadLocal<Object> user = new ThreadLocal<>();
        int login = site("login", 160);
        int elsewhere = site("loginElsewhere", 161);
        int other = site("other", 162);
        int otherElsewhere = site("otherElsewhere", 163);
        onThread(() -> {
            TestThreads.onThread("first-store", () -> SiteHooks.set(user, new Object(), login));
            Detectors.taskStart();
            SiteHooks.set(user, new Object(), elsewhere); // the second line: recorded
            for (int i = 0; i < ThreadTrail.MAX_STORES + 4; i++) {
                // ThreadLocals of two lines each, recorded: more than the trail holds
                ThreadLocal<Object> watched = new ThreadLocal<>();
                SiteHooks.set(watched, new Object(), other);
                SiteHooks.set(watched, new Object(), otherElsewhere);
                SiteHooks.remove(watched, other);
            }
            Detectors.taskEnd();
            Detectors.threadExit();
        });
        assertEquals(List.of(), of(FindingKind.TASK_LEAK).get(0).setAt(), Findings.all()::toString);
    }

    /**
     * A per-thread cache made lazily at a task's start (a ThreadLocal with a second storing line elsewhere, so its stores
     * are recorded), then more request ThreadLocals of two lines each than the trail starts with (16), set and removed
     * in the task: the cache's record must outlast them, or its value has no line and no lazy-init rule at the task's
     * end and is judged a leak, and the next task's read of it a BLEED (a false ERROR).
     */
    @Test
    void aLazyCacheStaysACacheWhenTheTaskRecordsMoreThreadLocalsThanTheTrailStartsWith() throws Exception {
        ThreadLocal<Object> cache = new ThreadLocal<>();
        int cacheGet = site("cache", 230);
        int cacheSet = site("cache", 231);
        int reset = site("resetCache", 232);
        int bind = site("bind", 233);
        int rebind = site("rebind", 234);
        List<ThreadLocal<Object>> request = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            request.add(new ThreadLocal<>());
        }
        TestThreads.onThread("reset", () -> SiteHooks.set(cache, new Object(), reset)); // its second line
        onThread(() -> {
            for (int task = 0; task < 3; task++) {
                Detectors.taskStart();
                if (SiteHooks.get(cache, cacheGet) == null) {
                    SiteHooks.set(cache, new Object(), cacheSet);
                }
                for (ThreadLocal<Object> each : request) {
                    SiteHooks.set(each, new Object(), bind);
                    SiteHooks.set(each, new Object(), rebind);
                }
                for (ThreadLocal<Object> each : request) {
                    SiteHooks.remove(each, rebind);
                }
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        assertEquals(List.of("com.acme.Code.cache(Code.java:231)"), onlyACache().setAt());
    }

    @Test
    void setThenRemoveInEveryTaskFindsNothing() throws Exception {
        ThreadLocal<Object> context = new ThreadLocal<>();
        int setAt = site("filter", 50);
        int removeAt = site("filter", 52);
        onThread(() -> {
            for (int task = 0; task < 3; task++) {
                Detectors.taskStart();
                SiteHooks.set(context, new Object(), setAt);
                SiteHooks.get(context, removeAt);
                SiteHooks.remove(context, removeAt);
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        assertEquals(List.of(), Findings.all());
    }

    @Test
    void anInitialValueReusedAcrossTasksIsACacheOnly() throws Exception {
        ThreadLocal<StringBuilder> cache = ThreadLocal.withInitial(StringBuilder::new);
        int created = site("<clinit>", 60);
        SiteRegistryAccess.recordInitial(created);
        SiteHooks.created(cache, created);
        int readAt = site("format", 61);
        onThread(() -> {
            for (int task = 0; task < 3; task++) {
                Detectors.taskStart();
                SiteHooks.get(cache, readAt);
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        assertEquals(1, Findings.all().size(), Findings.all()::toString);
        Finding finding = of(FindingKind.CACHE).get(0);
        assertEquals(FindingKind.Severity.INFO, finding.severity());
        assertEquals("java.lang.StringBuilder", finding.valueType());
        assertEquals(1, finding.count(), "one per thread and value, not one per task");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMapMadeByItsInitialValueAndReadByItsFirstReaderOnlyIsACacheEvenWhenAnotherMethodReadsItEmpty()
            throws Exception {
        ThreadLocal<java.util.Map<String, String>> memo = ThreadLocal.withInitial(java.util.HashMap::new);
        int created = site("<clinit>", 80);
        SiteRegistryAccess.recordInitial(created);
        SiteHooks.created(memo, created);
        int lookup = site("lookup", 81);
        int stats = site("stats", 82);
        onThread(() -> {
            for (int task = 0; task < 2; task++) {
                Detectors.taskStart();
                java.util.Map<String, String> map = (java.util.Map<String, String>) SiteHooks.get(memo, lookup);
                if (task == 1) {
                    map.clear(); // emptied by its own method: another method reading it empty reads nothing
                    SiteHooks.get(memo, stats);
                }
                map.computeIfAbsent("k", String::toUpperCase);
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        Finding cache = onlyACache();
        assertEquals("own-container", cache.classifiedBy());
        assertEquals(List.of("com.acme.Code.lookup(Code.java:81)"), cache.setAt(), "its own reader");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMapMadeLazilyAndLeftFilledIsALeakAtItsFirstReadByAnotherMethodAndABleedOfEveryLaterTask()
            throws Exception {
        ThreadLocal<java.util.Map<String, String>> context = new ThreadLocal<>();
        int putGet = site("put", 90);
        int putSet = site("put", 91);
        int get = site("get", 95);
        onThread(() -> {
            for (int task = 0; task < 3; task++) {
                Detectors.taskStart();
                if (task > 0) {
                    SiteHooks.get(context, task == 1 ? get : putGet); // task 1: MDC.get; task 2: put's own get
                }
                java.util.Map<String, String> map = (java.util.Map<String, String>) SiteHooks.get(context, putGet);
                if (map == null) {
                    map = new java.util.HashMap<>();
                    SiteHooks.set(context, map, putSet);
                }
                map.put("user", "u" + task);
                Detectors.taskEnd();
            }
            Detectors.threadExit();
        });
        List<Finding> leaks = of(FindingKind.TASK_LEAK);
        assertEquals(1, leaks.size(), Findings.all()::toString);
        assertEquals("jdk-container", leaks.get(0).classifiedBy());
        assertEquals(List.of("com.acme.Code.put(Code.java:91)"), leaks.get(0).setAt());
        List<Finding> bleeds = of(FindingKind.BLEED);
        assertEquals(2, bleeds.stream().mapToLong(Finding::count).sum(), Findings.all()::toString);
        assertTrue(bleeds.stream().anyMatch(b -> b.readAt().contains("com.acme.Code.get(Code.java:95)")),
                Findings.all()::toString);
        assertEquals(List.of(), of(FindingKind.CACHE), Findings.all()::toString);
    }

    @Test
    void anAutoCloseableHeldAtThreadExitIsAnExitLeak() throws Exception {
        ThreadLocal<AutoCloseable> resource = new ThreadLocal<>();
        int setAt = site("open", 70);
        onThread(() -> {
            SiteHooks.set(resource, (AutoCloseable) () -> { }, setAt);
            Detectors.threadExit();
            Detectors.threadExit(); // JDK 17 may call Thread.exit() more than once: reported once
        });
        Finding exit = of(FindingKind.EXIT_LEAK).get(0);
        assertEquals(1, exit.count());
        assertEquals(List.of("com.acme.Code.open(Code.java:70)"), exit.setAt());
    }

    /**
     * The exit's twin of {@link #aValueStoredBeforeItsThreadLocalGotASecondStoringLineKeepsThatLine}: an AutoCloseable
     * stored from a ThreadLocal's one line (unrecorded), held at exit after another line stored into it elsewhere, is
     * that line's EXIT_LEAK (the exit scan asked only "one storing line?", and gave it no line).
     */
    @Test
    void anAutoCloseableStoredBeforeItsThreadLocalGotASecondLineKeepsThatLineAtExit() throws Exception {
        ThreadLocal<Object> resource = new ThreadLocal<>();
        int open = site("open", 170);
        int elsewhere = site("openElsewhere", 171);
        onThread(() -> {
            TestThreads.onThread("first-store", () -> SiteHooks.set(resource, new Object(), open));
            SiteHooks.set(resource, (AutoCloseable) () -> { }, open); // one storing line: the fast path, no record
            TestThreads.onThread("second-line", () -> SiteHooks.set(resource, new Object(), elsewhere));
            Detectors.threadExit();
        });
        Finding exit = of(FindingKind.EXIT_LEAK).get(0);
        assertEquals(1, of(FindingKind.EXIT_LEAK).size(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Code.open(Code.java:170)"), exit.setAt(), Findings.all()::toString);
    }

    /** The same pin, stored by the thread between two of its tasks (rule stored-between-tasks): found at the next start. */
    @Test
    void aValueFromAForeignClassLoaderStoredBetweenTasksPinsIt() throws Exception {
        ThreadLocal<Object> holder = new ThreadLocal<>();
        int setAt = site("plugin", 81);
        withPluginValue(value -> onThread(() -> {
            Detectors.taskStart();
            Detectors.taskEnd();
            SiteHooks.set(holder, value, setAt); // between tasks
            Detectors.taskStart();
            Detectors.taskEnd();
            Detectors.threadExit();
        }));
        Finding pin = of(FindingKind.CLASSLOADER_PIN).get(0);
        assertEquals("plugin", pin.valueClassLoader());
        assertEquals(List.of("com.acme.Code.plugin(Code.java:81)"), pin.setAt(), Findings.all()::toString);
    }

    @Test
    void aValueFromAForeignClassLoaderPinsIt() throws Exception {
        ThreadLocal<Object> holder = new ThreadLocal<>();
        int setAt = site("plugin", 80);
        withPluginValue(value -> onThread(() -> {
            Detectors.taskStart();
            SiteHooks.set(holder, value, setAt);
            Detectors.taskEnd();
            Detectors.threadExit();
        }));
        Finding pin = of(FindingKind.CLASSLOADER_PIN).get(0);
        assertEquals("plugin", pin.valueClassLoader());
        assertEquals(PluginValue.class.getName(), pin.valueType());
        assertEquals(FindingKind.Severity.ERROR, pin.severity());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJdkContainerHoldingAForeignLoadersObjectPinsItAndOneHoldingAReferenceToItDoesNot() throws Exception {
        ThreadLocal<java.util.Map<String, Object>> cache = ThreadLocal.withInitial(java.util.HashMap::new);
        ThreadLocal<List<Object>> weak = ThreadLocal.withInitial(java.util.ArrayList::new);
        int created = site("<clinit>", 85);
        SiteRegistryAccess.recordInitial(created);
        SiteHooks.created(cache, created);
        SiteHooks.created(weak, created);
        int readAt = site("lookup", 86);
        withPluginValue(value -> onThread(() -> {
            Detectors.taskStart();
            ((java.util.Map<String, Object>) SiteHooks.get(cache, readAt)).put("state", value);
            ((List<Object>) SiteHooks.get(weak, readAt)).add(new java.lang.ref.WeakReference<>(value));
            Detectors.taskEnd();
            Detectors.threadExit();
        }));
        List<Finding> pins = of(FindingKind.CLASSLOADER_PIN);
        assertEquals(1, pins.size(), Findings.all()::toString);
        assertEquals("plugin", pins.get(0).valueClassLoader());
        assertEquals(PluginValue.class.getName(), pins.get(0).valueType(), "the entry that pins, not the map");
        assertEquals("jdk-container", pins.get(0).classifiedBy());
    }

    @Test
    void valuesPresentBeforeTheFirstTaskAreNotTheTasksDoing() throws Exception {
        ThreadLocal<Object> early = new ThreadLocal<>();
        int setAt = site("init", 90);
        onThread(() -> {
            SiteHooks.set(early, new Object(), setAt);
            Detectors.taskStart();
            Detectors.taskEnd();
            Detectors.threadExit();
        });
        assertEquals(List.of(), Findings.all());
    }

    @Test
    void aValueReplacedInItsEntryAfterTasksThatChangedNothingIsJudged() throws Exception {
        // the task ends that change nothing take the short cut (MapShape); a store into the same entry keeps the
        // map's size and slot, and must still be seen
        ThreadLocal<Object> context = new ThreadLocal<>();
        SiteHooks.created(context, site("<clinit>", 95));
        int setAt = site("handle", 96);
        onThread(() -> {
            context.set("before the first task"); // not a task's doing: settled
            for (int i = 0; i < 3; i++) {
                Detectors.taskStart();
                Detectors.taskEnd();
            }
            assertEquals(List.of(), Findings.all());
            Detectors.taskStart();
            SiteHooks.set(context, new Object(), setAt);
            Detectors.taskEnd();
            Detectors.threadExit();
        });
        List<Finding> leaks = of(FindingKind.TASK_LEAK);
        assertEquals(1, leaks.size(), Findings.all()::toString);
        assertEquals(List.of("com.acme.Code.handle(Code.java:96)"), leaks.get(0).setAt());
    }

    /** A class a foreign loader defines its own copy of. */
    public static final class PluginValue {
        public PluginValue() {
        }
    }
}

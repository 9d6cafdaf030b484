package io.localdrop.it.observe;

import io.localdrop.it.diagnose.LeakyPoolCheck;
import io.localdrop.it.enforce.ConnectionFixture;
import io.localdrop.it.enforce.FailingCloseFixture;
import io.localdrop.it.support.ChildJvm;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's JFR events in a real recording ({@code -XX:StartFlightRecording}) of a child JVM, read back with
 * {@link RecordingFile}: the leaky example's BLEED and TASK_LEAK as {@code io.localdrop.Finding} with their
 * lines, an owned key's failing destructor as {@code io.localdrop.DestructorFailed}, and a thread's cleanup at its
 * exit or at a wipe as {@code io.localdrop.ThreadCleanup}: the owned keys the runtime destroyed and the values enforce
 * closed, counted in one event; and a recording started after the first
 * findings gets the later ones.
 */
class JfrEventsTest {
    @Test
    void aRecordingOfTheLeakyExampleHoldsItsFindingsWithTheirLines() throws Exception {
        List<RecordedEvent> findings = record(ChildJvm.main(LeakyPoolCheck.class), "io.localdrop.Finding");

        List<RecordedEvent> bleeds = ofKind(findings, "BLEED");
        assertFalse(bleeds.isEmpty(), "no BLEED event: " + findings);
        RecordedEvent bleed = bleeds.get(0);
        assertEquals("ERROR", bleed.getString("severity"));
        assertEquals("io.localdrop.examples.LeakyPool.CURRENT_USER", bleed.getString("threadLocal"));
        assertTrue(bleed.getString("setAt").contains(LeakyPoolRun.setLine()), bleed.toString());
        assertTrue(bleed.getString("readAt").contains(LeakyPoolRun.readLine()), bleed.toString());
        assertEquals("java.lang.String", bleed.getString("valueType"));
        assertTrue(bleed.getThread().getJavaName().startsWith("pool-1-thread-"), bleed.toString());

        List<RecordedEvent> taskLeaks = ofKind(findings, "TASK_LEAK");
        assertFalse(taskLeaks.isEmpty(), "no TASK_LEAK event: " + findings);
        assertTrue(taskLeaks.get(0).getString("setAt").contains(LeakyPoolRun.setLine()), taskLeaks.get(0).toString());
        for (RecordedEvent event : findings) {
            assertEquals(1, Long.bitCount(event.getLong("count")), "throttled to powers of two: " + event);
        }
    }

    @Test
    void anOwnedKeysFailingDestructorIsADestructorFailedEvent() throws Exception {
        List<RecordedEvent> failures = record(ChildJvm.main(FailingCloseFixture.class)
                .agentOptions("mode=enforce,onDestructorFailure=log").args("owned"), "io.localdrop.DestructorFailed");
        List<RecordedEvent> owned = failures.stream().filter(event -> "failing-owned-key".equals(event.getString("key")))
                .collect(Collectors.toList());
        assertEquals(1, owned.size(), failures.toString());
        assertTrue(owned.get(0).getString("exceptionClass").contains("Exception"), owned.get(0).toString());
        assertTrue(owned.get(0).getString("thread") != null, owned.get(0).toString());
    }

    @Test
    void enforceClosingAThreadsValuesAtItsExitIsAThreadCleanupEvent() throws Exception {
        List<RecordedEvent> cleanups = record(ChildJvm.main(ConnectionFixture.class).agentOptions("mode=enforce")
                .args("thread"), "io.localdrop.ThreadCleanup");
        List<RecordedEvent> worker = cleanups.stream().filter(event -> "jdbc-worker".equals(event.getString("thread")))
                .collect(Collectors.toList());
        assertEquals(1, worker.size(), cleanups.toString());
        assertEquals("exit", worker.get(0).getString("reason"));
        assertEquals(2, worker.get(0).getInt("valuesClosed"), "the connection and the audit: " + worker.get(0));
        assertEquals(1, worker.get(0).getInt("rounds"), worker.get(0).toString());
    }

    @Test
    void aThreadsOwnedKeysDestroyedAtItsExitAreCountedInItsThreadCleanupEvent() throws Exception {
        // default mode: the exit leaves only the runtime's state, so no feature runs, and the bridge reports the count
        RecordedEvent cleanup = only(record(ChildJvm.main(OwnedKeysCleanupFixture.class).args("exit"),
                "io.localdrop.ThreadCleanup"), OwnedKeysCleanupFixture.EXITING_THREAD);
        assertEquals("exit", cleanup.getString("reason"));
        assertEquals(OwnedKeysCleanupFixture.KEYS, cleanup.getInt("ownedKeysDestroyed"), cleanup.toString());
        assertEquals(0, cleanup.getInt("valuesClosed"), cleanup.toString());
        assertEquals(1, cleanup.getInt("rounds"), cleanup.toString());
        assertTrue(cleanup.getDuration().toNanos() >= 0, cleanup.toString());
    }

    @Test
    void ownedKeysAndEnforcesClosedValuesOfOneExitAreOneThreadCleanupEvent() throws Exception {
        RecordedEvent cleanup = only(record(ChildJvm.main(OwnedKeysCleanupFixture.class).agentOptions("mode=enforce")
                .args("mixed"), "io.localdrop.ThreadCleanup"), OwnedKeysCleanupFixture.EXITING_THREAD);
        assertEquals(OwnedKeysCleanupFixture.KEYS, cleanup.getInt("ownedKeysDestroyed"), cleanup.toString());
        assertEquals(OwnedKeysCleanupFixture.CLOSEABLES, cleanup.getInt("valuesClosed"), cleanup.toString());
        assertEquals(1, cleanup.getInt("rounds"), cleanup.toString());
    }

    @Test
    void ownedKeysDestroyedAtAWipeAreCountedInAThreadCleanupEventOfReasonWipe() throws Exception {
        List<RecordedEvent> wipes = record(ChildJvm.main(OwnedKeysCleanupFixture.class).args("wipe"),
                "io.localdrop.ThreadCleanup").stream().filter(event -> "wipe".equals(event.getString("reason")))
                .collect(Collectors.toList());
        assertEquals(1, wipes.size(), wipes.toString());
        assertEquals(OwnedKeysCleanupFixture.WIPED_KEYS, wipes.get(0).getInt("ownedKeysDestroyed"), wipes.toString());
    }

    private static RecordedEvent only(List<RecordedEvent> cleanups, String thread) {
        List<RecordedEvent> ofThread = cleanups.stream().filter(event -> thread.equals(event.getString("thread")))
                .collect(Collectors.toList());
        assertEquals(1, ofThread.size(), cleanups.toString());
        return ofThread.get(0);
    }

    @Test
    void aRecordingStartedAfterTheFirstFindingsGetsTheLaterOnes() throws Exception {
        Path file = Files.createTempDirectory("jfr-late-").resolve("late.jfr");
        ChildJvm.main(LateRecordingFixture.class).args(file.toString()).run().assertExit(0);
        List<String> threadLocals = RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals("io.localdrop.Finding"))
                .map(event -> event.getString("threadLocal")).collect(Collectors.toList());
        // whether the event is wanted is asked at each occurrence, never remembered from before the recording
        assertTrue(threadLocals.contains(LateRecordingFixture.class.getName() + ".AFTER"), threadLocals.toString());
        assertFalse(threadLocals.contains(LateRecordingFixture.class.getName() + ".BEFORE"), threadLocals.toString());
    }

    /** Runs the child with a recording to a file and returns its events of {@code type}. */
    private static List<RecordedEvent> record(ChildJvm child, String type) throws Exception {
        Path recording = Files.createTempDirectory("jfr-").resolve("run.jfr");
        ChildJvm.Result result = child.jvmArgs("-XX:StartFlightRecording=filename=" + recording).run().assertExit(0);
        assertTrue(Files.isRegularFile(recording), "no recording written: " + result);
        return RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals(type))
                .collect(Collectors.toList());
    }

    private static List<RecordedEvent> ofKind(List<RecordedEvent> events, String kind) {
        return events.stream().filter(event -> kind.equals(event.getString("kind"))).collect(Collectors.toList());
    }
}

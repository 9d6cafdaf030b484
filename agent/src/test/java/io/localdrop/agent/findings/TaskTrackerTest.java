package io.localdrop.agent.findings;

import static io.localdrop.internal.BridgeProtocol.REQUEST_END;
import static io.localdrop.internal.BridgeProtocol.REQUEST_START;
import static io.localdrop.internal.BridgeProtocol.TASK_END;
import static io.localdrop.internal.BridgeProtocol.TASK_START;
import static io.localdrop.agent.findings.TaskTracker.BASELINE;
import static io.localdrop.agent.findings.TaskTracker.JUDGE;
import static io.localdrop.agent.findings.TaskTracker.NEW_EPOCH;
import static io.localdrop.agent.findings.TaskTracker.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What each boundary means: pool boundaries nest, a request splits the pool job it runs in. */
class TaskTrackerTest {
    @Test
    void nestedPoolBoundariesOnlyDeepen() {
        TaskTracker tracker = new TaskTracker();
        assertEquals(BASELINE | NEW_EPOCH, tracker.step(TASK_START), "first task: baseline of what was there");
        assertEquals(NONE, tracker.step(TASK_START));
        assertEquals(NONE, tracker.step(TASK_END));
        assertTrue(tracker.inTask());
        assertEquals(JUDGE, tracker.step(TASK_END));
        assertFalse(tracker.inTask());
        assertEquals(NEW_EPOCH, tracker.step(TASK_START), "later tasks: no baseline");
        assertEquals(2, tracker.epoch());
    }

    @Test
    void requestsInsideOnePoolJobAreTasksOfTheirOwn() {
        TaskTracker tracker = new TaskTracker();
        tracker.step(TASK_START); // a connection's job, serving two keep-alive requests
        long job = tracker.epoch();
        assertEquals(BASELINE | NEW_EPOCH, tracker.step(REQUEST_START), "the job's prologue is the server's");
        assertEquals(NONE, tracker.step(REQUEST_START), "a request boundary inside a request deepens");
        assertEquals(NONE, tracker.step(REQUEST_END));
        long first = tracker.epoch();
        assertEquals(JUDGE, tracker.step(REQUEST_END), "what the request left is judged");
        assertEquals(first, tracker.epoch(), "the server's work after a request is not a later request");
        assertEquals(BASELINE | NEW_EPOCH, tracker.step(REQUEST_START));
        long second = tracker.epoch();
        assertTrue(job < first && first < second, "each request its own epoch");
        assertEquals(NONE, tracker.step(TASK_START), "a pool task inside a request only deepens");
        assertEquals(NONE, tracker.step(TASK_END));
        assertEquals(JUDGE, tracker.step(REQUEST_END));
        assertEquals(JUDGE, tracker.step(TASK_END), "the job's end");
        assertFalse(tracker.inTask());
    }

    @Test
    void aRequestOutsideAnyPoolIsATask() {
        TaskTracker tracker = new TaskTracker(); // a virtual thread serving a connection
        assertEquals(BASELINE | NEW_EPOCH, tracker.step(REQUEST_START));
        assertEquals(JUDGE, tracker.step(REQUEST_END));
        assertEquals(NEW_EPOCH, tracker.step(REQUEST_START));
        assertEquals(JUDGE, tracker.step(REQUEST_END));
        assertEquals(NONE, tracker.step(REQUEST_END), "an end without a start");
        assertEquals(NONE, tracker.step(TASK_END));
    }

    @Test
    void leftBehindIsCollectedOnlyWhenWantedAndByIdentity() {
        TaskTracker tracker = new TaskTracker();
        ThreadLocal<Object> local = new ThreadLocal<>();
        Object value = new Object();
        boolean was = TaskTracker.LeftBehind.wanted;
        try {
            TaskTracker.LeftBehind.wanted = false;
            tracker.judgedLeak(local, value);
            assertEquals(0, tracker.leftBehind().size());
            TaskTracker.LeftBehind.wanted = true;
            tracker.judgedLeak(local, value);
            assertTrue(tracker.leftBehind().contains(local, value));
            assertFalse(tracker.leftBehind().contains(local, new Object()));
            tracker.leftBehind().clear();
            assertEquals(0, tracker.leftBehind().size());
        } finally {
            TaskTracker.LeftBehind.wanted = was;
        }
    }
}

package io.localdrop.agent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.localdrop.agent.bridge.LocaldropBridgeTemplate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** What a rewritten worker loop's call does: the same task runs between a task start and end, throws unchanged. */
class RunTaskTest {
    private static final List<String> EVENTS = new ArrayList<>();
    private static volatile boolean recording;

    static {
        // the template class itself (not the renamed bridge), used by this test only
        LocaldropBridgeTemplate.addLateHandler(event -> {
            if (recording) {
                EVENTS.add("event " + event);
            }
        });
    }

    @Test
    void theTaskRunsBetweenAStartAndAnEndAndItsExceptionPropagates() {
        IllegalStateException failure = new IllegalStateException("task failed");
        Runnable[] ran = new Runnable[1];
        Runnable task = new Runnable() {
            @Override
            public void run() {
                ran[0] = this;
                EVENTS.add("run");
            }
        };
        recording = true;
        try {
            LocaldropBridgeTemplate.runTask(task);
            assertSame(task, ran[0], "the same object, not a wrapper");
            assertSame(failure, assertThrows(IllegalStateException.class, () -> LocaldropBridgeTemplate.runTask(() -> {
                throw failure;
            })));
        } finally {
            recording = false;
        }
        assertEquals(List.of("event 2", "run", "event 3", "event 2", "event 3"), EVENTS);
    }
}

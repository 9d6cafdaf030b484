package io.localdrop.agent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the report groups the threads it could not watch. */
class UnwatchedThreadsTest {
    @Test
    void everyRunOfDigitsBecomesOneMark() {
        assertEquals("XNIO-# task-#", UnwatchedThreads.pattern("XNIO-1 task-12"));
        assertEquals("nioEventLoopGroup-#-#", UnwatchedThreads.pattern("nioEventLoopGroup-3-1"));
        assertEquals("#worker", UnwatchedThreads.pattern("007worker"));
    }

    @Test
    void pooledLookingMeansANumberInTheNameButNotTheAgentsOwn() {
        assertTrue(UnwatchedThreads.looksPooled("pool-1-thread-2"));
        assertFalse(UnwatchedThreads.looksPooled("main"));
        assertFalse(UnwatchedThreads.looksPooled("Reference Handler"));
        assertFalse(UnwatchedThreads.looksPooled("localdrop-report-1"));
    }
}

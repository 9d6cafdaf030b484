package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

class ThreadIdSetTest {
    @Test
    void aHundredThousandThreadsEndedOneAfterTheOtherAreCountedExactlyInLittleMemory() {
        ThreadIdSet ids = new ThreadIdSet();
        for (long id = 40; id < 40 + Finding.MAX_THREAD_IDS; id++) {
            assertTrue(ids.add(id));
        }
        for (long id = 40; id < 40 + Finding.MAX_THREAD_IDS; id += 7) {
            assertFalse(ids.add(id), "a thread counted once");
            assertTrue(ids.contains(id));
        }
        assertFalse(ids.contains(39));
        assertFalse(ids.contains(40 + Finding.MAX_THREAD_IDS));
        assertEquals(Finding.MAX_THREAD_IDS, ids.size());
        // a HashSet<Long> of them held about 6 MiB: each of 20 findings on the same 100,000 threads did
        assertTrue(ids.tableBytes() <= 128 * 1024, ids.tableBytes() + " bytes");
    }

    @Test
    void scatteredIdsAreCountedLikeASetOfThem() {
        ThreadIdSet ids = new ThreadIdSet();
        Set<Long> expected = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            long id = random.nextInt(3) == 0 ? random.nextInt(1_000) : random.nextLong() >>> 1;
            assertEquals(expected.add(id), ids.add(id));
        }
        assertEquals(expected.size(), ids.size());
        for (long id : expected) {
            assertTrue(ids.contains(id));
        }
        assertTrue(ids.tableBytes() <= 32L * 4 * expected.size(), ids.tableBytes() + " bytes");
    }

    @Test
    void aFindingCountsThreadsUpToItsBoundThenSaysItIsCapped() {
        Finding finding = new Finding(FindingKind.EXIT_LEAK, null, "T.F", "java.lang.ThreadLocal", 0);
        for (long id = 1; id <= Finding.MAX_THREAD_IDS; id++) {
            finding.record(null, null, null, null, "t", id, false, null, null, null, null, null, 0);
        }
        finding.record(null, null, null, null, "t", 5, false, null, null, null, null, null, 0);
        assertEquals(Finding.MAX_THREAD_IDS, finding.threadCount());
        assertFalse(finding.threadCountCapped(), "a thread seen again is no new one");
        finding.record(null, null, null, null, "t", Finding.MAX_THREAD_IDS + 1, false, null, null, null, null, null, 0);
        assertTrue(finding.threadCountCapped());
        assertEquals(Finding.MAX_THREAD_IDS, finding.threadCount());
    }
}

package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class NamedFindingsTest {
    @Test
    void anOwnedKeysFindingCountsEveryThreadItHappenedOnNotOnlyTheNamesItLists() throws Exception {
        String name = "named-findings-test-key";
        int threads = 40;
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            // one name for all: the count must come from the threads, not from their names
            Thread thread = new Thread(() -> Findings.recordNamed(FindingKind.DESTRUCTOR_FAILED, name,
                    "io.localdrop.OwnedKey"), "same-name");
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        Finding finding = null;
        for (Finding each : Findings.all()) {
            if (name.equals(each.field())) {
                finding = each;
            }
        }
        assertEquals(threads, finding.count());
        assertEquals(threads, finding.threadCount(), "a destructor failing on 40 threads happened on 40 threads");
        assertEquals(List.of("same-name"), finding.threads());
        assertFalse(finding.threadCountCapped());
        assertTrue(finding.threads().size() <= Finding.MAX_THREADS);
    }
}

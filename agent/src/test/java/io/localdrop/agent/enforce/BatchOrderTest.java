package io.localdrop.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BatchOrderTest {
    @Test
    void knownStoresCloseLastFirstAndUnknownOnesAfterThemInMapOrder() {
        Batch batch = new Batch();
        batch.threadLocals = new ThreadLocal<?>[8];
        batch.values = new Object[8];
        batch.sequences = new long[8];
        String[] names = {"unknown-1", "seq-2", "seq-9", "unknown-2", "seq-5"};
        long[] sequences = {0, 2, 9, 0, 5};
        for (int i = 0; i < names.length; i++) {
            batch.threadLocals[i] = new ThreadLocal<>();
            batch.values[i] = names[i];
            batch.sequences[i] = sequences[i];
        }
        batch.size = names.length;
        batch.sort();
        assertArrayEquals(new Object[] {"seq-9", "seq-5", "seq-2", "unknown-1", "unknown-2"},
                Arrays.copyOf(batch.values, batch.size));
    }

    @Test
    void unknownOrderComesAfterAnyKnownOne() {
        assertTrue(Batch.comesAfter(0, 1));
        assertFalse(Batch.comesAfter(1, 0));
        assertFalse(Batch.comesAfter(0, 0), "unknown among unknown: map order kept");
        assertTrue(Batch.comesAfter(3, 4));
        assertFalse(Batch.comesAfter(4, 3));
    }
}

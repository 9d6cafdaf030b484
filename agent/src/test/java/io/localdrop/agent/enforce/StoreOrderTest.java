package io.localdrop.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StoreOrderTest {
    @Test
    void laterStoresGetLaterSequencesAndAReplacedValueIsUnknown() {
        StoreOrder order = new StoreOrder();
        Object first = new Object();
        Object second = new Object();
        order.stored(7, first, StoreOrder.FROM_SET);
        order.stored(8, second, StoreOrder.FROM_INITIAL);
        assertTrue(order.sequenceOf(8, second) > order.sequenceOf(7, first));
        assertTrue(order.sequenceOf(7, first) > 0);
        assertEquals(0, order.sequenceOf(7, second), "another value than the one recorded: order unknown");
        assertEquals(0, order.sequenceOf(9, first), "a ThreadLocal never stored into: unknown");
    }

    @Test
    void storingAgainMovesTheThreadLocalToTheEnd() {
        StoreOrder order = new StoreOrder();
        Object a = new Object();
        Object b = new Object();
        order.stored(1, a, StoreOrder.FROM_SET);
        order.stored(2, b, StoreOrder.FROM_SET);
        order.stored(1, a, StoreOrder.FROM_SET);
        assertTrue(order.sequenceOf(1, a) > order.sequenceOf(2, b));
    }

    @Test
    void theSameStoreRepeatedStaysLastAndAnotherValueOrOriginIsRecorded() {
        StoreOrder order = new StoreOrder();
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        order.stored(1, a, StoreOrder.FROM_SET);
        order.stored(2, b, StoreOrder.FROM_INITIAL);
        order.stored(2, b, StoreOrder.FROM_INITIAL);
        assertTrue(order.sequenceOf(2, b) > order.sequenceOf(1, a));
        order.stored(2, b, StoreOrder.FROM_SET);
        assertEquals(StoreOrder.FROM_SET, order.originOf(2, b), "the same value set again: now from a set");
        order.stored(2, c, StoreOrder.FROM_SET);
        assertEquals(0, order.sequenceOf(2, b), "replaced by another value");
        assertTrue(order.sequenceOf(2, c) > order.sequenceOf(1, a));
        order.status(2, StoreOrder.CLOSED);
        order.stored(1, a, StoreOrder.FROM_SET);
        assertTrue(order.sequenceOf(1, a) > order.sequenceOf(2, c), "a store after a close is recorded");
    }

    @Test
    void originTellsSetFromInitialValues() {
        StoreOrder order = new StoreOrder();
        Object task = new Object();
        Object cache = new Object();
        order.stored(1, task, StoreOrder.FROM_SET);
        order.stored(2, cache, StoreOrder.FROM_INITIAL);
        assertEquals(StoreOrder.FROM_SET, order.originOf(1, task));
        assertEquals(StoreOrder.FROM_INITIAL, order.originOf(2, cache));
        assertEquals(0, order.originOf(1, cache));
    }

    @Test
    void statusesAreKeptPerThreadLocalAndResetTogether() {
        StoreOrder order = new StoreOrder();
        assertEquals(StoreOrder.ALIVE, order.status(3));
        order.status(3, StoreOrder.CLOSING);
        order.status(4, StoreOrder.CLOSED);
        assertEquals(StoreOrder.CLOSING, order.status(3));
        assertEquals(StoreOrder.CLOSED, order.status(4));
        order.resetStatuses();
        assertEquals(StoreOrder.ALIVE, order.status(3));
        assertEquals(StoreOrder.ALIVE, order.status(4));
    }

    @Test
    void survivesGrowthAndStopsRecordingAtItsBound() {
        StoreOrder order = new StoreOrder();
        Object[] values = new Object[StoreOrder.MAX_ENTRIES + 10];
        for (int i = 0; i < values.length; i++) {
            values[i] = new Object();
            // ThreadLocal hashes step by 0x61c88647, as the JDK's do
            order.stored(i * 0x61c88647, values[i], StoreOrder.FROM_SET);
            order.exitSite(i * 0x61c88647, i);
        }
        assertEquals(StoreOrder.MAX_ENTRIES, order.size());
        for (int i = 0; i < StoreOrder.MAX_ENTRIES; i++) {
            assertEquals(i + 1, order.sequenceOf(i * 0x61c88647, values[i]), "entry " + i);
            assertEquals(i, order.exitSite(i * 0x61c88647));
        }
        assertEquals(0, order.sequenceOf(StoreOrder.MAX_ENTRIES * 0x61c88647, values[StoreOrder.MAX_ENTRIES]),
                "beyond the bound: not recorded, closed as of unknown order");
    }
}

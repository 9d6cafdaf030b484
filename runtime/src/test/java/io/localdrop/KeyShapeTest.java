package io.localdrop;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Guards the shape that makes {@code get()} as cheap as {@code ThreadLocal.get}: every key is a record (whose
 * final fields HotSpot folds for a key in a static final field) holding its per-thread slot, and keys behave as
 * distinct objects even though a record's {@code equals} compares components.
 */
class KeyShapeTest {
    @Test
    void ownedKeysAreRecordsOverTheirCell() {
        OwnedKey<String> key = OwnedKey.named("shape", () -> "v", value -> { });
        assertTrue(key.getClass().isRecord(), "OwnedKey's implementation must stay a record: " + key.getClass());
        RecordComponent[] components = key.getClass().getRecordComponents();
        assertEquals(1, components.length, "one component: the cell, nothing more to load on get()");
        assertTrue(ThreadLocal.class.isAssignableFrom(components[0].getType()), "the component is the per-thread cell");
        assertFalse(ThreadLocal.class.isInstance(key), "the key itself is no ThreadLocal: the agent never sees it as one");
    }

    @Test
    void scopedKeysAreRecordsOverTheirSlot() {
        ScopedKey<String> key = ScopedKey.named("shape");
        assertTrue(key.getClass().isRecord(), "ScopedKey's implementation must stay a record: " + key.getClass());
        assertFalse(ThreadLocal.class.isInstance(key));
    }

    @Test
    void scopedKeysAreBackedByAThreadLocalBeforeJdk25() throws Exception {
        assumeTrue(Runtime.version().feature() < 25, "JDK 25 has ScopedValue");
        Object slot = onlyComponent(ScopedKey.named("before-25"), 1);
        assertTrue(slot instanceof ThreadLocal, "a ThreadLocal slot: " + slot);
    }

    @Test
    void scopedKeysAreBackedByAScopedValueFromJdk25() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "ScopedValue is final from JDK 25");
        Object slot = onlyComponent(ScopedKey.named("from-25"), 1);
        assertEquals("java.lang.ScopedValue", slot.getClass().getName());
        ScopedKey<String> key = ScopedKey.named("from-25");
        assertEquals("bound", key.call("bound", key::get), "the key reads its ScopedValue's binding");
    }

    /** The component at {@code index} (after the name) of a key's record. */
    private static Object onlyComponent(Object key, int index) throws Exception {
        RecordComponent[] components = key.getClass().getRecordComponents();
        assertEquals(2, components.length, "name and slot: " + key.getClass());
        components[index].getAccessor().setAccessible(true);
        return components[index].getAccessor().invoke(key);
    }

    @Test
    void keysWithTheSameNameAreDistinct() {
        OwnedKey<String> first = OwnedKey.named("same", () -> "a", value -> { });
        OwnedKey<String> second = OwnedKey.named("same", () -> "b", value -> { });
        assertNotEquals(first, second);
        assertEquals("a", first.get());
        assertEquals("b", second.get());
        assertNotEquals(ScopedKey.named("same"), ScopedKey.named("same"));
        assertEquals("OwnedKey[same]", first.toString());
        assertEquals("ScopedKey[same]", ScopedKey.named("same").toString());
        first.remove();
        second.remove();
    }
}

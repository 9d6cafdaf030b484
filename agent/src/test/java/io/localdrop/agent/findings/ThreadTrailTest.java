package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The trail's repeat test, which lets a watched store that would rewrite its record unchanged (a leaked ThreadLocal
 * re-set with the same value in the same task) skip the record: each case where a store would change the record must
 * say "not a repeat".
 */
class ThreadTrailTest {
    private static final int SITE = 7;
    private static final int OTHER_SITE = 8;
    private static final int VALUE = 0x1234;
    private static final long EPOCH = 5;

    private final ThreadLocal<Object> threadLocal = new ThreadLocal<>();
    private final TlInfo info = TlRegistry.findOrAdd(threadLocal);

    @Test
    void theSameStoreAgainInTheSameTaskRepeatsItsRecord() {
        ThreadTrail trail = new ThreadTrail();
        trail.store(trail.recordOf(info), info, SITE, VALUE, null, EPOCH, 0);
        assertTrue(trail.repeats(trail.recordOf(info), SITE, VALUE, EPOCH));
    }

    @Test
    void aStoreThatWouldChangeTheRecordIsNoRepeat() {
        ThreadTrail trail = new ThreadTrail();
        assertFalse(trail.repeats(trail.recordOf(info), SITE, VALUE, EPOCH), "no record yet");
        trail.store(trail.recordOf(info), info, SITE, VALUE, null, EPOCH, 0);
        assertFalse(trail.repeats(trail.recordOf(info), OTHER_SITE, VALUE, EPOCH), "another line");
        assertFalse(trail.repeats(trail.recordOf(info), SITE, VALUE + 1, EPOCH), "another value");
        assertFalse(trail.repeats(trail.recordOf(info), SITE, VALUE, EPOCH + 1), "a later task");
        TlInfo other = TlRegistry.findOrAdd(new ThreadLocal<>());
        assertFalse(trail.repeats(trail.recordOf(other), SITE, VALUE, EPOCH), "another ThreadLocal");
    }

    @Test
    void aNullGetSinceTheFirstStoreOfATaskWithoutOneMakesTheNextStoreNoRepeat() {
        ThreadTrail trail = new ThreadTrail();
        trail.store(trail.recordOf(info), info, SITE, VALUE, null, EPOCH, 0);
        trail.nullGet(info.hash, OTHER_SITE); // removed, then read as null: the next store is a lazy initialization
        assertFalse(trail.repeats(trail.recordOf(info), SITE, VALUE, EPOCH));
        trail.store(trail.recordOf(info), info, SITE, VALUE, null, EPOCH, 0);
        assertEquals(OTHER_SITE, trail.nullGetBeforeStore(trail.findValue(info, VALUE)));
        assertTrue(trail.repeats(trail.recordOf(info), SITE, VALUE, EPOCH), "the record holds that null get now");
    }
}

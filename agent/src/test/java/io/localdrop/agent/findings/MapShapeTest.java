package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MapShape} and {@link ThreadLocalMapReader#unchanged}: a thread's maps that hold what they held at the walk
 * are seen unchanged, and every change a task can make to them (a value replaced in its entry, set to null, an entry
 * removed or added, the entry of a collected ThreadLocal reused) is seen as one. Each on a fresh thread, whose maps
 * hold only the test's entries.
 */
class MapShapeTest {
    /** What the last walk visited, as the task-end scan keeps it: the entries' hashes, in the walk's order. */
    private static ThreadState.Snapshot seen = new ThreadState.Snapshot();

    @BeforeAll
    static void openMaps() {
        assertTrue(ThreadLocalMapReader.open(ByteBuddyAgent.install()), "java.lang must be readable");
    }

    private static MapShape walked(MapShape shape) {
        ThreadState.Snapshot snapshot = new ThreadState.Snapshot();
        ThreadLocalMapReader.forEach(Thread.currentThread(), (threadLocal, value) -> snapshot.add(
                ThreadLocalMapReader.hashOf(threadLocal), System.identityHashCode(value), ThreadState.IGNORED, -1, 0, 0,
                null), shape);
        seen = snapshot;
        return shape;
    }

    private static boolean unchanged(MapShape shape) {
        return ThreadLocalMapReader.unchanged(Thread.currentThread(), shape, seen);
    }

    @Test
    void anUnchangedMapIsSeenSoAndEachChangeOfAValueOrAnEntryIsNot() throws Exception {
        TestThreads.onThread("shape", () -> {
            ThreadLocal<Object> context = new ThreadLocal<>();
            ThreadLocal<Object> buffer = new ThreadLocal<>();
            Object held = new Object();
            context.set(held);
            buffer.set(new StringBuilder());
            MapShape shape = walked(new MapShape());
            assertTrue(shape.valid(), "two entries are a shape");
            assertEquals(2, shape.count());
            assertTrue(unchanged(shape), "nothing changed");

            context.set(held);
            assertTrue(unchanged(shape), "the same value stored again is no change");

            context.set(new Object());
            assertFalse(unchanged(shape), "a value replaced in its entry: same size, same slot");
            walked(shape);
            assertTrue(unchanged(shape));

            context.set(null);
            assertFalse(unchanged(shape), "a value set to null: the entry stays, its value does not");
            walked(shape);

            buffer.remove();
            assertFalse(unchanged(shape), "an entry removed");
            walked(shape);

            ThreadLocal<Object> added = new ThreadLocal<>();
            added.set("new");
            assertFalse(unchanged(shape), "an entry added");
            walked(shape);
            assertTrue(unchanged(shape));
        });
    }

    @Test
    void eachValueFoundAgainIsOfferedByItsPlaceInTheWalkAndARefusalIsAChange() throws Exception {
        TestThreads.onThread("offered", () -> {
            new ThreadLocal<Object>().set("first");
            ThreadLocal<Object> empty = new ThreadLocal<>();
            empty.set(null); // an entry without a value: walked, never visited
            new ThreadLocal<Object>().set("second");
            MapShape shape = walked(new MapShape());
            assertEquals(3, shape.count());
            List<Object> visited = new ArrayList<>();
            ThreadLocalMapReader.forEach(Thread.currentThread(), (threadLocal, value) -> visited.add(value));
            List<Integer> places = new ArrayList<>();
            List<Object> offered = new ArrayList<>();
            assertTrue(ThreadLocalMapReader.unchanged(Thread.currentThread(), shape, (at, threadLocal, value) -> {
                places.add(at);
                offered.add(value);
                return true;
            }));
            assertEquals(List.of(0, 1), places, "numbered as the walk visits them");
            assertEquals(visited, offered);
            assertFalse(ThreadLocalMapReader.unchanged(Thread.currentThread(), shape,
                    (at, threadLocal, value) -> at != 1), "a value its caller does not accept is a change");
            assertTrue(unchanged(shape));
            empty.set("now a value");
            assertFalse(unchanged(shape), "an entry without a value that gets one: same size, same slot");
        });
    }

    @Test
    void aThreadWithoutMapsHasAShapeUntilItGetsOne() throws Exception {
        TestThreads.onThread("no maps", () -> {
            MapShape shape = walked(new MapShape());
            assertTrue(shape.valid());
            assertEquals(0, shape.count());
            assertTrue(unchanged(shape));
            new ThreadLocal<Object>().set("first");
            assertFalse(unchanged(shape), "the thread's first map");
        });
    }

    @Test
    void theInheritableMapIsPartOfTheShape() throws Exception {
        InheritableThreadLocal<Object> inherited = new InheritableThreadLocal<>();
        TestThreads.onThread("inheritable", () -> {
            new ThreadLocal<Object>().set("own");
            inherited.set("one");
            MapShape shape = walked(new MapShape());
            assertTrue(shape.valid());
            assertEquals(2, shape.count());
            assertTrue(unchanged(shape));
            inherited.set("two");
            assertFalse(unchanged(shape), "a value replaced in the inheritable map");
        });
    }

    @Test
    void mapsWithMoreSlotsThanTheBoundKeepNoShape() throws Exception {
        TestThreads.onThread("many", () -> {
            List<ThreadLocal<Object>> many = new ArrayList<>();
            for (int i = 0; i <= MapShape.MAX_SLOTS; i++) {
                ThreadLocal<Object> each = new ThreadLocal<>();
                each.set(i);
                many.add(each);
            }
            MapShape shape = walked(new MapShape());
            assertFalse(shape.valid(), "above the bound the task ends walk the maps");
            assertFalse(unchanged(shape));
            many.forEach(ThreadLocal::remove);
            walked(shape);
            assertTrue(shape.valid(), "small again");
        });
    }

    @Test
    void theEntryOfACollectedThreadLocalIsKeptAsStaleAndItsReuseIsAChange() throws Exception {
        TestThreads.onThread("stale", () -> {
            new ThreadLocal<Object>().set("kept"); // keeps the map, so the stale entry stays in it
            WeakReference<ThreadLocal<Object>> gone = setAndDrop();
            for (int i = 0; i < 20 && gone.get() != null; i++) {
                System.gc(); // a full collection clears the weak key; bounded, and asserted below
            }
            assertNull(gone.get(), "the dropped ThreadLocal was collected");
            MapShape shape = walked(new MapShape());
            assertTrue(shape.valid());
            assertEquals(2, shape.count(), "the live entry and the stale one: both counted by the map's size");
            assertTrue(unchanged(shape));
            for (int i = 0; i < 4; i++) {
                // a set probes from its hash and reuses a stale slot it meets, or adds and cleans some: either way a change
                new ThreadLocal<Object>().set(i);
            }
            assertFalse(unchanged(shape));
        });
    }

    private static WeakReference<ThreadLocal<Object>> setAndDrop() {
        ThreadLocal<Object> dropped = new ThreadLocal<>();
        dropped.set(new Object());
        return new WeakReference<>(dropped);
    }
}

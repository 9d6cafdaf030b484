package io.localdrop;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules 1 to 7, 10 and 11 of docs/runtime-rules.md, one nested class per rule. */
class OwnedKeyRulesTest {

    @Nested
    class Rule01LazyInit {
        @Test
        void initializerRunsOnFirstUseOnEachThreadAndOnlyThen() throws Exception {
            AtomicInteger runs = new AtomicInteger();
            List<String> initializedOn = Threads.record();
            OwnedKey<Object> key = OwnedKey.withInitial(() -> {
                runs.incrementAndGet();
                initializedOn.add(Thread.currentThread().getName());
                return new Object();
            });
            AtomicReference<Object> first = new AtomicReference<>();
            Threads.runWrapped("a", () -> {
                assertEquals(KeyState.UNINITIALIZED, key.state());
                first.set(key.get());
                assertSame(first.get(), key.get());
                assertSame(first.get(), key.with(v -> v));
                assertEquals(KeyState.ALIVE, key.state());
            });
            AtomicReference<Object> second = new AtomicReference<>();
            Threads.runWrapped("b", () -> assertTrue(key.tryWith(second::set)));
            assertEquals(2, runs.get());
            assertEquals(List.of("a", "b"), initializedOn);
            assertNotSame(first.get(), second.get());
        }

        @Test
        void tryGetInitializesToo() throws Exception {
            OwnedKey<String> key = OwnedKey.withInitial(() -> "v");
            Threads.runWrapped("t", () -> assertEquals("v", key.tryGet().orElseThrow()));
        }
    }

    @Nested
    class Rule02InitializerFailure {
        @Test
        void exceptionPropagatesUnchangedAndNextAccessRetries() throws Exception {
            AtomicInteger attempts = new AtomicInteger();
            IllegalStateException boom = new IllegalStateException("boom");
            OwnedKey<String> key = OwnedKey.withInitial(() -> {
                if (attempts.incrementAndGet() == 1) {
                    throw boom;
                }
                return "second";
            });
            Threads.runWrapped("t", () -> {
                assertSame(boom, assertThrows(IllegalStateException.class, key::get));
                assertEquals(KeyState.UNINITIALIZED, key.state());
                assertEquals("second", key.get());
            });
        }
    }

    @Nested
    class Rule03RecursiveInit {
        @Test
        void outerValueWinsAndInnerIsDestroyedWhileKeyHoldsOuter() throws Exception {
            AtomicInteger depth = new AtomicInteger();
            List<String> events = Threads.record();
            AtomicReference<OwnedKey<String>> self = new AtomicReference<>();
            OwnedKey<String> key = OwnedKey.named("recursive", () -> {
                if (depth.incrementAndGet() == 1) {
                    events.add("outer saw " + self.get().get());
                    return "outer";
                }
                return "inner";
            }, value -> events.add("destroy " + value + ", key " + self.get().state() + " holding "
                    + self.get().tryGet().orElse("nothing")));
            self.set(key);
            Threads.runWrapped("t", () -> {
                assertEquals("outer", key.get());
                assertEquals("outer", key.get());
            });
            assertEquals(List.of(
                    "outer saw inner",
                    "destroy inner, key ALIVE holding outer",
                    "destroy outer, key DESTROYING holding nothing"), events);
        }
    }

    @Nested
    class Rule04ThreadExit {
        @Test
        void destructorsRunLastInitializedFirstOnTheExitingThread() throws Exception {
            List<String> events = Threads.record();
            List<OwnedKey<String>> keys = new ArrayList<>();
            for (String name : List.of("first", "second", "third")) {
                keys.add(OwnedKey.named(name, () -> name,
                        v -> events.add(v + " on " + Thread.currentThread().getName())));
            }
            Threads.runWrapped("exiting-thread", () -> {
                keys.get(1).get();
                keys.get(0).get();
                keys.get(2).get();
            });
            assertEquals(List.of("third on exiting-thread", "first on exiting-thread", "second on exiting-thread"), events);
        }

        @Test
        void uncaughtExceptionHandlerRunsOnceBeforeDestructors() throws Exception {
            List<String> events = Threads.record();
            OwnedKey<String> key = OwnedKey.named("k", () -> "v", v -> events.add("destructor"));
            Thread thread = new Thread(Localdrop.wrap(() -> {
                key.get();
                throw new IllegalStateException("task failed");
            }), "thrower");
            thread.setUncaughtExceptionHandler((t, e) -> events.add("handler " + e.getMessage() + " on " + t.getName()));
            thread.start();
            thread.join();
            assertEquals(List.of("handler task failed on thrower", "destructor"), events);
        }

        @Test
        void joinReturnsOnlyAfterDestructorsFinished() throws Exception {
            CountDownLatch destructorEntered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger finished = new AtomicInteger();
            OwnedKey<String> key = OwnedKey.named("slow", () -> "v", v -> {
                destructorEntered.countDown();
                release.await();
                finished.incrementAndGet();
            });
            Thread thread = new Thread(Localdrop.wrap(key::get), "slow-exit");
            thread.start();
            destructorEntered.await();
            assertTrue(thread.isAlive(), "the thread is still alive while its destructor runs");
            release.countDown();
            thread.join();
            assertEquals(1, finished.get());
        }

        @Test
        void currentThreadIsTheExitingThreadInsideDestructors() throws Exception {
            AtomicReference<Thread> seen = new AtomicReference<>();
            OwnedKey<String> key = OwnedKey.named("k", () -> "v", v -> seen.set(Thread.currentThread()));
            Thread thread = new Thread(Localdrop.wrap(key::get), "identity");
            thread.start();
            thread.join();
            assertSame(thread, seen.get());
            assertEquals("identity", seen.get().getName());
        }

        @Test
        void threadFactoryThreadsRunExitDestruction() throws Exception {
            AtomicInteger destroyed = new AtomicInteger();
            OwnedKey<String> key = OwnedKey.named("k", () -> "v", v -> destroyed.incrementAndGet());
            Thread thread = Localdrop.threadFactory(Thread::new).newThread(key::get);
            thread.start();
            thread.join();
            assertEquals(1, destroyed.get());
        }

        @Test
        void defaultDestructorClosesAutoCloseableValues() throws Exception {
            AtomicInteger closed = new AtomicInteger();
            OwnedKey<AutoCloseable> key = OwnedKey.withInitial(() -> closed::incrementAndGet);
            Threads.runWrapped("t", key::get);
            assertEquals(1, closed.get());
        }
    }

    @Nested
    class Rule05NoAccessDuringDestruction {
        @Test
        void everyAccessFailsWhileTheKeysDestructorRuns() throws Exception {
            List<String> seen = Threads.record();
            AtomicReference<OwnedKey<String>> self = new AtomicReference<>();
            OwnedKey<String> key = OwnedKey.named("during", () -> "v", v -> {
                OwnedKey<String> k = self.get();
                seen.add(k.state().name());
                AccessError error = assertThrows(AccessError.class, k::get);
                seen.add(error.keyName() + " " + error.state());
                assertThrows(AccessError.class, () -> k.with(x -> x));
                assertThrows(AccessError.class, () -> k.set("x"));
                assertThrows(AccessError.class, () -> k.replace("x"));
                assertThrows(AccessError.class, k::take);
                assertThrows(AccessError.class, k::remove);
                seen.add("tryWith " + k.tryWith(x -> seen.add("must not run")));
                seen.add("tryGet " + k.tryGet().isPresent());
            });
            self.set(key);
            Threads.runWrapped("t", key::get);
            assertEquals(List.of("DESTROYING", "during DESTROYING", "tryWith false", "tryGet false"), seen);
        }

        @Test
        void removeMakesTheKeyDestroyingDuringItsDestructor() throws Exception {
            List<KeyState> seen = Threads.record();
            AtomicReference<OwnedKey<String>> self = new AtomicReference<>();
            OwnedKey<String> key = OwnedKey.named("removed", () -> "v", v -> seen.add(self.get().state()));
            self.set(key);
            Threads.runWrapped("t", () -> {
                key.get();
                key.remove();
                seen.add(key.state());
            });
            assertEquals(List.of(KeyState.DESTROYING, KeyState.UNINITIALIZED), seen);
        }
    }

    @Nested
    class Rule06NoAccessAfterDestruction {
        @Test
        void aKeyDestroyedAtExitIsNeverReinitializedOnThatThread() throws Exception {
            AtomicInteger inits = new AtomicInteger();
            List<String> seen = Threads.record();
            OwnedKey<String> victim = OwnedKey.named("victim", () -> "v" + inits.incrementAndGet(), v -> { });
            // initialized first, so destroyed last: its destructor runs after victim's
            OwnedKey<String> late = OwnedKey.named("late", () -> "late", v -> {
                seen.add(victim.state().name());
                AccessError error = assertThrows(AccessError.class, victim::get);
                seen.add(error.state().name());
                seen.add("tryGet " + victim.tryGet().isPresent());
            });
            Threads.runWrapped("t", () -> {
                late.get();
                victim.get();
            });
            assertEquals(List.of("DESTROYED", "DESTROYED", "tryGet false"), seen);
            assertEquals(1, inits.get());
        }
    }

    @Nested
    class Rule07KeysUsedByDestructors {
        @Test
        void aKeyInitializedByADestructorIsDestroyedNextInTheSameExit() throws Exception {
            List<String> events = Threads.record();
            OwnedKey<String> helper = OwnedKey.named("helper", () -> {
                events.add("helper initialized");
                return "h";
            }, v -> events.add("helper destroyed on " + Thread.currentThread().getName()));
            OwnedKey<String> alive = OwnedKey.named("alive", () -> "a", v -> events.add("alive destroyed"));
            OwnedKey<String> user = OwnedKey.named("user", () -> "u", v -> {
                events.add("user destructor reads alive=" + alive.get() + " helper=" + helper.get());
            });
            Threads.runWrapped("t", () -> {
                alive.get();
                user.get();
            });
            assertEquals(List.of(
                    "helper initialized",
                    "user destructor reads alive=a helper=h",
                    "helper destroyed on t",
                    "alive destroyed"), events);
        }

        @Test
        void twoKeysWhoseDestructorsUseEachOtherTerminate() throws Exception {
            AtomicInteger destroyed = new AtomicInteger();
            AtomicReference<OwnedKey<String>> a = new AtomicReference<>();
            AtomicReference<OwnedKey<String>> b = new AtomicReference<>();
            a.set(OwnedKey.named("a", () -> "a", v -> {
                destroyed.incrementAndGet();
                b.get().tryWith(x -> { });
            }));
            b.set(OwnedKey.named("b", () -> "b", v -> {
                destroyed.incrementAndGet();
                a.get().tryWith(x -> { });
            }));
            Threads.runWrapped("t", () -> a.get().get());
            // a's destructor initializes b; b's destructor finds a DESTROYED: each runs once
            assertEquals(2, destroyed.get());
        }
    }

    @Nested
    class Rule10SetReplaceTakeRemove {
        @Test
        void setOnUninitializedKeyDoesNotRunTheInitializer() throws Exception {
            AtomicInteger inits = new AtomicInteger();
            List<String> destroyed = Threads.record();
            OwnedKey<String> key = OwnedKey.named("k", () -> "init" + inits.incrementAndGet(), destroyed::add);
            Threads.runWrapped("t", () -> {
                key.set("given");
                assertEquals(KeyState.ALIVE, key.state());
                assertEquals("given", key.get());
            });
            assertEquals(0, inits.get());
            assertEquals(List.of("given"), destroyed);
        }

        @Test
        void setDestroysTheOldValueAfterInstallingTheNew() throws Exception {
            List<String> events = Threads.record();
            AtomicReference<OwnedKey<String>> self = new AtomicReference<>();
            OwnedKey<String> key = OwnedKey.named("k", () -> "old", v -> events.add(
                    "destroy " + v + " while " + self.get().state() + " holding " + self.get().tryGet().orElse("-")));
            self.set(key);
            Threads.runWrapped("t", () -> {
                key.get();
                key.set("new");
                events.add("after set: " + key.get());
            });
            assertEquals(List.of("destroy old while ALIVE holding new", "after set: new",
                    "destroy new while DESTROYING holding -"), events);
        }

        @Test
        void replaceAndTakeHandTheValueOverWithoutDestroyingIt() throws Exception {
            List<String> destroyed = Threads.record();
            OwnedKey<String> key = OwnedKey.named("k", () -> "init", destroyed::add);
            Threads.runWrapped("t", () -> {
                assertNull(key.take(), "take on an uninitialized key returns null");
                assertEquals(KeyState.UNINITIALIZED, key.state());
                assertNull(key.replace("one"), "replace on an uninitialized key returns null");
                assertEquals("one", key.replace("two"));
                assertEquals("two", key.take());
                assertEquals(KeyState.UNINITIALIZED, key.state());
            });
            assertEquals(List.of(), destroyed, "nothing was left for the exit to destroy");
        }

        @Test
        void removeDestroysNowAndLeavesTheKeyUsable() throws Exception {
            List<String> destroyed = Threads.record();
            AtomicInteger inits = new AtomicInteger();
            OwnedKey<String> key = OwnedKey.named("k", () -> "v" + inits.incrementAndGet(), destroyed::add);
            Threads.runWrapped("t", () -> {
                key.get();
                key.remove();
                assertEquals(List.of("v1"), List.copyOf(destroyed));
                assertEquals(KeyState.UNINITIALIZED, key.state());
                key.remove(); // nothing to do
                assertEquals("v2", key.get());
            });
            assertEquals(List.of("v1", "v2"), destroyed);
        }

        @Test
        void everyMutatorFailsOnADestroyedKeyButStateNeverThrows() throws Exception {
            List<String> seen = Threads.record();
            OwnedKey<String> victim = OwnedKey.named("victim", () -> "v", v -> { });
            OwnedKey<String> probe = OwnedKey.named("probe", () -> "p", v -> {
                for (Runnable access : List.<Runnable>of(() -> victim.set("x"), () -> victim.replace("x"), victim::take,
                        victim::remove, victim::get)) {
                    try {
                        access.run();
                        seen.add("no error");
                    } catch (AccessError expected) {
                        seen.add(expected.state().name());
                    }
                }
                seen.add("state " + victim.state());
            });
            Threads.runWrapped("t", () -> {
                probe.get();
                victim.get();
            });
            assertEquals(List.of("DESTROYED", "DESTROYED", "DESTROYED", "DESTROYED", "DESTROYED", "state DESTROYED"), seen);
        }
    }

    @Nested
    class Rule11DestroyAll {
        @Test
        void destroysEverythingLikeExitButLeavesKeysUsable() throws Exception {
            List<String> events = Threads.record();
            AtomicInteger inits = new AtomicInteger();
            OwnedKey<String> a = OwnedKey.named("a", () -> "a" + inits.incrementAndGet(), v -> events.add("destroy " + v));
            OwnedKey<String> b = OwnedKey.named("b", () -> "b", v -> events.add("destroy " + v));
            Threads.runWrapped("t", () -> {
                a.get();
                b.get();
                Localdrop.destroyAll();
                events.add("states " + a.state() + " " + b.state());
                events.add("again " + a.get());
            });
            assertEquals(List.of("destroy b", "destroy a1", "states UNINITIALIZED UNINITIALIZED", "again a2", "destroy a2"), events);
        }

        @Test
        void destroyAllOnAThreadWithoutKeysDoesNothing() throws Exception {
            Threads.runWrapped("t", Localdrop::destroyAll);
        }

        @Test
        void keysThatDestructorsInitializeAreDestroyedInTheSameCall() throws Exception {
            List<String> events = Threads.record();
            OwnedKey<String> helper = OwnedKey.named("helper", () -> "h", v -> events.add("helper destroyed"));
            OwnedKey<String> user = OwnedKey.named("user", () -> "u", v -> events.add("user uses " + helper.get()));
            Threads.runWrapped("t", () -> {
                user.get();
                Localdrop.destroyAll();
                events.add("after destroyAll: " + helper.state());
            });
            assertEquals(List.of("user uses h", "helper destroyed", "after destroyAll: UNINITIALIZED"), events);
        }
    }

    @Test
    void valuesAreVisibleOnlyToTheirOwnThread() throws Exception {
        OwnedKey<Object> key = OwnedKey.withInitial(Object::new);
        Object mine = key.get();
        AtomicReference<Object> theirs = new AtomicReference<>();
        Threads.runWrapped("other", () -> theirs.set(key.get()));
        assertNotSame(mine, theirs.get());
        assertSame(mine, key.get());
        assertFalse(key.name().isBlank());
        assertTrue(key.name().contains("OwnedKeyRulesTest"), key.name());
        key.take();
    }
}

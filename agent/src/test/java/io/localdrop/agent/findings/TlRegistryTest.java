package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

class TlRegistryTest {
    @Test
    void aLockFreeLookupNeverMissesATrackedThreadLocalWhileTheTableGrows() throws Exception {
        List<ThreadLocal<?>> known = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ThreadLocal<?> threadLocal = new ThreadLocal<>();
            assertNotNull(TlRegistry.findOrAdd(threadLocal));
            known.add(threadLocal);
        }
        List<ThreadLocal<?>> added = new ArrayList<>(); // held: none is collected, the table only grows
        AtomicInteger misses = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            reading.countDown();
            for (int round = 0; round < 2_000; round++) {
                for (ThreadLocal<?> threadLocal : known) {
                    if (TlRegistry.find(threadLocal) == null) {
                        misses.incrementAndGet();
                    }
                }
            }
        });
        reader.start();
        reading.await();
        for (int i = 0; i < 20_000; i++) {
            ThreadLocal<?> threadLocal = new ThreadLocal<>();
            TlRegistry.findOrAdd(threadLocal);
            added.add(threadLocal);
        }
        reader.join();
        assertEquals(0, misses.get(), "lookups that overlapped a resize");
        for (ThreadLocal<?> threadLocal : added) {
            assertSame(threadLocal, TlRegistry.find(threadLocal).get());
        }
    }

    @Test
    void eachThreadLocalBeyondItsLinesBoundIsCountedOnceHoweverOftenItIsStored() {
        int site = 61_001; // a site id of this test alone
        List<ThreadLocal<?>> made = new ArrayList<>(); // held: nothing collected makes room at the bound
        long before = TlRegistry.untracked();
        int beyond = 2_000;
        for (int i = 0; i < TlRegistry.MAX_PER_SITE + beyond; i++) {
            ThreadLocal<?> threadLocal = new ThreadLocal<>();
            made.add(threadLocal);
            TlRegistry.created(threadLocal, site, false);
        }
        assertEquals(beyond, TlRegistry.untracked() - before, "constructions refused at the line's bound");
        ThreadLocal<?> untracked = made.get(made.size() - 1);
        assertNull(TlRegistry.find(untracked));
        for (int store = 0; store < 3; store++) {
            for (ThreadLocal<?> threadLocal : made) {
                TlRegistry.findOrAddStored(threadLocal); // a store into each, three times
            }
        }
        assertNull(TlRegistry.find(untracked), "a store after a refused construction tracks nothing new");
        assertEquals(beyond, TlRegistry.untracked() - before, "stores are no new ThreadLocals");
        made.clear();
    }

    @AfterEach
    void storesTrackAgain() {
        TlRegistry.forgetRefusalsForTests(); // the JVM's other tests rely on stores being tracked
    }
}

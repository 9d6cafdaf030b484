package io.localdrop.it.stacks;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, from what the application itself reported, the reads that saw another unit of work's value:
 * the number a BLEED finding's {@code count} must equal. It knows nothing of the agent. A unit of work
 * that stored its own value before reading it is not a bleed; one that stored nothing and still read a
 * value is.
 */
public final class BleedOracle {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger bleeding = new AtomicInteger();

    /**
     * Records one read.
     *
     * @param storedOwn whether this unit of work stored its own value before it read
     * @param read      what the read returned (null: nothing)
     */
    public void read(boolean storedOwn, Object read) {
        reads.incrementAndGet();
        if (!storedOwn && read != null) {
            bleeding.incrementAndGet();
        }
    }

    /** How many reads were recorded. */
    public int reads() {
        return reads.get();
    }

    /** How many of them saw another unit of work's value. */
    public int bleedingReads() {
        return bleeding.get();
    }

    @Override
    public String toString() {
        return bleeding + " bleeding reads of " + reads;
    }
}

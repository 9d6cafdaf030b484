package io.localdrop.it.diagnose;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Netty's pooled allocator used by tasks of a 2-thread pool of plain threads: its per-thread cache lives in Netty's
 * lazily created per-thread map (a ThreadLocal set once, on the first use). Prints how many thread caches the
 * allocator holds after 40 tasks: 2 while the caches stay; one more per task when something removes them.
 */
public final class NettyAllocatorFixture {
    private NettyAllocatorFixture() {
    }

    public static void main(String[] args) throws Exception {
        PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 40; i++) {
            pool.submit(() -> {
                ByteBuf buffer = allocator.heapBuffer(64);
                buffer.writeInt(42);
                buffer.release();
            }).get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.println("thread caches: " + allocator.metric().numThreadLocalCaches());
    }
}

package io.localdrop.it.diagnose;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Jackson on a pool: its per-thread BufferRecycler is a cache (held through a SoftReference), not a leak. */
public final class JacksonFixture {
    static final ObjectMapper MAPPER = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 3; round++) {
            int r = round;
            List<String> json = OnEachThread.run(pool, 2, () -> MAPPER.writeValueAsString(Map.of("round", r))); // jackson-write
            System.out.println("round " + round + ": " + json);
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}

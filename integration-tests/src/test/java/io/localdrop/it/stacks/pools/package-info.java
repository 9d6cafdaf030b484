/**
 * The JDK's executors in child JVMs: {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor} (one-shot
 * and periodic tasks), the common ForkJoinPool (parallelism 2), the {@code Executors} factories, CompletableFuture
 * chains, {@code java.util.Timer} and the thread-per-task executors ({@link JdkExecutorStackTest}), and parallel
 * streams and RecursiveTask fork/join ({@link ForkJoinStackTest}), each with correct and leaky tasks.
 */
package io.localdrop.it.stacks.pools;

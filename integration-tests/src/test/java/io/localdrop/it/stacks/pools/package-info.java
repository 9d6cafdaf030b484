/**
 * The JDK's executors in child JVMs: {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor} (one-shot
 * and periodic tasks) and the common ForkJoinPool (parallelism 2), each with correct and leaky tasks.
 */
package io.localdrop.it.stacks.pools;

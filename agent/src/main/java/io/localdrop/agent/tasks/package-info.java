/**
 * Task boundaries of thread pools (ThreadPoolExecutor and subclasses, ForkJoinTask, Tomcat's and Jetty's
 * pools, option {@code taskBoundary}), injected as calls to the bridge with the codes of
 * {@link io.localdrop.agent.tasks.TaskEvents}, and the handler that turns those events into detector calls.
 */
package io.localdrop.agent.tasks;

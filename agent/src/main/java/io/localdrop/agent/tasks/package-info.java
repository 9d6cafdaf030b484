/**
 * Task boundaries: where one unit of work ends and the next begins on a thread. Injected as calls to the bridge
 * with the codes of {@link io.localdrop.agent.tasks.TaskEvents}: the JDK's pools (ThreadPoolExecutor and
 * subclasses, ForkJoinTask) and Tomcat's copy by name; the servers' request entry points and option
 * {@code taskBoundary} as request boundaries ({@link io.localdrop.agent.tasks.RequestBoundaries}); every other
 * pool through one general rule, the worker loops {@link io.localdrop.agent.tasks.WorkerLoops} finds in class files.
 * {@link io.localdrop.agent.findings.TaskTracker} is the one definition of which task a thread is in, for diagnose
 * and enforce alike; {@link io.localdrop.agent.tasks.UnwatchedThreads} says which threads no boundary reached.
 */
package io.localdrop.agent.tasks;

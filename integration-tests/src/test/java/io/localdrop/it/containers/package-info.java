/**
 * Container tests: a real server ({@code app/}, embedded Tomcat) in the local {@code localdrop/jdk}
 * image matching the test JVM, with the agent put in by {@link io.localdrop.testing.LocaldropContainer},
 * driven from the host over a mapped loopback port. They fail, never skip, without Docker or the
 * image ({@link io.localdrop.it.containers.ContainerEnvironment}); docs/testing.md lists what each shows.
 */
package io.localdrop.it.containers;

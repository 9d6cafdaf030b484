/**
 * The server that container tests run inside {@code localdrop/jdk} images: an embedded Tomcat
 * ({@link io.localdrop.it.containers.app.ServerMain}) with small servlets that each make one kind of
 * per-thread mistake on the server's worker threads. Never loaded by the test JVM itself: the
 * classes are copied into the container (docs/testing.md).
 */
package io.localdrop.it.containers.app;

/**
 * Embedded Tomcat 10.1 (two workers) in a child JVM, with correct and leaky servlets, driven over
 * loopback by keep-alive clients from inside the child, which prints its oracle's counts.
 */
package io.localdrop.it.stacks.tomcat;

/**
 * mode=diagnose in real child JVMs: each {@code *Fixture} is a child's main class that misuses (or uses
 * well) ThreadLocals on real thread pools, alone or through real libraries (log4j2, Jackson, Spring
 * Security); the tests read the JSON report the child wrote and check its findings, and check that the
 * agent changes nothing the program prints.
 */
package io.localdrop.it.diagnose;

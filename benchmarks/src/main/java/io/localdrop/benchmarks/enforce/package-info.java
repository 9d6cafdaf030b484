/**
 * mode=enforce's costs, each against a baseline in the same run: the exit of a thread holding three AutoCloseable
 * values in plain ThreadLocals (forks with mode=enforce against forks with mode=diagnose; target at most 1.10x),
 * and the rewritten get/set under enforce against plain ones in the same fork (target for get at most 1.15x).
 */
package io.localdrop.benchmarks.enforce;

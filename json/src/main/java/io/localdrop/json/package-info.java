/**
 * The reader of localdrop's JSON report, in a module of its own so that there is one definition of the grammar:
 * localdrop-testing reads reports with it ({@code LeakReport}), and the agent's command-line tool bundles it
 * (relocated into the agent jar's shaded packages, so that it never meets a copy on an application's class path).
 * No dependencies.
 */
package io.localdrop.json;

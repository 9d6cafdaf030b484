/**
 * Where people look at findings: the HTML report in a real browser, merged reports of several JVMs, the
 * report format's JSON Schema, and the command-line tool against running JVMs.
 */
package io.localdrop.it.observe;

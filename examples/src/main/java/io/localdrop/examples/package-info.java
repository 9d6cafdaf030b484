/**
 * Small programs for the README: owned and scoped keys at work, and leaky applications to run under the
 * agent. Not part of any API.
 */
package io.localdrop.examples;

/**
 * A real Spring Boot web application for the real-stack acceptance suite: Tomcat 10.1 workers, Spring
 * Security, actuator, logback with MDC, Jackson. {@code correct/} uses every per-thread facility the way
 * it should be used; {@code leaky/} makes the classic mistakes on purpose. Every response says what the
 * handler read from its per-thread state, so the test can count the bleeding reads without the agent.
 */
package io.localdrop.stackapps.boot;

/**
 * The Spring Boot stack: the fat jar of {@code stack-apps/spring-boot-app} (Tomcat) or of
 * {@code stack-apps/spring-boot-jetty-app} (the same application on Jetty 12) or of {@code stack-apps/spring-boot4-app}
 * (the same application on Spring Boot 4.0) run with {@code java -jar} in the
 * {@code localdrop/jdk} image of the test JVM, with the agent, driven over HTTP by keep-alive clients from
 * the test, stopped gracefully (SIGTERM), its report read with the testing module. One container per test
 * class: the class drives all its traffic once, then each test checks one expectation against the report.
 */
package io.localdrop.it.stacks.boot;

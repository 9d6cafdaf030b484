/**
 * A plugin-style web application: these classes are copied into the container's
 * {@code webapp/WEB-INF/classes}, not onto its class path, so Tomcat's WebappClassLoader defines
 * them and undeploying the context should let that loader go.
 */
package io.localdrop.it.containers.app.plugin;

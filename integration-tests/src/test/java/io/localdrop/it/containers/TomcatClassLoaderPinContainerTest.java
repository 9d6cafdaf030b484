package io.localdrop.it.containers;

import static io.localdrop.it.containers.FixtureServer.field;
import static io.localdrop.it.containers.FixtureServer.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;
import io.localdrop.testing.LocaldropContainer;
import io.localdrop.testing.Severity;
import io.localdrop.testing.StoppedContainer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * Issue 6, 3(a): a web application's servlet keeps a value of its own class in a static
 * ThreadLocal; the application is undeployed; the worker threads keep its class loader alive.
 * Tomcat's own check warns with the types; localdrop names the line.
 */
class TomcatClassLoaderPinContainerTest {

    static final String SERVLET = "io.localdrop.it.containers.app.plugin.PluginServlet";

    @Test
    void anUndeployedWebAppPinnedByAThreadLocalIsReportedWithTheServletsLine() {
        try (GenericContainer<?> server = FixtureServer.container("include=io.localdrop.it.containers.app")) {
            server.start();
            String served = get(server, "/plugin/catalog");
            assertTrue(field(served, "loader").contains("WebappClassLoader"), "the plugin runs in its own loader: " + served);
            String setLine = field(served, "set-line");
            assertTrue(get(server, "/admin/undeploy").startsWith("undeployed /plugin"));

            StoppedContainer stopped = LocaldropContainer.stop(server, Duration.ofSeconds(30));
            LeakReport report = stopped.report();

            String site = SERVLET + ".doGet(PluginServlet.java:" + setLine + ")";
            List<Finding> pins = report.findings(Kind.CLASSLOADER_PIN).stream()
                    .filter(f -> f.setAt().contains(site)).collect(Collectors.toList());
            assertEquals(1, pins.size(), "one CLASSLOADER_PIN at " + site + "; report:\n" + report.describe()
                    + "\nlog:\n" + stopped.logs());
            Finding pin = pins.get(0);
            assertEquals(Severity.ERROR, pin.severity());
            assertEquals(SERVLET + ".LAST_SERVED", pin.threadLocal().field(), pin.describe());
            assertEquals(SERVLET + "$PluginState", pin.valueType(), pin.describe());
            assertTrue(pin.valueClassLoader() != null && pin.valueClassLoader().contains("WebappClassLoader"), pin.describe());

            // the same objects kept as entries of a per-thread HashMap (a memo by page): a pin named by the entry
            List<Finding> mapPins = report.findings(Kind.CLASSLOADER_PIN).stream()
                    .filter(f -> (SERVLET + ".BY_PAGE").equals(f.threadLocal().field())).collect(Collectors.toList());
            assertEquals(1, mapPins.size(), "one CLASSLOADER_PIN of BY_PAGE; report:\n" + report.describe());
            assertEquals(SERVLET + "$PluginState", mapPins.get(0).valueType(), mapPins.get(0).describe());
            assertTrue(mapPins.get(0).valueClassLoader().contains("WebappClassLoader"), mapPins.get(0).describe());

            // Tomcat's own check (WebappClassLoaderBase.checkThreadLocalsForLeaks) saw the same leak at undeploy
            String tomcat = stopped.logs().lines()
                    .filter(l -> l.contains("created a ThreadLocal with key of type") && l.contains("PluginState]"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Tomcat ThreadLocal warning in the log:\n" + stopped.logs()));
            // Tomcat prints the canonical name (PluginServlet.PluginState)
            assertTrue(tomcat.contains("a value of type [" + SERVLET + ".PluginState]"), tomcat);
            assertFalse(tomcat.contains("PluginServlet.java"), "Tomcat names types, not lines: " + tomcat);
            System.out.println("side by side, the same leak:\n  Tomcat:    " + tomcat.trim() + "\n  localdrop: " + pin.describe());
        }
    }
}

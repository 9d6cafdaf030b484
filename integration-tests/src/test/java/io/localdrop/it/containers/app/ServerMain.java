package io.localdrop.it.containers.app;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat with two worker threads (so requests share threads), one request per
 * connection (so every request is its own task on the pool), a root context with the fixture
 * servlets and a plugin context whose servlet the web application's own class loader defines.
 *
 * <p>Stops when {@code /admin/stop} is called: Tomcat stops, then this main joins the worker threads,
 * so that their exit (destructors, mode=enforce closing) has happened before the JVM exits. Also
 * stops on SIGTERM like any JVM (shutdown hooks run, no Tomcat stop).
 */
public final class ServerMain {

    static final int PORT = 8080;

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String appDir = args.length > 0 ? args[0] : "/app";
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(appDir + "/tomcat-base");
        Connector connector = new Connector();
        connector.setPort(PORT);
        connector.setProperty("maxThreads", "2");
        connector.setProperty("minSpareThreads", "2");
        connector.setProperty("maxKeepAliveRequests", "1");
        tomcat.setConnector(connector);

        Context plugin = tomcat.addContext("/plugin", new File(appDir, "webapp").getAbsolutePath());
        Tomcat.addServlet(plugin, "plugin", "io.localdrop.it.containers.app.plugin.PluginServlet");
        plugin.addServletMappingDecoded("/*", "plugin");

        CountDownLatch stop = new CountDownLatch(1);
        Context root = tomcat.addContext("", new File(appDir).getAbsolutePath());
        serve(root, "/login", new ContextServlets.Login());
        serve(root, "/whoami", new ContextServlets.WhoAmI());
        serve(root, "/resource", new ResourceServlet());
        serve(root, "/owned", new FailingDestructorServlet());
        serve(root, "/admin/*", new AdminServlet(tomcat.getHost(), plugin, stop));

        tomcat.start();
        System.out.println("localdrop-fixture: listening on " + PORT + " (Java " + Runtime.version() + ")");
        System.out.flush();

        stop.await();
        tomcat.stop();
        tomcat.destroy();
        joinServerThreads();
        System.out.println("localdrop-fixture: stopped");
        System.out.flush();
    }

    private static void serve(Context context, String pattern, jakarta.servlet.Servlet servlet) {
        String name = pattern.replace("/", "").replace("*", "");
        Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(pattern, name);
    }

    /** Joins Tomcat's threads (bounded), so their exit destructors have run: join returns after them. */
    private static void joinServerThreads() throws InterruptedException {
        List<Thread> server = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("http-nio-")) {
                server.add(thread);
            }
        }
        for (Thread thread : server) {
            thread.join(30_000);
            if (thread.isAlive()) {
                System.out.println("localdrop-fixture: thread " + thread.getName() + " did not end within 30 s");
            }
        }
    }
}

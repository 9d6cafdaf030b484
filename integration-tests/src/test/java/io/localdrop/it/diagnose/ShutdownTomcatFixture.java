package io.localdrop.it.diagnose;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A real embedded Tomcat 10.1 with two workers whose servlet keeps a per-thread connection in a ThreadLocal and
 * never closes it; Tomcat is stopped in the application's shutdown hook, as Spring Boot does on exit, so its
 * workers exit during the JVM's shutdown holding their connections. Main sends the requests itself, then ends
 * the JVM with {@code System.exit(0)} (Tomcat's utility threads are not daemons: the JVM would not end by itself).
 */
public final class ShutdownTomcatFixture {
    static final ThreadLocal<ExitLeakFixture.Connection> CONNECTION = new ThreadLocal<>(); // tomcat-created

    /** Opens the worker's connection on its first request and reuses it. */
    static final class ConnectionServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (CONNECTION.get() == null) {
                CONNECTION.set(new ExitLeakFixture.Connection()); // tomcat-set
            }
            response.setContentType("text/plain");
            response.getWriter().print("ok");
        }
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("shutdown-tomcat-");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "2");
        connector.setProperty("minSpareThreads", "2");
        connector.setProperty("maxKeepAliveRequests", "1");
        tomcat.setConnector(connector);
        Context root = tomcat.addContext("", base.toString());
        Tomcat.addServlet(root, "connection", new ConnectionServlet());
        root.addServletMappingDecoded("/*", "connection");
        tomcat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                ShutdownHookOrder.afterAnyOrdinaryAgentHook();
                tomcat.stop();
                tomcat.destroy();
                System.out.println("tomcat stopped");
            } catch (Exception failed) {
                failed.printStackTrace();
            }
        }, "application-graceful-shutdown"));
        int port = connector.getLocalPort();
        for (int i = 0; i < 8; i++) {
            HttpURLConnection request = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/c").openConnection();
            try (InputStream body = request.getInputStream()) {
                body.readAllBytes();
            }
            request.disconnect();
        }
        System.out.println("requests served");
        System.exit(0);
    }
}

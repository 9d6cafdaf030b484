package io.localdrop.it.diagnose;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Embedded Tomcat 10.1 with one worker thread, driven by HTTP requests, one per connection. Every request goes through
 * {@code ServletContext.getRequestDispatcher} (Tomcat's ApplicationContext keeps a per-thread DispatchData, made
 * lazily). {@code correct}: the front servlet keeps the user in a request-scoped ThreadLocal removed in
 * {@code finally}. {@code leaky}: it never removes it, and the status servlet reads it in later anonymous requests.
 */
public final class TomcatDispatchFixture {
    static final ThreadLocal<String> USER = new ThreadLocal<>(); // tomcat-user-created

    public static void main(String[] args) throws Exception {
        boolean leaky = args.length > 0 && args[0].equals("leaky");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-fixture").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("maxThreads", "1");
        connector.setProperty("minSpareThreads", "1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "front", new Front(leaky));
        context.addServletMappingDecoded("/front", "front");
        Tomcat.addServlet(context, "part", new Part());
        context.addServletMappingDecoded("/part", "part");
        Tomcat.addServlet(context, "status", new Status());
        context.addServletMappingDecoded("/status", "status");
        tomcat.start();
        int port = connector.getLocalPort();
        int staleReads = 0;
        for (int i = 0; i < 6; i++) {
            get(port, "/front?user=alice" + i);
            if (get(port, "/status").startsWith("user=alice")) {
                staleReads++;
            }
        }
        System.out.println("anonymous requests that saw a user: " + staleReads);
        tomcat.stop();
        tomcat.destroy();
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        // one request per connection: Tomcat may serve the next request of a keep-alive connection inside the same
        // task, and where a request starts and ends within one task is the task-boundary work, not this fixture's
        connection.setRequestProperty("Connection", "close");
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final class Front extends HttpServlet {
        private final boolean leaky;

        Front(boolean leaky) {
            this.leaky = leaky;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            USER.set(request.getParameter("user")); // tomcat-user-set
            try {
                response.getWriter().write("front for " + USER.get() + ": ");
                request.getServletContext().getRequestDispatcher("/part").include(request, response);
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            } finally {
                if (!leaky) {
                    USER.remove();
                }
            }
        }
    }

    static final class Part extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write("part");
        }
    }

    static final class Status extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String user = USER.get(); // tomcat-user-read
            response.getWriter().write(user == null ? "anonymous" : "user=" + user);
        }
    }
}

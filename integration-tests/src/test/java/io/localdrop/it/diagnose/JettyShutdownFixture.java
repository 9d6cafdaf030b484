package io.localdrop.it.diagnose;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Real Jetty 12.1: three servlet contexts on one server that stops at JVM shutdown ({@code setStopAtShutdown}), so
 * Jetty's own shutdown thread stops and destroys one context after another, each inside that context's scope (Jetty's
 * {@code ContextHandler.CURRENT_CONTEXT}), running work through the context's {@code run(Runnable)}. Correct code:
 * each context serves one request; nothing is left anywhere.
 */
public final class JettyShutdownFixture {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        for (int i = 0; i < 3; i++) {
            ServletContextHandler context = new ServletContextHandler("/c" + i);
            context.addServlet(Hello.class, "/hello");
            contexts.addHandler(context);
        }
        server.setHandler(contexts);
        server.setStopAtShutdown(true);
        server.start();
        int port = connector.getLocalPort();
        for (int i = 0; i < 3; i++) {
            URL url = URI.create("http://127.0.0.1:" + port + "/c" + i + "/hello").toURL();
            try (InputStream in = url.openStream()) {
                System.out.println(new String(in.readAllBytes()));
            }
        }
        System.exit(0); // Jetty's shutdown thread stops the server
    }

    /** Answers with the context path. */
    public static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print("hello from " + request.getContextPath());
        }
    }
}

package io.localdrop.it.diagnose;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A real Jetty 12 server ({@code core} handler or {@code ee10} servlet) on a {@code queued} pool (QueuedThreadPool,
 * with its reserved threads) or a {@code virtual} one (VirtualThreadPool, JDK 21+), serving {@link SignedInUser}
 * {@code leaky} or {@code correct}, driven by {@link KeepAliveClient}. Args: api pool variant rounds.
 */
public final class JettyRequestsFixture {
    private JettyRequestsFixture() {
    }

    public static void main(String[] args) throws Exception {
        boolean leaky = args[2].equals("leaky");
        int rounds = Integer.parseInt(args[3]);
        Server server = new Server(pool(args[1]));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(args[0].equals("core") ? new CoreHandler(leaky) : servlets(leaky));
        server.start();
        try {
            KeepAliveClient.drive(connector.getLocalPort(), rounds);
        } finally {
            server.stop();
        }
        System.out.println("served by jetty " + args[0] + " " + args[1]);
    }

    private static ThreadPool pool(String kind) throws Exception {
        if (kind.equals("virtual")) {
            // by name: this class path compiles on JDK 17, where VirtualThreadPool cannot start
            return (ThreadPool) Class.forName("org.eclipse.jetty.util.thread.VirtualThreadPool")
                    .getConstructor().newInstance();
        }
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("jetty-worker");
        pool.setReservedThreads(2); // a reserved thread takes over a connection's next request in place
        return pool;
    }

    private static ServletContextHandler servlets(boolean leaky) {
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new org.eclipse.jetty.ee10.servlet.ServletHolder(new UserServlet(leaky)), "/*");
        return context;
    }

    /** A core handler: no servlet API. */
    static final class CoreHandler extends Handler.Abstract.NonBlocking {
        private final boolean leaky;

        CoreHandler(boolean leaky) {
            this.leaky = leaky;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String text = SignedInUser.answer(request.getHttpURI().getPath(), request.getHttpURI().getQuery(), leaky);
            response.getHeaders().put("Content-Type", "text/plain");
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}

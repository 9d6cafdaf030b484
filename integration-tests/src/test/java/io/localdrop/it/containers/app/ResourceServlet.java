package io.localdrop.it.containers.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /resource}: opens one {@link PooledResource} per worker thread and keeps it in a plain
 * ThreadLocal for reuse, with no code that ever closes it. Under {@code mode=enforce} the agent
 * closes it when the worker thread ends.
 */
final class ResourceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final ThreadLocal<PooledResource> CONNECTION = new ThreadLocal<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PooledResource resource = CONNECTION.get();
        if (resource == null) {
            resource = new PooledResource(Thread.currentThread().getName());
            CONNECTION.set(resource);
        }
        response.setContentType("text/plain");
        response.getWriter().print("resource opened-on=" + resource.openedOn + " thread=" + Thread.currentThread().getName());
    }

    /** A per-thread resource (think: a connection) that says on stdout when it is closed, and on which thread. */
    static final class PooledResource implements AutoCloseable {
        final String openedOn;

        PooledResource(String openedOn) {
            this.openedOn = openedOn;
        }

        @Override
        public void close() {
            System.out.println("localdrop-fixture: PooledResource opened on " + openedOn + " closed on "
                    + Thread.currentThread().getName());
            System.out.flush();
        }
    }
}

package io.localdrop.it.containers.app;

import io.localdrop.OwnedKey;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /owned}: uses an owned key whose destructor throws. When the worker thread ends (server
 * stop), the destructor runs there, throws, and the JVM ends with status 134 (rule 9).
 */
final class FailingDestructorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String KEY_NAME = "fixture.session-cache";

    static final OwnedKey<StringBuilder> SESSION_CACHE = OwnedKey.named(KEY_NAME, StringBuilder::new, cache -> {
        throw new IllegalStateException("fixture: flushing the session cache failed");
    });

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SESSION_CACHE.get().append('x');
        response.setContentType("text/plain");
        response.getWriter().print("owned key=" + KEY_NAME + " thread=" + Thread.currentThread().getName());
    }
}

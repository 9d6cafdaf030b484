package io.localdrop.it.containers.app.plugin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers per thread which plugin state it last served, in a static ThreadLocal, and never
 * removes it: the value's class comes from this web application's loader, so each worker thread
 * that served it keeps the undeployed application's loader alive (CLASSLOADER_PIN), and so does its per-thread map of
 * the same objects.
 */
public final class PluginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** A value of this web application's own class. */
    static final class PluginState {
        final long servedAt = System.nanoTime();
    }

    static final ThreadLocal<PluginState> LAST_SERVED = new ThreadLocal<>();
    /** A per-thread memo of the plugin's state by page, in a JDK map: its entries pin the loader too. */
    static final ThreadLocal<Map<String, PluginState>> BY_PAGE = ThreadLocal.withInitial(HashMap::new);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the set and the line number on one line, so the response names the exact line the report must name
        LAST_SERVED.set(new PluginState()); int setLine = new Throwable().getStackTrace()[0].getLineNumber();
        BY_PAGE.get().computeIfAbsent(request.getRequestURI(), page -> new PluginState());
        response.setContentType("text/plain");
        response.getWriter().print("plugin set-line=" + setLine + " thread=" + Thread.currentThread().getName()
                + " loader=" + PluginState.class.getClassLoader().getClass().getName());
    }
}

package io.localdrop.it.containers.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Container;
import org.apache.catalina.Context;

/**
 * {@code /admin/undeploy} removes the plugin web application (stopped and destroyed, as an operator
 * undeploying it would); {@code /admin/stop} asks {@link ServerMain} to stop the server and exit.
 */
final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Container host;
    private final transient Context plugin;
    private final transient CountDownLatch stop;

    AdminServlet(Container host, Context plugin, CountDownLatch stop) {
        this.host = host;
        this.plugin = plugin;
        this.stop = stop;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = request.getPathInfo();
        response.setContentType("text/plain");
        if ("/undeploy".equals(action)) {
            host.removeChild(plugin); // stops the context: Tomcat's WebappClassLoader checks for ThreadLocal leaks here
            response.getWriter().print("undeployed " + plugin.getName() + " state=" + plugin.getState());
        } else if ("/stop".equals(action)) {
            response.getWriter().print("stopping");
            stop.countDown();
        } else {
            response.sendError(404, "unknown admin action " + action + ": accepted are /undeploy, /stop");
        }
    }
}

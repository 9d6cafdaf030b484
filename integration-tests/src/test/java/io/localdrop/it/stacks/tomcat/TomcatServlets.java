package io.localdrop.it.stacks.tomcat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.localdrop.it.stacks.PerThreadScratch;
import java.io.IOException;

/**
 * The two servlets of the Tomcat stack. Each answers {@code {"thread":..,"read":..}}: what it read from its
 * ThreadLocal, for the oracle.
 */
final class TomcatServlets {

    static final String USER_HEADER = "X-User";

    private TomcatServlets() {
    }

    /**
     * Stores the header's user for the request and removes it in {@code finally}; formats its answer with the
     * thread's cached formatter and scratch buffer ({@link PerThreadScratch}).
     */
    static final class Correct extends HttpServlet {
        private static final long serialVersionUID = 1L;
        static final ThreadLocal<String> REQUEST_USER = new ThreadLocal<>();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            REQUEST_USER.set(request.getHeader(USER_HEADER));
            try {
                String user = REQUEST_USER.get();
                response.setHeader("X-Stamp", PerThreadScratch.stamp(String.valueOf(user)));
                answer(response, user);
            } finally {
                REQUEST_USER.remove();
            }
        }
    }

    /** Stores the header's user when there is one and never removes it; always reads it once. */
    static final class Leaky extends HttpServlet {
        private static final long serialVersionUID = 1L;
        static final ThreadLocal<String> USER = new ThreadLocal<>();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String user = request.getHeader(USER_HEADER);
            if (user != null) {
                USER.set(user); // leak: user set
            }
            answer(response, USER.get()); // leak: user read
        }
    }

    private static void answer(HttpServletResponse response, String read) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write("{\"thread\":\"" + Thread.currentThread().getName() + "\",\"read\":"
                + (read == null ? "null" : "\"" + read + "\"") + "}");
    }
}

package io.localdrop.it.containers.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The two servlets around {@link RequestContext}: one logs a user in, one reads who is logged in. */
final class ContextServlets {

    private ContextServlets() {
    }

    /** {@code /login?user=NAME}: stores the user for "this request" and never clears it. */
    static final class Login extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            RequestContext.login(request.getParameter("user"));
            response.setContentType("text/plain");
            response.getWriter().print("login set-line=" + RequestContext.setLine + " thread=" + Thread.currentThread().getName());
        }
    }

    /** {@code /whoami}: a request that never logged in, reading the holder. */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String user = RequestContext.currentUser();
            response.setContentType("text/plain");
            response.getWriter().print("whoami user=" + (user == null ? "-" : user) + " get-line=" + RequestContext.getLine
                    + " thread=" + Thread.currentThread().getName());
        }
    }
}

package io.localdrop.it.diagnose;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@link SignedInUser}'s endpoints as a servlet, for the servlet containers (Jetty ee10, Tomcat). */
final class UserServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final boolean leaky;

    UserServlet(boolean leaky) {
        this.leaky = leaky;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(SignedInUser.answer(request.getRequestURI(), request.getQueryString(), leaky));
    }
}

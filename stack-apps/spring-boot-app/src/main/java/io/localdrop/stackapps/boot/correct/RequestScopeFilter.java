package io.localdrop.stackapps.boot.correct;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request id (parameter {@code id}) into {@link RequestScope} and into logback's MDC for the
 * request, and takes both out again in {@code finally}: the textbook use.
 */
public final class RequestScopeFilter extends OncePerRequestFilter {

    static final String MDC_KEY = "requestId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getParameter("id");
        if (id == null) {
            id = "anonymous";
        }
        RequestScope.REQUEST_ID.set(id); // correct: set
        MDC.put(MDC_KEY, id); // correct: mdc put
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            RequestScope.REQUEST_ID.remove();
        }
    }

    /** Registers the filter for the correct endpoints only. */
    @Configuration
    public static class Registration {
        @Bean
        FilterRegistrationBean<RequestScopeFilter> requestScopeFilter() {
            FilterRegistrationBean<RequestScopeFilter> registration = new FilterRegistrationBean<>(new RequestScopeFilter());
            registration.addUrlPatterns("/correct/*");
            return registration;
        }
    }
}

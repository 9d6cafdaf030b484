package io.localdrop.stackapps.boot.leaky;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stores the user named by header {@value #HEADER} and never removes it: a request without the header
 * that runs later on the same worker thread sees that user.
 */
public final class LeakyUserFilter extends OncePerRequestFilter {

    static final String HEADER = "X-User";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = request.getHeader(HEADER);
        if (user != null) {
            LeakyUser.USER.set(user); // leak: user set
        }
        chain.doFilter(request, response);
    }

    /** Registers the filter for the leaky endpoints only. */
    @Configuration
    public static class Registration {
        @Bean
        FilterRegistrationBean<LeakyUserFilter> leakyUserFilter() {
            FilterRegistrationBean<LeakyUserFilter> registration = new FilterRegistrationBean<>(new LeakyUserFilter());
            registration.addUrlPatterns("/leaky/*");
            return registration;
        }
    }
}

package io.localdrop.stackapps.boot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security as an application would set it up: HTTP Basic on {@code /correct/secure/**},
 * stateless (so every request authenticates again and Spring Security's own per-thread context is set
 * and cleared on every request), everything else open. Users {@code user-0} to {@code user-7}, password
 * {@value #PASSWORD}.
 */
@Configuration
public class SecurityConfig {

    static final String PASSWORD = "pw";
    static final int USERS = 8;

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/correct/secure/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(basic -> { })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (int i = 0; i < USERS; i++) {
            UserDetails user = User.withUsername("user-" + i).password("{noop}" + PASSWORD).roles("USER").build();
            users.createUser(user);
        }
        return users;
    }
}

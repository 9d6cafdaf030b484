package io.localdrop.stackapps.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's entry point: {@code java -jar app.jar [--spring.threads.virtual.enabled=true]}.
 *
 * <p>With {@code -Dlocaldrop.bench.exitAfterStart=true} it closes its context and exits as soon as it has
 * started (Tomcat listening): the start-up benchmark ({@code scripts/springboot-bench.sh}) measures "context
 * up, then exit" that way, without a client polling the port or a signal racing the start.
 */
@SpringBootApplication
public class BootApp {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(BootApp.class, args);
        if (Boolean.getBoolean("localdrop.bench.exitAfterStart")) {
            System.exit(SpringApplication.exit(context));
        }
    }
}

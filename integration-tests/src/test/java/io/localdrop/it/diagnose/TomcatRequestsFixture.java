package io.localdrop.it.diagnose;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real embedded Tomcat 10.1 with {@link UserServlet} ({@link SignedInUser} {@code leaky} or {@code correct}) on
 * its {@code platform} pool or on {@code virtual} threads (JDK 21+, what Spring Boot's
 * {@code spring.threads.virtual.enabled=true} configures), driven by {@link KeepAliveClient}.
 * Args: api(unused) pool variant rounds.
 */
public final class TomcatRequestsFixture {
    private TomcatRequestsFixture() {
    }

    public static void main(String[] args) throws Exception {
        boolean leaky = args[2].equals("leaky");
        int rounds = Integer.parseInt(args[3]);
        Path base = Files.createTempDirectory("tomcat-");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        if (args[1].equals("virtual")) {
            connector.setProperty("useVirtualThreads", "true");
        } else {
            connector.setProperty("maxThreads", "1"); // one worker: with two, login and whoami alternate threads
            connector.setProperty("minSpareThreads", "1");
        }
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "users", new UserServlet(leaky));
        context.addServletMappingDecoded("/*", "users");
        tomcat.start();
        try {
            KeepAliveClient.drive(connector.getLocalPort(), rounds);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
        System.out.println("served by tomcat");
    }
}

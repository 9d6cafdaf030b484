package io.localdrop.it.stacks.tomcat;

import static io.localdrop.it.stacks.HttpJson.text;

import io.localdrop.it.stacks.BleedOracle;
import io.localdrop.it.stacks.ChildStack;
import com.fasterxml.jackson.databind.JsonNode;
import io.localdrop.it.stacks.HttpJson;
import io.localdrop.it.stacks.PipelinedHttp;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Child main: {@code <correct|leaky>}. Embedded Tomcat with two workers on 127.0.0.1 (a free port), one
 * servlet; {@value #CLIENTS} keep-alive clients send {@value #REQUESTS_PER_CLIENT} requests each, every fourth
 * naming a user in a header, then {@value #PIPELINED_PAIRS} pipelined pairs (a request with a user, one without,
 * in one write). Prints the oracle (leaky: reads without a header that saw a user), then stops
 * Tomcat and returns from main.
 */
public final class TomcatStackFixture {

    static final int CLIENTS = 3;
    static final int REQUESTS_PER_CLIENT = 24;
    static final int PIPELINED_PAIRS = 3;

    private TomcatStackFixture() {
    }

    public static void main(String[] args) throws Exception {
        boolean leaky = "leaky".equals(args[0]);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-stack-").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "2");
        connector.setProperty("minSpareThreads", "2");
        tomcat.setConnector(connector);
        Context root = tomcat.addContext("", Files.createTempDirectory("tomcat-stack-docs-").toString());
        Tomcat.addServlet(root, "app", leaky ? new TomcatServlets.Leaky() : new TomcatServlets.Correct());
        root.addServletMappingDecoded("/*", "app");
        tomcat.start();
        int port = connector.getLocalPort();

        BleedOracle oracle = new BleedOracle();
        AtomicInteger wrong = new AtomicInteger();
        List<Callable<Void>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(() -> {
                HttpJson http = new HttpJson("127.0.0.1", port);
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    if (i % 4 == 0) {
                        String user = "user-" + client + "-" + i;
                        String read = text(http.get("/who", TomcatServlets.USER_HEADER, user), "read");
                        if (!user.equals(read)) {
                            wrong.incrementAndGet();
                        }
                        oracle.read(true, read);
                    } else {
                        String read = text(http.get("/who"), "read");
                        if (!leaky && read != null) {
                            wrong.incrementAndGet();
                        }
                        oracle.read(false, read);
                    }
                }
                // pipelined pairs: Tomcat serves both requests of a pair in one task of its pool
                for (int pair = 0; pair < PIPELINED_PAIRS; pair++) {
                    String user = "pipelined-" + client + "-" + pair;
                    List<JsonNode> seen = PipelinedHttp.send("127.0.0.1", port, List.of(
                            new PipelinedHttp.Get("/who", TomcatServlets.USER_HEADER, user), new PipelinedHttp.Get("/who")));
                    if (!user.equals(text(seen.get(0), "read"))) {
                        wrong.incrementAndGet();
                    }
                    oracle.read(true, text(seen.get(0), "read"));
                    String read = text(seen.get(1), "read");
                    if (!leaky && read != null) {
                        wrong.incrementAndGet();
                    }
                    oracle.read(false, read);
                }
                return null;
            });
        }
        HttpJson.together(clients);
        System.out.println("tomcat " + args[0] + ": " + oracle + ", wrong answers: " + wrong);
        ChildStack.print("users", oracle);
        tomcat.stop();
        tomcat.destroy();
        if (wrong.get() != 0) {
            System.exit(3);
        }
    }
}

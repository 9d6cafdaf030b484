package io.localdrop.it.stacks.boot;

import static io.localdrop.it.stacks.HttpJson.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.localdrop.it.stacks.HttpJson;
import io.localdrop.it.stacks.RealStack;
import io.localdrop.it.stacks.StackReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spring Boot on Tomcat's platform worker threads, correct endpoints only: a request-scoped ThreadLocal set
 * by a filter and removed in {@code finally}, {@code MDC.put}/{@code MDC.remove}, Spring Security's HTTP Basic
 * (its context set and cleared per request), Spring Boot's error page for a 404 (a dispatch to {@code /error}),
 * actuator health, Jackson, {@code @Async} jobs on Spring Boot's task executor. Issue 9: zero WARNING/ERROR.
 */
@Tag(RealStack.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringBootCorrectStackTest {

    static final int CLIENTS = 3;
    static final int REQUESTS_PER_CLIENT = 24;
    static final int ASYNC_PER_CLIENT = 6;

    private final List<String> wrongAnswers = new ArrayList<>();
    private int answers;
    private StackReport report;

    boolean virtualThreads() {
        return false;
    }

    BootStack.Server server() {
        return BootStack.Server.TOMCAT;
    }

    String name() {
        return "Spring Boot (Tomcat platform workers), correct";
    }

    @BeforeAll
    void driveTheApplicationOnce() throws Exception {
        try (BootStack stack = BootStack.start(name(), server(), virtualThreads())) {
            List<Callable<List<String>>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(() -> drive(stack.client(), client));
            }
            for (List<String> wrong : HttpJson.together(clients)) {
                wrongAnswers.addAll(wrong);
            }
            answers = CLIENTS * (REQUESTS_PER_CLIENT + ASYNC_PER_CLIENT);
            report = stack.stop(answers + " answers, " + wrongAnswers.size() + " wrong: " + wrongAnswers);
        }
    }

    /** One keep-alive client's requests; returns the answers in which the application saw another request's state. */
    private static List<String> drive(HttpJson http, int client) {
        List<String> wrong = new ArrayList<>();
        String user = "user-" + client;
        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
            String id = "c" + client + "-" + i;
            switch (i % 4) {
                case 0 -> {
                    JsonNode seen = http.get("/correct/request?id=" + id);
                    if (!id.equals(text(seen, "requestScope")) || !id.equals(text(seen, "mdc"))) {
                        wrong.add(seen.toString());
                    }
                }
                case 1 -> {
                    JsonNode seen = http.get("/correct/secure/me?id=" + id, "Authorization", HttpJson.basic(user, "pw"));
                    if (!user.equals(text(seen, "principal")) || !id.equals(text(seen, "requestScope"))) {
                        wrong.add(seen.toString());
                    }
                }
                case 2 -> {
                    // Spring Boot's error page: the server forwards to /error through a request dispatcher
                    JsonNode error = http.get(404, "/correct/missing?id=" + id);
                    if (!"/correct/missing".equals(text(error, "path"))) {
                        wrong.add(error.toString());
                    }
                }
                default -> {
                    JsonNode health = http.get("/actuator/health");
                    if (!"UP".equals(text(health, "status"))) {
                        wrong.add(health.toString());
                    }
                }
            }
        }
        // jobs handed to the application's task executor (its workers made by these requests): each sees only the
        // id it was given, no request attributes and no MDC entry
        for (int i = 0; i < ASYNC_PER_CLIENT; i++) {
            String id = "async-c" + client + "-" + i;
            JsonNode seen = http.get("/correct/async?id=" + id);
            if (!id.equals(text(seen, "requestScope")) || text(seen, "mdc") != null || text(seen, "principal") != null) {
                wrong.add(seen.toString());
            }
        }
        return wrong;
    }

    @Test
    void theApplicationSawOnlyItsOwnRequestsState() {
        assertEquals(List.of(), wrongAnswers, "the correct endpoints must never see another request's state");
    }

    @Test
    void correctEndpointsGiveNoWarningOrError() {
        report.assertNoProblems();
    }
}

package io.localdrop.it.stacks.tomcat;

import io.localdrop.it.stacks.ChildStack;
import io.localdrop.it.stacks.RealStack;
import io.localdrop.it.stacks.SourceLines;
import io.localdrop.testing.Kind;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Embedded Tomcat 10.1, keep-alive clients: the three acceptance checks of issue 9. */
@Tag(RealStack.TAG)
class TomcatStackTest {

    static final String LEAKY = "io.localdrop.it.stacks.tomcat.TomcatServlets$Leaky";

    @Test
    void correctServletGivesNoWarningOrError() throws Exception {
        ChildStack.run("Tomcat 10.1 embedded, correct", TomcatStackFixture.class, List.of(), "correct")
                .report().assertNoProblems();
    }

    @Test
    void leakyServletGivesABleedCountedLikeTheOracleAndATaskLeak() throws Exception {
        ChildStack run = ChildStack.run("Tomcat 10.1 embedded, leaky", TomcatStackFixture.class, List.of(), "leaky");
        String set = SourceLines.site(SourceLines.testSources(), LEAKY, "doGet", "leak: user set");
        String read = SourceLines.site(SourceLines.testSources(), LEAKY, "doGet", "leak: user read");
        run.report().assertBleed(set, read, run.oracle("users"));
        run.report().assertLeftBehind(Kind.TASK_LEAK, set);
    }
}

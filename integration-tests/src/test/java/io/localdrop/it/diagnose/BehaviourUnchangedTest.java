package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.localdrop.it.support.ChildJvm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** diagnose never changes behaviour: the same programs print the same with and without the agent. */
class BehaviourUnchangedTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {BleedFixture.class, FormatterCacheFixture.class, ExitLeakFixture.class,
            SubclassFixture.class, CorrectUsageFixture.class, Log4jMdcFixture.class, JacksonFixture.class,
            SpringSecurityFixture.class, LeakyPoolCheck.class})
    void sameOutputWithAndWithoutTheAgent(Class<?> program) throws Exception {
        ChildJvm.Result without = ChildJvm.main(program).noAgent().run().assertExit(0);
        ChildJvm.Result with = ChildJvm.main(program).agentOptions("mode=diagnose,log=quiet").run().assertExit(0);
        assertEquals(without.stdout(), with.stdout(), () -> "without:\n" + without + "\nwith:\n" + with);
        assertEquals(without.stderr(), with.stderr(), () -> "without:\n" + without + "\nwith:\n" + with);
    }
}

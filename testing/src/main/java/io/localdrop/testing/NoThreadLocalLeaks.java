package io.localdrop.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails each test (of the annotated class, or the annotated method) after which the localdrop agent
 * in the test's JVM has new findings of the given kinds, or higher counts of known ones: per-thread
 * state the test's code left behind. The failure message lists each finding with its lines.
 * Needs the agent in the test JVM ({@code -javaagent:localdrop-agent.jar}); see {@link LocaldropLeakCheck}
 * for what it can see and how to run without the agent.
 *
 * <pre>{@code
 * @NoThreadLocalLeaks
 * class CheckoutServiceTest { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocaldropLeakCheck.class)
public @interface NoThreadLocalLeaks {

    /** The finding kinds that fail a test. */
    Kind[] value() default {Kind.BLEED, Kind.TASK_LEAK, Kind.CLASSLOADER_PIN, Kind.EXIT_LEAK};
}

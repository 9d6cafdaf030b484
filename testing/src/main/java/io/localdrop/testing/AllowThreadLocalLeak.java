package io.localdrop.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Allows, in a leak-checked test ({@link NoThreadLocalLeaks}), the findings of one kind about one ThreadLocal,
 * for a stated reason: they no longer fail the test, and each one allowed is published as the test's report
 * entry {@value LocaldropLeakCheck#SUPPRESSED_ENTRY} with the reason. On a method, or on a class for all its
 * tests; repeatable. It turns the check on by itself (as {@code @NoThreadLocalLeaks} with the default kinds).
 *
 * <pre>{@code
 * @AllowThreadLocalLeak(kind = Kind.TASK_LEAK, threadLocal = "org.vendor.",
 *         reason = "vendor keeps its per-thread session on purpose (ticket V-77)")
 * }</pre>
 *
 * <p>{@link #threadLocal()} names the ThreadLocal as a report does and as the agent's suppression file does
 * (docs/diagnose.md): its static field ({@code com.acme.Ctx.CURRENT}) or where it was created
 * ({@code com.acme.Ctx.<clinit>}), exactly or as a prefix that ends at a name boundary ({@code com.acme.Ctx}
 * matches {@code com.acme.Ctx.CURRENT} but not {@code com.acme.CtxFactory.X}; a prefix ending in {@code .}
 * matches all under it). A blank {@link #reason()} or ThreadLocal fails the test as a configuration error.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(AllowThreadLocalLeaks.class)
@ExtendWith(LocaldropLeakCheck.class)
public @interface AllowThreadLocalLeak {

    /** The kind allowed; other kinds of the same ThreadLocal still fail. */
    Kind kind();

    /** The ThreadLocal's field or creation site, or a prefix of one ending at a name boundary. */
    String threadLocal();

    /** Why this leak is accepted (a ticket, an owner): mandatory, so that it can be questioned a year later. */
    String reason();
}

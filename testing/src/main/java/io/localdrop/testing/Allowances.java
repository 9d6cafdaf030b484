package io.localdrop.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The {@link AllowThreadLocalLeak} annotations that apply to one test: on its method and on its class. */
final class Allowances {
    private final List<AllowThreadLocalLeak> allowed;

    private Allowances(List<AllowThreadLocalLeak> allowed) {
        this.allowed = allowed;
    }

    /**
     * Reads and checks the annotations of the test.
     *
     * @throws ExtensionConfigurationException for an annotation whose reason or ThreadLocal is blank, naming it
     */
    static Allowances of(ExtensionContext context) {
        List<AllowThreadLocalLeak> all = new ArrayList<>();
        context.getTestMethod().ifPresent(
                m -> all.addAll(AnnotationSupport.findRepeatableAnnotations(m, AllowThreadLocalLeak.class)));
        context.getTestClass().ifPresent(
                c -> all.addAll(AnnotationSupport.findRepeatableAnnotations(c, AllowThreadLocalLeak.class)));
        for (AllowThreadLocalLeak allow : all) {
            String problem = allow.reason().trim().isEmpty() ? "has a blank reason"
                    : allow.threadLocal().trim().isEmpty() ? "names no ThreadLocal"
                    : allow.kind() == Kind.UNKNOWN ? "allows kind UNKNOWN, which no finding has"
                    : null;
            if (problem != null) {
                throw new ExtensionConfigurationException("localdrop: " + describe(allow) + " on "
                        + context.getDisplayName() + " " + problem + ": every allowed leak needs a kind, a ThreadLocal"
                        + " and the reason it is accepted");
            }
        }
        return new Allowances(all);
    }

    /** The first annotation that allows {@code finding}. */
    Optional<AllowThreadLocalLeak> allowing(Finding finding) {
        for (AllowThreadLocalLeak allow : allowed) {
            if (allow.kind() == finding.kind() && ThreadLocalName.names(allow.threadLocal().trim(), finding.threadLocal())) {
                return Optional.of(allow);
            }
        }
        return Optional.empty();
    }

    /** The annotation as it is written in the source, for messages. */
    static String describe(AllowThreadLocalLeak allow) {
        return "@AllowThreadLocalLeak(kind = " + allow.kind() + ", threadLocal = \"" + allow.threadLocal()
                + "\", reason = \"" + allow.reason() + "\")";
    }
}

package io.localdrop.agent;

import java.lang.instrument.Instrumentation;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Gets an {@link Instrumentation} for the running JVM by attaching to it (byte-buddy-agent, shaded). Kept in
 * its own class so that premain never loads a ByteBuddy class.
 */
final class SelfAttach {
    private SelfAttach() {
    }

    static Instrumentation instrumentation() {
        try {
            return ByteBuddyAgent.install();
        } catch (RuntimeException | LinkageError refused) {
            throw new IllegalStateException("localdrop: self-attach failed (" + refused + "). The JVM may forbid attaching"
                    + " (-XX:+DisableAttachMechanism, or a JRE without the jdk.attach module); start it with"
                    + " -javaagent:/path/to/localdrop-agent.jar instead", refused);
        }
    }
}

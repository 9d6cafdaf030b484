package io.localdrop.agent.activation;

import java.lang.instrument.ClassFileTransformer;

/** The agent's full installation, run once by {@link ActivationTrigger} at the first class that needs it. */
public interface Installer {
    /**
     * Installs everything (bridge, thread-exit hooks, the features of the mode).
     *
     * @param firstClass the internal name of the class whose loading asked for it (for {@code log=debug})
     * @return the access-site rewriter that the trigger is to run on every class from now on (the triggering class
     *     included), or null when the mode rewrites nothing
     */
    ClassFileTransformer install(String firstClass) throws Exception;
}

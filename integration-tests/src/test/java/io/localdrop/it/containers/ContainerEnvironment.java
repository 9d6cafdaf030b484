package io.localdrop.it.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * What every container test calls first. Container tests must run on this project's machines: a
 * missing Docker engine or image fails the test, it is never quietly skipped. The one way to skip
 * them is on purpose, with {@code -Dlocaldrop.containers=skip} (what
 * {@code LOCALDROP_SKIP_CONTAINERS=1 scripts/test.sh} passes).
 */
public final class ContainerEnvironment {

    /** System property that, set to {@value #SKIP}, skips container tests on purpose. */
    static final String PROPERTY = "localdrop.containers";
    static final String SKIP = "skip";

    /** The JDK feature versions scripts/setup-containers.sh builds localdrop/jdk images for. */
    private static final int[] IMAGE_VERSIONS = {17, 25};

    private ContainerEnvironment() {
    }

    /** The local JDK image matching the running JVM: {@code localdrop/jdk:17} or {@code localdrop/jdk:25}. */
    public static String jdkImage() {
        return "localdrop/jdk:" + imageVersionFor(Runtime.version().feature());
    }

    /** The image version closest to a JDK feature version; the newer one on a tie. */
    static int imageVersionFor(int feature) {
        int best = IMAGE_VERSIONS[0];
        for (int version : IMAGE_VERSIONS) {
            if (Math.abs(version - feature) <= Math.abs(best - feature)) {
                best = version;
            }
        }
        return best;
    }

    /**
     * Aborts the calling test when container tests are skipped on purpose; otherwise throws an
     * {@link AssertionError} unless a Docker engine answers and {@link #jdkImage()} exists there.
     */
    public static void assumeOrFail() {
        assumeOrFail(jdkImage());
    }

    static void assumeOrFail(String image) {
        if (SKIP.equals(System.getProperty(PROPERTY))) {
            Assumptions.abort("CONTAINER TEST SKIPPED ON PURPOSE (-D" + PROPERTY + "=" + SKIP
                    + ", LOCALDROP_SKIP_CONTAINERS=1): this is not a full test run");
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new AssertionError(mustRun("no Docker engine answers"));
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new AssertionError(mustRun("the image " + image + " is missing"), e);
        }
    }

    private static String mustRun(String problem) {
        return "Container tests must run here, but " + problem
                + ". Run scripts/setup-containers.sh (it installs and starts Docker and builds the"
                + " localdrop/jdk images), or skip them on purpose with LOCALDROP_SKIP_CONTAINERS=1 scripts/test.sh.";
    }
}

package io.localdrop.benchmarks.diagnose;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads (without initializing) every class of a large real class path, in a fresh class loader whose
 * parent is the system loader (so the agent's rewriter sees them as application classes), without and with
 * the agent. Param {@code jars}: the jars, separated by the path separator (scripts/bench-diagnose.sh passes
 * Tomcat, Jackson, Spring Security, log4j and H2 from the local Maven repository). Target: with the agent
 * at most 1.05x the time without; {@link #withEmptyTransformer} is the floor that no transforming agent goes
 * under. Twelve warm-up loads: in the first few the agent's own code (ASM, the constant-pool scan) still runs
 * interpreted and costs more (about 1.3x measured with three warm-ups).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 12)
@Measurement(iterations = 5)
public class ClassLoadingBenchmark {
    @Param("")
    public String jars;

    private URL[] urls;
    private List<String> classNames;

    @Setup
    public void setUp() throws IOException {
        if (jars.isEmpty()) {
            throw new IllegalStateException("param jars is empty: pass -p jars=a.jar:b.jar");
        }
        List<URL> found = new ArrayList<>();
        classNames = new ArrayList<>();
        for (String jar : jars.split(File.pathSeparator)) {
            found.add(new File(jar).toURI().toURL());
            try (JarFile file = new JarFile(jar)) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.endsWith(".class") && !name.contains("-") && !name.startsWith("META-INF/")) {
                        classNames.add(name.substring(0, name.length() - 6).replace('/', '.'));
                    }
                }
            }
        }
        urls = found.toArray(new URL[0]);
    }

    private int loadAll() throws IOException {
        int loaded = 0;
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getSystemClassLoader())) {
            for (String name : classNames) {
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError missingDependency) {
                    // optional dependencies of these jars are not on the class path: same with and without agent
                }
            }
        }
        return loaded;
    }

    @Benchmark
    @Fork(value = 2)
    public int withoutAgent() throws IOException {
        return loadAll();
    }

    /**
     * The floor under any agent that looks at classes as they load: one retransform-capable transformer that returns
     * null ({@link EmptyTransformerAgent}), which costs the JVM an upcall and a copy of every class's bytes.
     */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-javaagent:benchmarks/target/benchmarks.jar"})
    public int withEmptyTransformer() throws IOException {
        return loadAll();
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=log=quiet"})
    public int withAgent() throws IOException {
        return loadAll();
    }
}

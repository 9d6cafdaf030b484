package io.localdrop.agent.tasks;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.TaskBoundary;
import io.localdrop.internal.BridgeProtocol;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Injects task boundaries (calls to the bridge with {@link TaskEvents} codes) into the thread pools
 * docs/diagnose.md ("What a task is") names, the servers' request entry points and the {@code taskBoundary} methods, and (as classes load)
 * into every worker loop {@link WorkerLoops} finds:
 * <ul>
 *   <li>{@code java.util.concurrent.ThreadPoolExecutor.runWorker} (so also ScheduledThreadPoolExecutor and
 *       every subclass) and Tomcat's copy {@code org.apache.tomcat.util.threads.ThreadPoolExecutor}:
 *       {@link RunWorkerVisitor};</li>
 *   <li>{@code java.util.concurrent.ForkJoinTask.doExec} (every ForkJoin task, CompletableFuture's async
 *       tasks included), codes 4/5;</li>
 *   <li>{@code java.util.TimerThread.mainLoop}: its call {@code task.run()} becomes
 *       {@code LocaldropBridge.runTask(task)}, codes 2/3, as in a worker loop;</li>
 *   <li>request boundaries, codes 6/7: the servers' entry points of {@link RequestBoundaries} and each
 *       {@code taskBoundary} method ({@link MethodBoundaryVisitor});</li>
 *   <li>pool boundaries in the worker loops of classes the agent does not know by name, among them Jetty's
 *       {@code QueuedThreadPool.runJob}, codes 2/3 ({@link WorkerLoops}).</li>
 * </ul>
 * Registered as retransform-capable and kept for the JVM's life; classes already loaded are retransformed.
 * Calls the bridge, which the bootstrap loader defines, so this works in any loader. Never throws.
 */
public final class TaskBoundaryTransformer implements ClassFileTransformer {
    static final String JDK_POOL = "java/util/concurrent/ThreadPoolExecutor";
    static final String TOMCAT_POOL = "org/apache/tomcat/util/threads/ThreadPoolExecutor";
    static final String FORK_JOIN_TASK = "java/util/concurrent/ForkJoinTask";
    /**
     * {@code java.util.Timer}'s one thread: {@code mainLoop} runs task after task with {@code task.run()}, a virtual
     * call on {@code TimerTask}, not the interface call {@link WorkerLoops} looks for, in a JDK class, which it never
     * rewrites.
     */
    static final String TIMER_THREAD = "java/util/TimerThread";
    static final String TIMER_TASK = "java/util/TimerTask";

    /** Request boundaries by class: method name to descriptor (null: every overload, as option taskBoundary says). */
    private final Map<String, Map<String, Set<String>>> boundaries = new HashMap<>();
    /** The built-in pool boundaries of one I/O event, as "owner.name descriptor". */
    private final Set<String> ioEvents = new HashSet<>();
    private final WorkerLoops workerLoops = new WorkerLoops();

    public TaskBoundaryTransformer(List<TaskBoundary> extra) {
        for (TaskBoundary boundary : extra) {
            methodsOf(boundary.internalClassName()).put(boundary.methodName(), null);
        }
        for (RequestBoundaries.Entry entry : RequestBoundaries.BUILT_IN) {
            if (!entry.request) {
                ioEvents.add(entry.owner + "." + entry.name + entry.descriptor);
            }
            Map<String, Set<String>> methods = methodsOf(entry.owner);
            if (!methods.containsKey(entry.name)) {
                methods.put(entry.name, new HashSet<>());
            }
            Set<String> descriptors = methods.get(entry.name);
            if (descriptors != null) {
                descriptors.add(entry.descriptor);
            }
        }
    }

    /** The methods of one class's boundaries, created when missing (no lambda: this runs at the installation). */
    private Map<String, Set<String>> methodsOf(String internalClassName) {
        Map<String, Set<String>> methods = boundaries.get(internalClassName);
        if (methods == null) {
            methods = new HashMap<>();
            boundaries.put(internalClassName, methods);
        }
        return methods;
    }

    /** Registers the transformer and retransforms the targets already loaded. */
    public void install(Instrumentation instrumentation) {
        instrumentation.addTransformer(this, true);
        // the targets by binary name, so that the scan of every loaded class makes no string per class
        Set<String> targets = new HashSet<>();
        targets.add(JDK_POOL.replace('/', '.'));
        targets.add(TOMCAT_POOL.replace('/', '.'));
        targets.add(FORK_JOIN_TASK.replace('/', '.'));
        targets.add(TIMER_THREAD.replace('/', '.'));
        for (String owner : boundaries.keySet()) {
            targets.add(owner.replace('/', '.'));
        }
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (targets.contains(type.getName()) && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable failed) {
                System.err.println("localdrop: warning: cannot add task boundaries to loaded classes " + loaded + ": "
                        + failed);
            }
        }
    }

    boolean isTarget(String internalName) {
        return JDK_POOL.equals(internalName) || TOMCAT_POOL.equals(internalName)
                || FORK_JOIN_TASK.equals(internalName) || TIMER_THREAD.equals(internalName) || boundaries.containsKey(internalName);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        byte[] named = null;
        if (isTarget(className)) {
            try {
                named = rewrite(className, classfileBuffer);
            } catch (Throwable failed) {
                System.err.println("localdrop: warning: cannot add task boundaries to " + className.replace('/', '.')
                        + ": " + failed);
            }
        }
        if (classBeingRedefined != null || className.startsWith("io/localdrop/agent/")
                || className.startsWith("io/localdrop/internal/")) {
            return named; // a retransform (general boundaries go into classes as they load), or the agent's own
        }
        try {
            byte[] general = workerLoops.rewrite(loader, className, named != null ? named : classfileBuffer);
            return general != null ? general : named;
        } catch (Throwable failed) {
            InternalErrors.record("tasks: finding worker loops in a loading class", failed);
            return named;
        }
    }

    byte[] rewrite(String className, byte[] classfileBuffer) {
        ClassReader reader = new ClassReader(classfileBuffer);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = new boolean[1];
        Map<String, Set<String>> methods = boundaries.get(className);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private boolean frames;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                frames = (version & 0xffff) >= Opcodes.V1_6;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (next == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return next;
                }
                if ((JDK_POOL.equals(className) || TOMCAT_POOL.equals(className)) && "runWorker".equals(name)) {
                    changed[0] = true;
                    return new RunWorkerVisitor(next);
                }
                if (FORK_JOIN_TASK.equals(className) && "doExec".equals(name) && "()V".equals(descriptor)
                        || FORK_JOIN_TASK.equals(className) && "doExec".equals(name) && "()I".equals(descriptor)) {
                    changed[0] = true;
                    // doExec catches every Throwable of exec() itself: ends are its returns
                    return new MethodBoundaryVisitor(next, className, false, descriptor, frames,
                            TaskEvents.FORK_JOIN_START, TaskEvents.FORK_JOIN_END, false);
                }
                if (TIMER_THREAD.equals(className) && "mainLoop".equals(name) && "()V".equals(descriptor)) {
                    return new MethodVisitor(Opcodes.ASM9, next) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor,
                                                    boolean isInterface) {
                            if (opcode == Opcodes.INVOKEVIRTUAL && TIMER_TASK.equals(owner) && "run".equals(called)
                                    && "()V".equals(calledDescriptor)) {
                                // a TimerTask is a Runnable: the same object runs, between a task start and end
                                changed[0] = true;
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeProtocol.INTERNAL_NAME,
                                        BridgeProtocol.RUN_TASK_METHOD, BridgeProtocol.RUN_TASK_DESCRIPTOR, false);
                                return;
                            }
                            super.visitMethodInsn(opcode, owner, called, calledDescriptor, isInterface);
                        }
                    };
                }
                if (methods != null && methods.containsKey(name) && !name.startsWith("<")
                        && (methods.get(name) == null || methods.get(name).contains(descriptor))) {
                    changed[0] = true;
                    boolean ioEvent = ioEvents.contains(className + "." + name + descriptor);
                    return new MethodBoundaryVisitor(next, className, (access & Opcodes.ACC_STATIC) != 0, descriptor,
                            frames, ioEvent ? TaskEvents.TASK_START : TaskEvents.REQUEST_START,
                            ioEvent ? TaskEvents.TASK_END : TaskEvents.REQUEST_END, true);
                }
                return next;
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }
}

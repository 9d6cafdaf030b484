package io.localdrop.agent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.localdrop.agent.options.AgentOptions;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the boundaries go: in ThreadPoolExecutor.runWorker around beforeExecute/afterExecute (both copies),
 * at ForkJoinTask.doExec's entry and returns, around each TimerTask that java.util.Timer's thread runs, and around a taskBoundary method (entry, every return, and a
 * catch-all that rethrows) as a request boundary; the rewritten classes pass the verifier.
 */
class TaskBoundaryTransformerTest {
    private static byte[] jdkClass(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The sequence of "event N" (bridge calls) and interesting calls in {@code method}. */
    private static List<String> trace(byte[] classFile, String method) {
        List<String> events = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (!name.equals(method)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    private int lastConstant = -1;

                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        if (opcode == Opcodes.BIPUSH) {
                            lastConstant = operand;
                        }
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode >= Opcodes.ICONST_0 && opcode <= Opcodes.ICONST_5) {
                            lastConstant = opcode - Opcodes.ICONST_0;
                        } else if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                            events.add("return");
                        } else if (opcode == Opcodes.ATHROW) {
                            events.add("throw");
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if (owner.equals(TaskEvents.BRIDGE)) {
                            events.add("event " + lastConstant);
                        } else if (name.equals("beforeExecute") || name.equals("afterExecute") || name.equals("run")) {
                            events.add(name);
                        }
                    }
                };
            }
        }, 0);
        return events;
    }

    @Test
    void runWorkerStartsBeforeBeforeExecuteAndEndsAfterEachAfterExecute() throws IOException {
        TaskBoundaryTransformer transformer = new TaskBoundaryTransformer(List.of());
        byte[] changed = transformer.transform(null, TaskBoundaryTransformer.JDK_POOL, null, null,
                jdkClass(TaskBoundaryTransformer.JDK_POOL));
        assertNotNull(changed);
        List<String> events = trace(changed, "runWorker");
        // 8: WORKER_TASK_START, a task of the pool's own worker loop (between its tasks only the pool's code runs)
        assertEquals(List.of("event 8", "beforeExecute", "run", "afterExecute", "event 3", "afterExecute", "event 3"),
                events.subList(events.indexOf("event 8"), events.lastIndexOf("event 3") + 1));
    }

    @Test
    void forkJoinTasksStartAtEntryAndEndAtEveryReturn() throws IOException {
        TaskBoundaryTransformer transformer = new TaskBoundaryTransformer(List.of());
        byte[] changed = transformer.transform(null, TaskBoundaryTransformer.FORK_JOIN_TASK, null, null,
                jdkClass(TaskBoundaryTransformer.FORK_JOIN_TASK));
        List<String> events = trace(changed, "doExec");
        assertEquals("event 4", events.get(0));
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).equals("return")) {
                assertEquals("event 5", events.get(i - 1), events::toString);
            }
        }
    }

    @Test
    void aTimerThreadRunsEachTimerTaskAsATask() throws IOException {
        TaskBoundaryTransformer transformer = new TaskBoundaryTransformer(List.of());
        byte[] original = jdkClass(TaskBoundaryTransformer.TIMER_THREAD);
        assertEquals(1, trace(original, "mainLoop").stream().filter("run"::equals).count());
        byte[] changed = transformer.transform(null, TaskBoundaryTransformer.TIMER_THREAD, null, null, original);
        assertNotNull(changed);
        // TimerTask.run() became LocaldropBridge.runTask(task): a task start, the run, a task end, even when it throws
        List<String> calls = new ArrayList<>();
        new ClassReader(changed).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return !name.equals("mainLoop") ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String desc, boolean itf) {
                        if (called.equals("run") || owner.equals(TaskEvents.BRIDGE)) {
                            calls.add(owner + "." + called + desc);
                        }
                    }
                };
            }
        }, 0);
        assertEquals(List.of(TaskEvents.BRIDGE + ".runTask(Ljava/lang/Runnable;)V"), calls);
    }

    @Test
    void aTaskBoundaryMethodIsWrappedAndStillVerifies() throws Exception {
        AgentOptions options = AgentOptions.parse("taskBoundary=" + Worker.class.getName() + "#handle");
        TaskBoundaryTransformer transformer = new TaskBoundaryTransformer(options.taskBoundaries());
        String name = Worker.class.getName().replace('.', '/');
        byte[] original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name + ".class")) {
            original = in.readAllBytes();
        }
        byte[] changed = transformer.transform(getClass().getClassLoader(), name, null, null, original);
        // a taskBoundary method is a request boundary (codes 6/7): a task of its own even inside a pool's task
        assertEquals(List.of("event 6", "event 7", "return", "event 7", "return", "event 7", "return", "event 7", "throw"),
                trace(changed, "handle"));
        assertNull(transformer.transform(null, "com/acme/Other", null, null, original));
        // defining and initializing the class runs the verifier over the hand-written frame
        Class<?> defined = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(Worker.class.getName(), changed, 0, changed.length);
            }
        }.define();
        assertEquals(Worker.class.getName(), Class.forName(defined.getName(), true, defined.getClassLoader()).getName());
        assertNotNull(defined.getMethod("handle", int.class, long.class, String.class));
    }

    /** A hand-written worker: two returns and a catch of its own. */
    public static final class Worker {
        public int handle(int job, long id, String name) {
            try {
                if (job == 0) {
                    return name.length();
                }
            } catch (IllegalStateException own) {
                return -1;
            }
            return (int) id;
        }
    }
}

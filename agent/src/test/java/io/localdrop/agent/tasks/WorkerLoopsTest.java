package io.localdrop.agent.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;

/** Which {@code task.run()} calls the general rule makes tasks, decided from class files alone. */
class WorkerLoopsTest {
    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = WorkerLoopsTest.class.getClassLoader()
                .getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static byte[] rewrite(Class<?> type) throws IOException {
        return new WorkerLoops().rewrite(WorkerLoopsTest.class.getClassLoader(), type.getName().replace('.', '/'),
                bytes(type));
    }

    /** Per method with a call: "runTask" for a rewritten call, "run" for one left alone. */
    private static List<String> calls(byte[] classFile) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if (name.equals("runTask") || name.equals("run") && owner.equals("java/lang/Runnable")) {
                            calls.add(method + ":" + name);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    @Test
    void anExecutorsWorkerCallIsATaskButItsDirectExecuteIsNot() throws IOException {
        byte[] changed = rewrite(Pool.class);
        assertEquals(List.of("execute:run", "runJob:runTask"), calls(changed));
    }

    @Test
    void aClassNestedInAnExecutorIsInItsNest() throws IOException {
        assertEquals(List.of("run:runTask"), calls(rewrite(Pool.Worker.class)));
    }

    @Test
    void aThreadsLoopIsAWorkerLoopButAWrapperIsNot() throws IOException {
        assertEquals(List.of("run:runTask"), calls(rewrite(LoopThread.class)));
        assertNull(rewrite(Wrapper.class), "a Runnable calling its delegate once wraps it, it does not pool");
        assertNull(rewrite(NotAWorker.class), "neither an Executor, nor a Thread, nor a Runnable");
    }

    @Test
    void onlyAClassThatCallsRunnableRunPassesTheConstantPoolTest() throws IOException {
        assertTrue(WorkerCandidates.callsRunnableRun(bytes(LoopThread.class)));
        assertTrue(WorkerCandidates.callsRunnableRun(bytes(Pool.class)));
        // implements Runnable and hands Runnables on, but never calls one's run(): no supertype is read for it
        assertFalse(WorkerCandidates.callsRunnableRun(bytes(Handler.class)));
        assertNull(rewrite(Handler.class));
        // a long and a double take two pool numbers each: the reference after them is still found
        assertTrue(WorkerCandidates.callsRunnableRun(bytes(WideConstantsFirst.class)));
    }

    static final class WideConstantsFirst {
        static double mix(long value) {
            return value * 9_876_543_210_123L + 3.25e200;
        }

        static void go(Runnable task) {
            mix(1);
            task.run();
        }
    }

    @Test
    void theRewrittenClassRunsTheSameTaskObject() throws Exception {
        byte[] changed = rewrite(Pool.class);
        // defining the class verifies it; running it needs the bridge, which only the agent defines
        Class<?> defined = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(Pool.class.getName(), changed, 0, changed.length);
            }
        }.define();
        assertEquals(Pool.class.getName(), defined.getName());
        assertEquals(1, defined.getDeclaredConstructors().length);
    }

    public static class Pool implements Executor {
        @Override
        public void execute(Runnable command) {
            command.run(); // on the caller's thread: the caller's work
        }

        protected void runJob(Runnable job) {
            job.run();
        }

        final class Worker implements Runnable {
            private final BlockingQueue<Runnable> queue;

            Worker(BlockingQueue<Runnable> queue) {
                this.queue = queue;
            }

            @Override
            public void run() {
                Runnable next = queue.poll();
                if (next != null) {
                    next.run();
                }
            }
        }
    }

    public static final class LoopThread extends Thread {
        private final BlockingQueue<Runnable> queue;

        LoopThread(BlockingQueue<Runnable> queue) {
            this.queue = queue;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    queue.take().run();
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class Wrapper implements Runnable {
        private final Runnable delegate;

        Wrapper(Runnable delegate) {
            this.delegate = delegate;
        }

        @Override
        public void run() {
            delegate.run();
        }
    }

    public static final class Handler implements Runnable {
        private final Executor executor;
        private int runs;

        Handler(Executor executor) {
            this.executor = executor;
        }

        @Override
        public void run() {
            runs++;
            executor.execute(this);
        }
    }

    public static final class NotAWorker {
        void each(List<Runnable> all) {
            for (Runnable one : all) {
                one.run();
            }
        }
    }
}

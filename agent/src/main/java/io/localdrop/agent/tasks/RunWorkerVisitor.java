package io.localdrop.agent.tasks;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * In {@code ThreadPoolExecutor.runWorker} (the JDK's and Tomcat's copy): a task starts just before the
 * call to {@code beforeExecute} and ends just after each call to {@code afterExecute} (javac emits one on
 * the normal path and one on the exceptional path). Hooking the calls in the final {@code runWorker},
 * not the overridable methods, keeps boundaries right in subclasses that override beforeExecute or
 * afterExecute without calling super (ScheduledThreadPoolExecutor included). What beforeExecute sets and
 * afterExecute clears is part of the task, as it should be.
 */
final class RunWorkerVisitor extends MethodVisitor {
    RunWorkerVisitor(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        boolean before = opcode == Opcodes.INVOKEVIRTUAL && "beforeExecute".equals(name)
                && "(Ljava/lang/Thread;Ljava/lang/Runnable;)V".equals(descriptor);
        boolean after = opcode == Opcodes.INVOKEVIRTUAL && "afterExecute".equals(name)
                && "(Ljava/lang/Runnable;Ljava/lang/Throwable;)V".equals(descriptor);
        if (before) {
            BoundaryCalls.emit(mv, TaskEvents.WORKER_TASK_START); // between tasks: the pool's getTask()
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        if (after) {
            BoundaryCalls.emit(mv, TaskEvents.TASK_END);
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + 1, maxLocals);
    }
}

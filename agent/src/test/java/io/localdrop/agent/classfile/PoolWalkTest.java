package io.localdrop.agent.classfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.Arrays;

/** The one walk of a pool: the facts its strings give, the memo of the last class file, a pool it cannot walk. */
class PoolWalkTest {
    @Test
    void eachFactIsTheStringItNames() {
        PoolWalk walk = PoolWalk.of(classNaming("p/Plain", "get", "()Ljava/lang/Object;", "java/lang/Runnable", "run", "()V"));
        assertTrue(walk.walked());
        assertTrue(walk.holds(PoolWalk.GET | PoolWalk.OBJECT_GETTER | PoolWalk.RUNNABLE | PoolWalk.RUN | PoolWalk.NO_ARGS_VOID));
        assertFalse(walk.holdsAny(PoolWalk.SET | PoolWalk.REMOVE | PoolWalk.OBJECT_SETTER));
        assertFalse(walk.holdsAny(PoolWalk.JDK_THREAD_LOCAL | PoolWalk.LIKE_THREAD_LOCAL));
        assertTrue(PoolWalk.of(classNaming("p/Plain", "set", "remove", "(Ljava/lang/Object;)V"))
                .holds(PoolWalk.SET | PoolWalk.REMOVE | PoolWalk.OBJECT_SETTER));
        assertFalse(PoolWalk.of(classNaming("p/Plain", "getter", "Xset", "removed")).holdsAny(PoolWalk.GET | PoolWalk.SET | PoolWalk.REMOVE),
                "a fact is the whole string, not a part of one");
    }

    @Test
    void theJdkThreadLocalsAreFoundInsideAnyStringAndOtherThreadLocalNamesOnlyLookLikeOne() {
        assertTrue(PoolWalk.of(classNaming("p/Plain", "(ILjava/lang/ThreadLocal;)V")).holds(PoolWalk.JDK_THREAD_LOCAL | PoolWalk.LIKE_THREAD_LOCAL));
        assertTrue(PoolWalk.of(classNaming("p/Plain", "[Ljava/lang/InheritableThreadLocal;")).holds(PoolWalk.JDK_THREAD_LOCAL));
        // a look-alike first, the JDK's after it, in one string
        assertTrue(PoolWalk.of(classNaming("p/Plain", "(Lcom/acme/ThreadLocal;Ljava/lang/ThreadLocal;)V")).holds(PoolWalk.JDK_THREAD_LOCAL));
        PoolWalk lookAlike = PoolWalk.of(classNaming("p/Plain", "com/acme/ThreadLocal"));
        assertFalse(lookAlike.holds(PoolWalk.JDK_THREAD_LOCAL));
        assertTrue(lookAlike.holds(PoolWalk.LIKE_THREAD_LOCAL));
    }

    @Test
    void aNameLikeAThreadLocalsIsFoundAtAnyPlaceOfItsString() {
        // ThreadLocal starting in the first ten bytes, where no "java/lang/" fits before it
        assertTrue(PoolWalk.of(classNaming("p/Plain", "a/ThreadLocalContext")).holds(PoolWalk.LIKE_THREAD_LOCAL));
        assertTrue(PoolWalk.of(classNaming("p/Plain", "ThreadLocalX")).holds(PoolWalk.LIKE_THREAD_LOCAL));
        assertTrue(PoolWalk.of(classNaming("p/Plain", "com/acme/TenantLocal")).holds(PoolWalk.LIKE_THREAD_LOCAL));
        assertFalse(PoolWalk.of(classNaming("p/Plain", "com/acme/LocalTenant", "Threadlocal")).holds(PoolWalk.LIKE_THREAD_LOCAL));
    }

    @Test
    void theLastWalkIsKeptForTheSameArrayOnly() {
        byte[] classFile = classNaming("p/Plain", "get");
        PoolWalk first = PoolWalk.of(classFile);
        assertSame(first, PoolWalk.of(classFile), "the second look at the same bytes reuses the walk");
        PoolWalk copy = PoolWalk.of(Arrays.copyOf(classFile, classFile.length));
        assertNotSame(first, copy, "an equal copy is another class file: walked again");
        assertTrue(copy.holds(PoolWalk.GET));
        assertEquals(first.offsets().length, copy.offsets().length);
    }

    @Test
    void aPoolThatCannotBeWalkedHoldsEveryFact() {
        byte[] classFile = classNaming("p/Plain", "get");
        classFile[ConstantPool.FIRST_ENTRY] = 99; // no such tag
        PoolWalk unknown = PoolWalk.of(classFile);
        assertFalse(unknown.walked());
        assertTrue(unknown.holds(PoolWalk.JDK_THREAD_LOCAL | PoolWalk.RUNNABLE | PoolWalk.GET), "callers let ASM decide");
        PoolWalk truncated = PoolWalk.of(Arrays.copyOf(classFile, 12));
        assertFalse(truncated.walked());
        assertTrue(truncated.holdsAny(PoolWalk.LIKE_THREAD_LOCAL));
    }

    @Test
    void theOffsetsAreTheEntriesOfTheClassFile() {
        byte[] classFile = classNaming("p/Plain", "get", "set");
        int[] offsets = PoolWalk.of(classFile).offsets();
        int[] indexed = new int[ConstantPool.count(classFile)];
        int afterPool = ConstantPool.index(classFile, indexed);
        assertEquals(afterPool, offsets[0], "entry 0 holds the offset after the pool");
        for (int number = 1; number < indexed.length; number++) {
            assertEquals(indexed[number], offsets[number], "entry " + number);
        }
    }

    /** A class whose pool holds each of {@code strings} (as ldc String constants, so as Utf8 entries). */
    static byte[] classNaming(String name, String... strings) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "strings", "()V", null, null);
        method.visitCode();
        for (String text : strings) {
            method.visitLdcInsn(text);
            method.visitInsn(Opcodes.POP);
        }
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(1, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}

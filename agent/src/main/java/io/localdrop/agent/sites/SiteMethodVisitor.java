package io.localdrop.agent.sites;

import io.localdrop.agent.enforce.EnforceSwitch;
import io.localdrop.agent.findings.SiteRegistry;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the ThreadLocal access sites of one method.
 *
 * <ul>
 *   <li>{@code INVOKEVIRTUAL T.get/set/remove} on a ThreadLocal type T (also a subclass, also
 *       InheritableThreadLocal) becomes {@code INVOKESTATIC SiteHooks.get/set/remove(tl, [value,] siteId)}.
 *       {@code INVOKESPECIAL} ({@code super.get()} inside an override) is never touched: rewriting it would
 *       call the override again, forever.</li>
 *   <li>After {@code NEW T; DUP; ...; INVOKESPECIAL T.<init>} of a ThreadLocal type, and after
 *       {@code ThreadLocal.withInitial}, the new ThreadLocal is passed to {@code SiteHooks.created}; when the
 *       next instruction is a {@code PUTSTATIC}, that field is recorded for the site.</li>
 * </ul>
 * The rewritten code needs at most two more stack slots; the caller raises max_stack accordingly.
 */
final class SiteMethodVisitor extends MethodVisitor {
    static final String HOOKS = "io/localdrop/agent/sites/SiteHooks";
    private static final String WITH_INITIAL = "(Ljava/util/function/Supplier;)Ljava/lang/ThreadLocal;";

    private final ClassRewriteContext context;
    private final String methodName;
    private final List<String> pendingNew = new ArrayList<>();
    private final List<Boolean> pendingDup = new ArrayList<>();
    private boolean lastWasNew;
    private int line;
    private int createdSite = -1;

    SiteMethodVisitor(MethodVisitor next, ClassRewriteContext context, String methodName) {
        super(Opcodes.ASM9, next);
        this.context = context;
        this.methodName = methodName;
    }

    @Override
    public void visitLineNumber(int newLine, Label start) {
        line = newLine;
        super.visitLineNumber(newLine, start);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        instruction();
        super.visitTypeInsn(opcode, type);
        if (opcode == Opcodes.NEW) {
            pendingNew.add(type);
            pendingDup.add(Boolean.FALSE);
            lastWasNew = true;
        }
    }

    @Override
    public void visitInsn(int opcode) {
        boolean afterNew = lastWasNew;
        instruction();
        if (opcode == Opcodes.DUP && afterNew && !pendingDup.isEmpty()) {
            pendingDup.set(pendingDup.size() - 1, Boolean.TRUE);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        int site = createdSite;
        instruction();
        if (opcode == Opcodes.PUTSTATIC && site >= 0) {
            SiteRegistry.recordField(site, owner.replace('/', '.') + "." + name);
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        instruction();
        if (opcode == Opcodes.INVOKEVIRTUAL && !isInterface) {
            String hook = hookFor(name, descriptor);
            if (hook != null && context.ownerKind(owner) != HierarchyResolver.NO) {
                int site = context.site(methodName, line);
                if (site >= 0) {
                    pushInt(site);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, hook, false);
                    context.changed();
                    return;
                }
            }
        }
        if (opcode == Opcodes.INVOKESPECIAL && "<init>".equals(name)) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            int last = pendingNew.size() - 1;
            if (last >= 0 && pendingNew.get(last).equals(owner)) {
                boolean duplicated = pendingDup.get(last);
                pendingNew.remove(last);
                pendingDup.remove(last);
                if (duplicated && context.isConstructedThreadLocal(owner)) {
                    created(context.kind(owner) == HierarchyResolver.WITH_INITIAL);
                }
            }
            return;
        }
        if (opcode == Opcodes.INVOKESTATIC && "withInitial".equals(name) && HierarchyResolver.isJdkThreadLocal(owner)
                && EnforceSwitch.isOn() && WITH_INITIAL.equals(descriptor)) {
            // mode=enforce: the same ThreadLocal, with a supplier that records its values' store order
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "io/localdrop/agent/enforce/EnforceHooks", name, descriptor, false);
        } else {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
        if (opcode == Opcodes.INVOKESTATIC && "withInitial".equals(name)
                && HierarchyResolver.isJdkThreadLocal(owner)) {
            created(true);
        }
    }

    /** The new ThreadLocal is on top of the stack: hand a copy to the hook, then watch for PUTSTATIC. */
    private void created(boolean hasInitial) {
        int site = context.site(methodName, line);
        if (site < 0) {
            return;
        }
        if (hasInitial) {
            SiteRegistry.recordInitial(site);
        }
        super.visitInsn(Opcodes.DUP);
        pushInt(site);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "created", "(Ljava/lang/ThreadLocal;I)V", false);
        context.changed();
        createdSite = site;
    }

    private static String hookFor(String name, String descriptor) {
        switch (name) {
            case "get":
                return "()Ljava/lang/Object;".equals(descriptor) ? "(Ljava/lang/ThreadLocal;I)Ljava/lang/Object;" : null;
            case "set":
                return "(Ljava/lang/Object;)V".equals(descriptor) ? "(Ljava/lang/ThreadLocal;Ljava/lang/Object;I)V" : null;
            case "remove":
                return "()V".equals(descriptor) ? "(Ljava/lang/ThreadLocal;I)V" : null;
            default:
                return null;
        }
    }

    private void pushInt(int value) {
        if (value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }

    /** Any instruction ends the window in which a PUTSTATIC belongs to the construction just hooked. */
    private void instruction() {
        createdSite = -1;
        lastWasNew = false;
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        instruction();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        instruction();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        instruction();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        instruction();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        instruction();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bootstrap,
                                       Object... arguments) {
        instruction();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        instruction();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        instruction();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        instruction();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + 2, maxLocals);
    }
}

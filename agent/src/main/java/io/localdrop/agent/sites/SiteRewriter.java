package io.localdrop.agent.sites;

import io.localdrop.agent.enforce.InitialValueHook;
import io.localdrop.agent.health.InternalErrors;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The transformer that rewrites ThreadLocal access sites in application classes as they load.
 *
 * <p>Cheap for the classes it does not change (nearly all): a filter on the name and loader, then a scan
 * of the constant pool's strings ({@link ConstantPoolScan}); only candidates are parsed by ASM, and of those only the
 * methods that may hold a site ({@link SiteMethods}; ASM copies the others' bytes), and a class in which no site
 * matched is returned unchanged ({@code null}). Frames are kept as they are (the
 * rewrite adds no branch), so no class is ever loaded to compute frames. Never throws: a class that cannot
 * be rewritten is left as it was, and the failure goes to {@link InternalErrors}.
 */
public final class SiteRewriter implements ClassFileTransformer {
    private final ClassFilter filter;
    private final HierarchyResolver resolver = new HierarchyResolver();

    public SiteRewriter(ClassFilter filter) {
        this.filter = filter;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        try {
            if (!filter.rewrites(loader, className)) {
                return null;
            }
            // A retransformation too (classBeingRedefined set): this transformer is retransform-capable, so the JVM
            // hands it the class's bytes as they were before it ran, and a null here would undo the rewrite. The
            // rewrite is the same again: SiteRegistry gives a site its id by its text, registered once.
            String[] names = new String[2];
            boolean candidate = ConstantPoolScan.mayUseThreadLocal(classfileBuffer, names);
            KnownThreadLocals.noteClass(names[0], names[1]);
            if (!candidate) {
                return null;
            }
            return rewrite(loader, className, classfileBuffer);
        } catch (Throwable unexpected) {
            // the class is left as it was; the failure is counted and shown, never thrown into class loading
            InternalErrors.record("site rewriter: transform", unexpected);
            return null;
        }
    }

    byte[] rewrite(ClassLoader loader, String className, byte[] classfileBuffer) {
        return rewrite(loader, className, classfileBuffer, SiteMethods.of(classfileBuffer, className));
    }

    /**
     * With {@code mayHoldSites} null, every method goes through the site visitor (what a test compares with). A method
     * that the hooks' calls would push past the JVM's 64 KiB of code (a generated static initializer making thousands
     * of ThreadLocals) is left as it was and the class rewritten again without it: its other methods keep their sites
     * (before, the whole class was left unrewritten). Each such method is counted as an internal error: its sites
     * are not seen.
     */
    byte[] rewrite(ClassLoader loader, String className, byte[] classfileBuffer, boolean[] mayHoldSites) {
        if (mayHoldSites != null && !SiteMethods.any(mayHoldSites)) {
            return null; // a ThreadLocal named in the pool, called by no method
        }
        java.util.Set<String> tooLarge = new java.util.HashSet<>();
        while (true) {
            try {
                return rewrite(loader, className, classfileBuffer, mayHoldSites, tooLarge);
            } catch (MethodTooLargeException large) {
                if (!tooLarge.add(large.getMethodName() + large.getDescriptor())) {
                    throw large; // too large as it was: the class is left alone (transform records it)
                }
                InternalErrors.record("site rewriter: a method too large once rewritten is left as it was", large);
            }
        }
    }

    private byte[] rewrite(ClassLoader loader, String className, byte[] classfileBuffer, boolean[] mayHoldSites,
                           java.util.Set<String> tooLarge) {
        ClassReader reader = new ClassReader(classfileBuffer);
        ClassWriter writer = new ClassWriter(reader, 0);
        ClassRewriteContext context = new ClassRewriteContext(resolver, loader, className);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String superName;
            private int method;

            @Override
            public void visit(int version, int access, String name, String signature, String superClass,
                              String[] interfaces) {
                superName = superClass;
                super.visit(version, access, name, signature, superClass, interfaces);
            }

            @Override
            public void visitSource(String source, String debug) {
                context.sourceFile(source);
                super.visitSource(source, debug);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (superName != null) {
                    context.superName(superName, reader);
                    superName = null;
                }
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean maySite = (mayHoldSites == null || method >= mayHoldSites.length || mayHoldSites[method])
                        && !tooLarge.contains(name + descriptor);
                method++;
                if (next == null || !maySite || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    // the writer's own visitor: ASM copies the method's bytes without decoding them
                    return next;
                }
                if (InitialValueHook.applies(access, name, descriptor)
                        && context.kind(className) != HierarchyResolver.NO) {
                    next = new InitialValueHook(next); // mode=enforce: initial values' store order
                    context.changed();
                }
                return new SiteMethodVisitor(next, context, name);
            }
        }, 0);
        return context.isChanged() ? writer.toByteArray() : null;
    }

    /** Whether the class itself declares {@code initialValue()}: a cheap second pass over method headers only. */
    static boolean declaresInitialValue(ClassReader reader) {
        boolean[] found = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if ("initialValue".equals(name) && "()Ljava/lang/Object;".equals(descriptor)) {
                    found[0] = true;
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}

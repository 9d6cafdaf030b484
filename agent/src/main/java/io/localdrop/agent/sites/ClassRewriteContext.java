package io.localdrop.agent.sites;

import io.localdrop.agent.findings.SiteRegistry;

/** What the method visitors of one class being rewritten share: its loader, names, and whether anything changed. */
final class ClassRewriteContext {
    private final HierarchyResolver resolver;
    private final ClassLoader loader;
    private final String internalName;
    private final String dottedName;
    private final String outerPrefix;
    private String sourceFile;
    private String superName;
    private org.objectweb.asm.ClassReader reader;
    private boolean changed;

    ClassRewriteContext(HierarchyResolver resolver, ClassLoader loader, String internalName) {
        this.resolver = resolver;
        this.loader = loader;
        this.internalName = internalName;
        this.dottedName = internalName.replace('/', '.');
        this.outerPrefix = ConstantPoolScan.outerPrefix(internalName);
    }

    void sourceFile(String file) {
        sourceFile = file;
    }

    /** The class's own superclass: used (lazily) when the class names itself as a ThreadLocal owner. */
    void superName(String name, org.objectweb.asm.ClassReader reader) {
        superName = name;
        this.reader = reader;
    }

    /** The kind of a call site's owner: resolved through class files only when it is plausibly a ThreadLocal. */
    byte ownerKind(String owner) {
        if (HierarchyResolver.isJdkThreadLocal(owner)) {
            return HierarchyResolver.PLAIN;
        }
        if (!ConstantPoolScan.mayBeThreadLocalOwner(owner, internalName, outerPrefix)) {
            return HierarchyResolver.NO;
        }
        return kind(owner);
    }

    byte kind(String owner) {
        if (owner.equals(internalName) && reader != null) {
            // the class being defined may have no resource (generated): seed from its own bytes
            resolver.seed(loader, internalName, superName, SiteRewriter.declaresInitialValue(reader));
            reader = null;
        }
        return resolver.kind(loader, owner);
    }

    /**
     * Whether {@code new owner(...)} constructs a ThreadLocal. To keep class loading cheap, only classes that
     * can plausibly be one are resolved ({@link ConstantPoolScan#plausibleOwner}): the JDK's two, classes
     * named {@code *Local*}, classes nested in the class being rewritten (anonymous
     * {@code new ThreadLocal<>() {...}} subclasses), and subclasses loaded already.
     */
    boolean isConstructedThreadLocal(String owner) {
        if (HierarchyResolver.isJdkThreadLocal(owner)) {
            return true;
        }
        if (HierarchyResolver.isJdk(owner)) {
            return false;
        }
        return ownerKind(owner) != HierarchyResolver.NO;
    }

    int site(String method, int line) {
        return SiteRegistry.register(dottedName, method, sourceFile, line);
    }

    void changed() {
        changed = true;
    }

    boolean isChanged() {
        return changed;
    }
}

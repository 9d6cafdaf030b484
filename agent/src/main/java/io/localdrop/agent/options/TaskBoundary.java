package io.localdrop.agent.options;

/** One element of option {@code taskBoundary}: a method each invocation of which is one task. */
public final class TaskBoundary {
    private final String className;
    private final String methodName;

    TaskBoundary(String className, String methodName) {
        this.className = className;
        this.methodName = methodName;
    }

    /** The fully qualified binary class name, dots as separators ({@code com.acme.Worker$Job}). */
    public String className() {
        return className;
    }

    /** The same name with slashes, as class files and transformers see it. */
    public String internalClassName() {
        return className.replace('.', '/');
    }

    /** The method's name; every overload of it is a boundary. */
    public String methodName() {
        return methodName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskBoundary
                && ((TaskBoundary) other).className.equals(className)
                && ((TaskBoundary) other).methodName.equals(methodName);
    }

    @Override
    public int hashCode() {
        return className.hashCode() * 31 + methodName.hashCode();
    }

    /** As written in the option: {@code Class#method}. */
    @Override
    public String toString() {
        return className + "#" + methodName;
    }
}

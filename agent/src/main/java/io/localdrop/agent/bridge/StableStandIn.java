package io.localdrop.agent.bridge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stands for the JDK's {@code jdk.internal.vm.annotation.Stable} in {@link LocaldropBridgeTemplate}'s source, which is
 * compiled for Java 17 against exported packages only. {@link BridgeDefiner} renames it in the template's class file.
 * HotSpot honours {@code @Stable} only in classes of the boot and platform loaders, as the bridge is: a field set once
 * from null is then a constant to the JIT. The bridge sets its VarHandles lazily, at the first thread end or erase
 * that needs them, because creating them in its static initializer costs about a millisecond of JVM start-up; with
 * {@code @Stable} they are constants afterwards all the same, so reading a thread's maps costs two field loads. Never
 * read reflectively, so this class is never loaded.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface StableStandIn {
}

package io.localdrop.it.enforce;

/** The main thread keeps an AutoCloseable in a plain ThreadLocal and returns from main: closed as main exits. */
public final class MainThreadFixture {
    static final ThreadLocal<AutoCloseable> RESOURCE = new ThreadLocal<>();

    private MainThreadFixture() {
    }

    public static void main(String[] args) {
        Thread main = Thread.currentThread();
        RESOURCE.set(() -> System.out.println("closed on main=" + (Thread.currentThread() == main)));
        System.out.println("main returns");
    }
}

package io.localdrop.it.diagnose;

/** The smallest application: says that main ran. For the option fuzz test. */
public final class OptionsFuzzFixture {
    private OptionsFuzzFixture() {
    }

    public static void main(String[] args) {
        System.out.println("main ran");
    }
}

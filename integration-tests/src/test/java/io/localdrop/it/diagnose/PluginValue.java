package io.localdrop.it.diagnose;

/** A class a plugin loader defines its own copy of (PluginFixture loads it from the fixtures directory). */
public final class PluginValue {
    public PluginValue() {
    }
}

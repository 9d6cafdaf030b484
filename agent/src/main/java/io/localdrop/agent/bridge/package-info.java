/**
 * The bridge: the one class JDK code calls. Written here as {@link io.localdrop.agent.bridge.LocaldropBridgeTemplate},
 * renamed at start-up to {@code java.lang.LocaldropBridge} and defined into {@code java.lang} (bootstrap
 * loader, module {@code java.base}) by {@link io.localdrop.agent.bridge.BridgeDefiner}.
 */
package io.localdrop.agent.bridge;

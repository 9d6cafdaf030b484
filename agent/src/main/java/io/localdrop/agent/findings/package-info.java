/**
 * The detectors of mode=diagnose (BLEED, TASK_LEAK, CLASSLOADER_PIN, EXIT_LEAK, CACHE): {@code Detectors} at task
 * boundaries, thread exits and rewritten gets, the task-end and exit scans that read a thread's maps
 * ({@code TaskEndScan}, {@code ExitScan}), and the classification rules they apply ({@code Classifier},
 * docs/diagnose.md, "How findings are classified"); the per-thread and per-ThreadLocal tracking they need (weak or
 * identity-hash only, bounded), the direct reader of ThreadLocal maps (with {@code MapShape}, which lets a task end
 * tell that a small map is unchanged without reading it entry by entry), and the bounded store of findings.
 */
package io.localdrop.agent.findings;

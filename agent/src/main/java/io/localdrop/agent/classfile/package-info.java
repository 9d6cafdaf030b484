/**
 * Reading a class file's constant pool from its bytes, before (and usually instead of) ASM: the one definition of
 * the pool's entry sizes and of the byte compares that the agent's quick looks at every loading class share
 * ({@code sites.ConstantPoolScan} for ThreadLocal sites, {@code tasks.WorkerCandidates} for worker loops). No
 * dependency on the rest of the agent, nothing allocated unless a caller asks for the entries' offsets.
 */
package io.localdrop.agent.classfile;

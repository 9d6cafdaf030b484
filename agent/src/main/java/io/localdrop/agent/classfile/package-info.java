/**
 * Reading a class file's constant pool from its bytes, before (and usually instead of) ASM: the one definition of
 * the pool's entry sizes and of the byte compares ({@code ConstantPool}), and the one walk of each loading class's
 * pool ({@code PoolWalk}) that the agent's quick looks share ({@code sites.ConstantPoolScan} for ThreadLocal sites,
 * {@code tasks.WorkerCandidates} for worker loops, {@code sites.SiteMethods} for the methods ASM decodes), with the
 * few strings those looks ask about. Which methods may call given pool entries ({@code MethodCalls}). A class's file read as a resource of its loader,
 * without loading the class ({@code ClassFileResource}), and answers about classes cached per loader
 * ({@code LoaderCaches}), for the two readers of supertypes ({@code sites.HierarchyResolver},
 * {@code tasks.WorkerTypes}). No dependency on the rest of the agent.
 */
package io.localdrop.agent.classfile;

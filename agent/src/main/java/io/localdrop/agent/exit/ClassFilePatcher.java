package io.localdrop.agent.exit;

import io.localdrop.internal.BridgeProtocol;

import java.io.ByteArrayOutputStream;

/**
 * The hook patches, done directly on the class file without ASM: loading and verifying ASM's classes
 * and running them interpreted costs more JVM start-up time than the rest of the agent together, and these
 * patches are small enough to do by hand.
 * <ul>
 *   <li>{@link #hookAtEntry}: prepends {@code iconst_<event>; invokestatic LocaldropBridge.onThreadEvent(I)V} (4 bytes)
 *   to a method. Branch offsets are relative, so only what holds absolute code offsets moves: the exception
 *   table, the first stack-map frame, line and local-variable tables. 4 bytes keep switch padding aligned.</li>
 *   <li>{@link #hookEraseAtEntry}: the same with {@code aload_0; invokestatic LocaldropBridge.beforeErase(Thread)V}
 *   (also 4 bytes), for a method whose local 0 is the thread whose ThreadLocals it erases.</li>
 *   <li>{@link #redirectStaticCall}: points each {@code invokestatic owner.name} in a method at a bridge method
 *   of the same descriptor instead (same instruction length: nothing moves). The bridge method runs the hook
 *   and then the original call.</li>
 * </ul>
 * Anything unexpected (an unknown code attribute, a malformed file) throws {@link UnsupportedOperationException},
 * and the caller falls back to ASM.
 */
final class ClassFilePatcher {
    private final byte[] file;
    /** The class the hooks call: {@code java/lang/LocaldropBridge}, or a test's stand-in. */
    private final String bridge;
    private final int[] cpOffsets;
    private final int cpCount;
    private final int cpEnd;
    private int sites;

    private ClassFilePatcher(byte[] file, String bridge) {
        this.file = file;
        this.bridge = bridge;
        if (u4(0) != 0xCAFEBABE) {
            throw new UnsupportedOperationException("not a class file");
        }
        cpCount = u2(8);
        cpOffsets = new int[cpCount];
        int at = 10;
        for (int index = 1; index < cpCount; index++) {
            cpOffsets[index] = at;
            int tag = file[at] & 0xff;
            switch (tag) {
                case 1: at += 3 + u2(at + 1); break;
                case 7: case 8: case 16: case 19: case 20: at += 3; break;
                case 15: at += 4; break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: at += 5; break;
                case 5: case 6: at += 9; index++; break;
                default: throw new UnsupportedOperationException("constant-pool tag " + tag);
            }
        }
        cpEnd = at;
    }

    /**
     * Prepends the hook with {@code event} to method {@code name}{@code descriptor}.
     *
     * @return the patched class file, or null if the class has no such method (with code)
     */
    static byte[] hookAtEntry(byte[] classFile, String name, String descriptor, int event) {
        return hookAtEntry(classFile, name, descriptor, event, BridgeProtocol.INTERNAL_NAME);
    }

    /** As above, calling {@code bridge} instead of the real bridge (tests run patched classes against a recorder). */
    static byte[] hookAtEntry(byte[] classFile, String name, String descriptor, int event, String bridge) {
        ClassFilePatcher patcher = new ClassFilePatcher(classFile, bridge);
        int code = patcher.findCode(name, descriptor);
        if (code < 0) {
            return null;
        }
        return patcher.prependHook(code, ICONST_0 + event, BridgeProtocol.EVENT_METHOD, BridgeProtocol.EVENT_DESCRIPTOR);
    }

    /**
     * Prepends {@code beforeErase(local 0)} to method {@code name}{@code descriptor}, whose local 0 (the receiver, or
     * the first argument of a static method) is the thread whose ThreadLocal maps the method erases.
     *
     * @return the patched class file, or null if the class has no such method (with code)
     */
    static byte[] hookEraseAtEntry(byte[] classFile, String name, String descriptor) {
        return hookEraseAtEntry(classFile, name, descriptor, BridgeProtocol.INTERNAL_NAME);
    }

    /** As above, calling {@code bridge} instead of the real bridge. */
    static byte[] hookEraseAtEntry(byte[] classFile, String name, String descriptor, String bridge) {
        ClassFilePatcher patcher = new ClassFilePatcher(classFile, bridge);
        int code = patcher.findCode(name, descriptor);
        if (code < 0) {
            return null;
        }
        return patcher.prependHook(code, ALOAD_0, BridgeProtocol.ERASE_METHOD, BridgeProtocol.ERASE_DESCRIPTOR);
    }

    private static final int ICONST_0 = 0x03;
    private static final int ALOAD_0 = 0x2a;

    /**
     * Replaces each {@code invokestatic owner.name callDescriptor} inside method {@code name}{@code descriptor}
     * with {@code invokestatic java.lang.LocaldropBridge.bridgeMethod callDescriptor}.
     *
     * @return the patched class file and the number of calls replaced, or null if there was none
     */
    static Result redirectStaticCall(byte[] classFile, String name, String descriptor, String owner, String callName,
                                     String callDescriptor, String bridgeMethod) {
        return redirectStaticCall(classFile, name, descriptor, owner, callName, callDescriptor, BridgeProtocol.INTERNAL_NAME,
                bridgeMethod);
    }

    /** As above, calling {@code bridge} instead of the real bridge. */
    static Result redirectStaticCall(byte[] classFile, String name, String descriptor, String owner, String callName,
                                     String callDescriptor, String bridge, String bridgeMethod) {
        ClassFilePatcher patcher = new ClassFilePatcher(classFile, bridge);
        int code = patcher.findCode(name, descriptor);
        if (code < 0) {
            return null;
        }
        int target = patcher.findMethodref(owner, callName, callDescriptor);
        if (target < 0) {
            return null;
        }
        byte[] patched = patcher.redirect(code, target, bridgeMethod, callDescriptor);
        return patched == null ? null : new Result(patched, patcher.sites);
    }

    /** A patched class file and how many sites were patched. */
    static final class Result {
        final byte[] bytes;
        final int sites;

        Result(byte[] bytes, int sites) {
            this.bytes = bytes;
            this.sites = sites;
        }
    }

    // ---- reading

    private int u1(int at) {
        return file[at] & 0xff;
    }

    private int u2(int at) {
        return ((file[at] & 0xff) << 8) | (file[at + 1] & 0xff);
    }

    private int u4(int at) {
        return (u2(at) << 16) | u2(at + 2);
    }

    /** True if constant {@code index} is the UTF-8 string {@code text} (ASCII compared byte by byte). */
    private boolean utf8Is(int index, String text) {
        int at = cpOffsets[index];
        if (u1(at) != 1 || u2(at + 1) != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (file[at + 3 + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int skipAttributes(int at) {
        int count = u2(at);
        at += 2;
        for (int i = 0; i < count; i++) {
            at += 6 + u4(at + 2);
        }
        return at;
    }

    /** Offset of the Code attribute of the method, or -1. */
    private int findCode(String name, String descriptor) {
        int at = cpEnd + 6;
        at += 2 + 2 * u2(at); // interfaces
        int fields = u2(at);
        at += 2;
        for (int i = 0; i < fields; i++) {
            at = skipAttributes(at + 6);
        }
        int methods = u2(at);
        at += 2;
        for (int i = 0; i < methods; i++) {
            boolean wanted = utf8Is(u2(at + 2), name) && utf8Is(u2(at + 4), descriptor);
            int attributes = u2(at + 6);
            int attribute = at + 8;
            for (int j = 0; j < attributes; j++) {
                if (wanted && utf8Is(u2(attribute), "Code")) {
                    return attribute;
                }
                attribute += 6 + u4(attribute + 2);
            }
            at = attribute;
        }
        return -1;
    }

    private int findMethodref(String owner, String name, String descriptor) {
        for (int index = 1; index < cpCount; index++) {
            int at = cpOffsets[index];
            if (at == 0 || u1(at) != 10) {
                continue;
            }
            int classAt = cpOffsets[u2(at + 1)];
            int nameAndTypeAt = cpOffsets[u2(at + 3)];
            if (utf8Is(u2(classAt + 1), owner) && utf8Is(u2(nameAndTypeAt + 1), name) && utf8Is(u2(nameAndTypeAt + 3), descriptor)) {
                return index;
            }
        }
        return -1;
    }

    // ---- writing

    /** Constant-pool entries for a Methodref to LocaldropBridge.method(descriptor), numbered from cpCount. */
    private byte[] bridgeMethodref(String method, String descriptor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int first = cpCount;
        utf8(out, bridge);                                 // first
        out.write(7); u2(out, first);                      // first + 1: Class
        utf8(out, method);                                 // first + 2
        utf8(out, descriptor);                             // first + 3
        out.write(12); u2(out, first + 2); u2(out, first + 3); // first + 4: NameAndType
        out.write(10); u2(out, first + 1); u2(out, first + 4); // first + 5: Methodref
        return out.toByteArray();
    }

    private static final int NEW_CONSTANTS = 6;

    /** Prepends {@code <push>; invokestatic bridge.method descriptor}: a 1-byte push of one slot, then the call. */
    private byte[] prependHook(int codeAttribute, int push, String method, String descriptor) {
        byte[] constants = bridgeMethodref(method, descriptor);
        int methodref = cpCount + NEW_CONSTANTS - 1;
        int codeLength = u4(codeAttribute + 10);
        int codeStart = codeAttribute + 14;
        int at = codeStart + codeLength;

        ByteArrayOutputStream code = new ByteArrayOutputStream(u4(codeAttribute + 2) + 16);
        u2(code, u2(codeAttribute + 6) + 1);               // max_stack: one int more
        u2(code, u2(codeAttribute + 8));                   // max_locals
        u4(code, codeLength + 4);
        code.write(push);                                  // iconst_<event> or aload_0
        code.write(0xb8);                                  // invokestatic
        u2(code, methodref);
        code.write(file, codeStart, codeLength);
        int handlers = u2(at);
        u2(code, handlers);
        at += 2;
        for (int i = 0; i < handlers; i++, at += 8) {
            u2(code, u2(at) + 4);
            u2(code, u2(at + 2) + 4);
            u2(code, u2(at + 4) + 4);
            u2(code, u2(at + 6));
        }
        int attributes = u2(at);
        u2(code, attributes);
        at += 2;
        for (int i = 0; i < attributes; i++) {
            int nameIndex = u2(at);
            int length = u4(at + 2);
            int body = at + 6;
            byte[] moved;
            if (utf8Is(nameIndex, "LineNumberTable")) {
                moved = shiftTable(body, 4, 0);
            } else if (utf8Is(nameIndex, "LocalVariableTable") || utf8Is(nameIndex, "LocalVariableTypeTable")) {
                moved = shiftTable(body, 10, 0);
            } else if (utf8Is(nameIndex, "StackMapTable")) {
                moved = shiftFirstFrame(body, length);
            } else {
                throw new UnsupportedOperationException("code attribute not handled");
            }
            u2(code, nameIndex);
            u4(code, moved.length);
            code.write(moved, 0, moved.length);
            at = body + length;
        }
        byte[] newCode = code.toByteArray();

        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 64);
        out.write(file, 0, 8);
        u2(out, cpCount + NEW_CONSTANTS);
        out.write(file, 10, cpEnd - 10);
        out.write(constants, 0, constants.length);
        out.write(file, cpEnd, codeAttribute + 2 - cpEnd);  // up to the Code attribute's length
        u4(out, newCode.length);
        out.write(newCode, 0, newCode.length);
        int codeEnd = codeAttribute + 6 + u4(codeAttribute + 2);
        out.write(file, codeEnd, file.length - codeEnd);
        sites = 1;
        return out.toByteArray();
    }

    /** A table of u2 count then entries of {@code entrySize} bytes whose u2 at {@code pcOffset} is a code offset. */
    private byte[] shiftTable(int body, int entrySize, int pcOffset) {
        int count = u2(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 + count * entrySize);
        u2(out, count);
        for (int i = 0; i < count; i++) {
            int entry = body + 2 + i * entrySize;
            out.write(file, entry, pcOffset);
            u2(out, u2(entry + pcOffset) + 4);
            out.write(file, entry + pcOffset + 2, entrySize - pcOffset - 2);
        }
        return out.toByteArray();
    }

    /** Only the first frame's offset is absolute (the others are deltas from the previous frame). */
    private byte[] shiftFirstFrame(int body, int length) {
        int count = u2(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 2);
        u2(out, count);
        int at = body + 2;
        if (count > 0) {
            int type = u1(at);
            if (type <= 63) {                       // same_frame
                writeSameFrame(out, type + 4, 0, 251);
                at += 1;
            } else if (type <= 127) {               // same_locals_1_stack_item: a verification type follows
                writeSameFrame(out, type - 64 + 4, 64, 247);
                at += 1;
            } else if (type >= 247) {               // every extended form has a u2 offset_delta
                out.write(type);
                u2(out, u2(at + 1) + 4);
                at += 3;
            } else {
                throw new UnsupportedOperationException("stack-map frame type " + type);
            }
        }
        out.write(file, at, body + length - at);
        return out.toByteArray();
    }

    private static void writeSameFrame(ByteArrayOutputStream out, int delta, int base, int extended) {
        if (delta <= 63) {
            out.write(base + delta);
        } else {
            out.write(extended);
            u2(out, delta);
        }
    }

    private byte[] redirect(int codeAttribute, int target, String bridgeMethod, String descriptor) {
        int codeLength = u4(codeAttribute + 10);
        int codeStart = codeAttribute + 14;
        byte[] patched = new byte[file.length];
        System.arraycopy(file, 0, patched, 0, file.length);
        int replacement = cpCount + NEW_CONSTANTS - 1;
        int pc = 0;
        while (pc < codeLength) {
            int opcode = u1(codeStart + pc);
            if (opcode == 0xb8 && u2(codeStart + pc + 1) == target) {
                patched[codeStart + pc + 1] = (byte) (replacement >>> 8);
                patched[codeStart + pc + 2] = (byte) replacement;
                sites++;
            }
            pc += instructionLength(codeStart, pc, opcode);
        }
        if (sites == 0) {
            return null;
        }
        byte[] constants = bridgeMethodref(bridgeMethod, descriptor);
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + constants.length);
        out.write(patched, 0, 8);
        u2(out, cpCount + NEW_CONSTANTS);
        out.write(patched, 10, cpEnd - 10);
        out.write(constants, 0, constants.length);
        out.write(patched, cpEnd, patched.length - cpEnd);
        return out.toByteArray();
    }

    /** The JVM specification's instruction lengths (chapter 6), switches and wide included. */
    private int instructionLength(int codeStart, int pc, int opcode) {
        if (opcode <= 0x0f || (opcode >= 0x1a && opcode <= 0x35) || (opcode >= 0x3b && opcode <= 0x83)
                || (opcode >= 0x85 && opcode <= 0x98) || (opcode >= 0xac && opcode <= 0xb1)
                || opcode == 0xbe || opcode == 0xbf || opcode == 0xc2 || opcode == 0xc3) {
            return 1;
        }
        if (opcode == 0x10 || opcode == 0x12 || (opcode >= 0x15 && opcode <= 0x19) || (opcode >= 0x36 && opcode <= 0x3a)
                || opcode == 0xa9 || opcode == 0xbc) {
            return 2;
        }
        if (opcode == 0x11 || opcode == 0x13 || opcode == 0x14 || opcode == 0x84 || (opcode >= 0x99 && opcode <= 0xa8)
                || (opcode >= 0xb2 && opcode <= 0xb8) || opcode == 0xbb || opcode == 0xbd || opcode == 0xc0
                || opcode == 0xc1 || opcode == 0xc6 || opcode == 0xc7) {
            return 3;
        }
        if (opcode == 0xc5) {
            return 4;
        }
        if (opcode == 0xb9 || opcode == 0xba || opcode == 0xc8 || opcode == 0xc9) {
            return 5;
        }
        if (opcode == 0xc4) {
            return u1(codeStart + pc + 1) == 0x84 ? 6 : 4;
        }
        if (opcode == 0xaa || opcode == 0xab) {
            int operands = (pc + 4) & ~3; // padding to a multiple of 4 from the code's start
            if (opcode == 0xaa) {
                int low = u4(codeStart + operands + 4);
                int high = u4(codeStart + operands + 8);
                return operands - pc + 12 + (high - low + 1) * 4;
            }
            int pairs = u4(codeStart + operands + 4);
            return operands - pc + 8 + pairs * 8;
        }
        throw new UnsupportedOperationException("opcode " + opcode);
    }

    private static void utf8(ByteArrayOutputStream out, String ascii) {
        out.write(1);
        u2(out, ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            out.write(ascii.charAt(i));
        }
    }

    private static void u2(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void u4(ByteArrayOutputStream out, int value) {
        u2(out, value >>> 16);
        u2(out, value);
    }
}

package io.localdrop.agent.options;

import io.localdrop.agent.findings.FindingKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the file of option {@code suppress}: one entry per line,
 * <pre>
 * # comment
 * KIND  THREADLOCAL  reason, to the end of the line
 * </pre>
 * separated by spaces or tabs. {@code KIND} is a finding kind as the report writes it ({@code BLEED},
 * {@code TASK_LEAK}, ...), {@code THREADLOCAL} a field, creation site or type name or a prefix of one (see
 * {@link Suppression}), and the reason is mandatory: a suppression nobody can explain later is a hidden leak.
 * Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Strict like the other options: an unreadable file or a bad entry is a {@link BadOptionException} whose
 * message is one line naming the file, the line and the problem, and the JVM stops before {@code main}.
 */
final class SuppressionFile {
    private SuppressionFile() {
    }

    /**
     * The most a suppression file may hold: thousands of entries. A path such as /dev/zero or a log file given by
     * mistake is refused instead of filling the heap before main (an OutOfMemoryError out of premain aborts the JVM).
     */
    static final int MAX_BYTES = 1 << 20;

    /** The entries of {@code file}, in file order. */
    static List<Suppression> read(Path file) {
        if (Files.isDirectory(file)) {
            throw cannotRead(file, "it is a directory");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw cannotRead(file, "it is not a regular file (a device, pipe or socket)"); // a pipe would block until written
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // bounded: a file can grow, and /proc files say they are empty
        } catch (IOException | SecurityException unreadable) {
            throw cannotRead(file, describe(unreadable));
        }
        if (bytes.length > MAX_BYTES) {
            throw cannotRead(file, "it is larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw cannotRead(file, "it is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            // a byte-order mark (Windows editors write one): invisible in the message, it made 'BLEED' an unknown kind
            text = text.substring(1);
        }
        // String.lines splits as Files.readAllLines did: at \n, \r\n or \r, no empty last line
        return parse(file.toAbsolutePath().toString(), text.lines().collect(java.util.stream.Collectors.toList()));
    }

    private static BadOptionException cannotRead(Path file, String why) {
        return new BadOptionException("localdrop: cannot read the suppression file " + file.toAbsolutePath()
                + " (option suppress): " + why);
    }

    /** The entries of {@code lines} ({@code file} names them in messages). */
    static List<Suppression> parse(String file, List<String> lines) {
        List<Suppression> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Suppression entry = entry(file, i + 1, lines.get(i));
            if (entry != null) {
                entries.add(entry);
            }
        }
        return Collections.unmodifiableList(entries);
    }

    /** One line's entry, or null for a blank or comment line. */
    private static Suppression entry(String file, int number, String line) {
        String text = line.trim();
        if (text.isEmpty() || text.charAt(0) == '#') {
            return null;
        }
        int kindEnd = wordEnd(text, 0);
        String kindName = text.substring(0, kindEnd);
        FindingKind kind = kind(kindName);
        if (kind == null) {
            throw bad(file, number, "unknown kind '" + kindName + "'; kinds are " + kinds());
        }
        int nameStart = blanksEnd(text, kindEnd);
        if (nameStart == text.length()) {
            throw bad(file, number, "no ThreadLocal after " + kindName);
        }
        int nameEnd = wordEnd(text, nameStart);
        String name = text.substring(nameStart, nameEnd);
        if (!isName(name)) {
            throw bad(file, number, "'" + name + "' is not a field, creation-site or class name, nor a prefix of one"
                    + (name.indexOf('/') >= 0 ? " (write class names with '.')" : ""));
        }
        String reason = text.substring(blanksEnd(text, nameEnd)).trim();
        if (reason.isEmpty()) {
            throw bad(file, number, "no reason after " + kindName + " " + name
                    + "; every suppression says why (the rest of the line)");
        }
        return new Suppression(kind, name, reason, number);
    }

    private static BadOptionException bad(String file, int number, String problem) {
        return new BadOptionException("localdrop: bad suppression file " + file + " line " + number + ": " + problem
                + "; entries are KIND THREADLOCAL REASON");
    }

    private static FindingKind kind(String name) {
        FindingKind[] kinds = FindingKind.values();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i].name().equals(name)) {
                return kinds[i];
            }
        }
        return null;
    }

    private static String kinds() {
        StringBuilder names = new StringBuilder();
        FindingKind[] kinds = FindingKind.values();
        for (int i = 0; i < kinds.length; i++) {
            names.append(i == 0 ? "" : ", ").append(kinds[i].name());
        }
        return names.toString();
    }

    /**
     * Dotted name parts made of Java identifier characters, {@code <init>}/{@code <clinit>} as a part (creation
     * sites), no empty part except a trailing one (a prefix such as {@code org.apache.}).
     */
    private static boolean isName(String name) {
        char previous = '.';
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false;
                }
            } else if (!Character.isJavaIdentifierPart(c) && c != '<' && c != '>') {
                return false;
            }
            previous = c;
        }
        return name.charAt(0) != '.';
    }

    private static int wordEnd(String text, int from) {
        int at = from;
        while (at < text.length() && !isBlank(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static int blanksEnd(String text, int from) {
        int at = from;
        while (at < text.length() && isBlank(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** The exception's kind in words, as one line (a missing file says "no such file"). */
    private static String describe(Exception failure) {
        if (failure instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (failure instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' '));
    }
}

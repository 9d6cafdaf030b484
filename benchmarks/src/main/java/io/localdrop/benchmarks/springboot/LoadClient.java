package io.localdrop.benchmarks.springboot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request-throughput client for the Spring Boot benchmark: {@code clients} threads, each with one keep-alive
 * HTTP/1.1 connection to {@code 127.0.0.1:port}, send {@code GET /correct/request?id=...} back to back (the
 * correct endpoint: a filter sets a request-scoped ThreadLocal and logback's MDC, the handler logs with MDC and
 * answers JSON). It warms up for {@code warmupSeconds}, then counts the answers of {@code measureSeconds} and
 * prints one line: {@code requests=N seconds=S rps=R wrong=W}, and with the server's pid also
 * {@code cpuUsPerRequest=C}: the server process's CPU time (user + system, from {@code /proc/PID/stat}) over the
 * measured window, per request. Each answer is checked to carry its own id in
 * {@code requestScope} and {@code mdc}, so a broken set-up cannot look fast; any error or wrong answer exits
 * with status 1. Loopback only, bounded in time: it stops by itself.
 *
 * <p>{@code java -cp benchmarks.jar io.localdrop.benchmarks.springboot.LoadClient port clients warmupSeconds measureSeconds [serverPid]}
 */
public final class LoadClient {

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: LoadClient port clients warmupSeconds measureSeconds [serverPid]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int clients = Integer.parseInt(args[1]);
        long warmupNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        long measureNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        long serverPid = args.length == 5 ? Long.parseLong(args[4]) : -1;

        LongAdder counted = new LongAdder();
        LongAdder wrong = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                    for (long i = 0; !stop.get(); i++) {
                        String id = "c" + client + "-" + i;
                        out.write(("GET /correct/request?id=" + id + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        String body = readResponse(in);
                        boolean right = body.contains("\"requestScope\":\"" + id + "\"")
                                && body.contains("\"mdc\":\"" + id + "\"");
                        if (measuring.get()) {
                            counted.increment();
                            if (!right) {
                                wrong.increment();
                            }
                        } else if (!right) {
                            wrong.increment();
                        }
                    }
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                    stop.set(true);
                } finally {
                    done.countDown();
                }
            }, "load-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        Thread.sleep(warmupNanos / 1_000_000);
        counted.reset();
        long cpuBefore = serverCpuTicks(serverPid);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measureNanos / 1_000_000);
        long requests = counted.sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuAfter = serverCpuTicks(serverPid);
        measuring.set(false);
        stop.set(true);
        done.await();
        synchronized (failures) {
            if (!failures.isEmpty()) {
                System.err.println("LoadClient: " + failures.size() + " client(s) failed: " + failures.get(0));
                System.exit(1);
            }
        }
        System.out.printf("requests=%d seconds=%.3f rps=%.1f wrong=%d", requests, seconds, requests / seconds, wrong.sum());
        if (serverPid > 0) {
            // /proc counts in USER_HZ ticks, 100 a second on Linux whatever the kernel's own tick rate
            System.out.printf(" cpuUsPerRequest=%.2f", (cpuAfter - cpuBefore) * 10_000.0 / Math.max(1, requests));
        }
        System.out.println();
        if (wrong.sum() != 0) {
            System.exit(1);
        }
    }

    /** The process's user + system time in clock ticks (fields 14 and 15 of {@code /proc/PID/stat}), or 0 without a pid. */
    private static long serverCpuTicks(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        // the command name (field 2) may contain spaces: count fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Reads one response (status 200 required; Content-Length or chunked) and returns its body. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected answer: " + head.lines().findFirst().orElse(""));
        }
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        int length = lower.indexOf("\ncontent-length:");
        if (length >= 0) {
            int end = lower.indexOf('\r', length);
            int n = Integer.parseInt(lower.substring(length + 16, end).trim());
            return new String(in.readNBytes(n), StandardCharsets.UTF_8);
        }
        if (lower.contains("\ntransfer-encoding: chunked")) {
            StringBuilder body = new StringBuilder();
            while (true) {
                int n = Integer.parseInt(readLine(in).trim(), 16);
                if (n == 0) {
                    readLine(in); // the empty line after the last chunk (no trailers are sent)
                    return body.toString();
                }
                body.append(new String(in.readNBytes(n), StandardCharsets.UTF_8));
                readLine(in);
            }
        }
        throw new IOException("answer without length: " + head);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        int matched = 0;
        while (matched < CRLF_CRLF.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            head.append((char) b);
            matched = b == CRLF_CRLF[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}

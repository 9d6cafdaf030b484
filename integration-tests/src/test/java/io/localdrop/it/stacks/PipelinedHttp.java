package io.localdrop.it.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 pipelining over one loopback connection: several GETs written in one go, so that the server
 * finds the next request already in its buffer and serves them one after the other in the same unit of
 * its pool's work (one Tomcat task, one virtual thread). That makes "two requests inside one task" certain,
 * where a keep-alive client only makes it likely.
 */
public final class PipelinedHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The applications' answers are flat JSON objects. */
    private static final Pattern BODY = Pattern.compile("\\{[^{}]*\\}");

    private PipelinedHttp() {
    }

    /** One GET: its path and headers as name, value pairs. */
    public record Get(String path, String... headers) {
    }

    /** Sends the GETs back to back on one connection and returns their JSON answers in order. */
    public static List<JsonNode> send(String host, int port, List<Get> gets) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < gets.size(); i++) {
            Get get = gets.get(i);
            out.append("GET ").append(get.path()).append(" HTTP/1.1\r\nHost: localhost\r\n");
            for (int h = 0; h + 1 < get.headers().length; h += 2) {
                out.append(get.headers()[h]).append(": ").append(get.headers()[h + 1]).append("\r\n");
            }
            if (i == gets.size() - 1) {
                out.append("Connection: close\r\n");
            }
            out.append("\r\n");
        }
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(90_000);
            OutputStream stream = socket.getOutputStream();
            stream.write(out.toString().getBytes(StandardCharsets.US_ASCII));
            stream.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<JsonNode> bodies = new ArrayList<>();
            Matcher body = BODY.matcher(answers);
            while (body.find()) {
                bodies.add(JSON.readTree(body.group()));
            }
            int ok = answers.split("HTTP/1\\.1 200 ", -1).length - 1;
            if (bodies.size() != gets.size() || ok != gets.size()) {
                throw new AssertionError(gets.size() + " pipelined GETs, answers:\n" + answers);
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException("pipelined GETs to " + host + ":" + port + " failed", e);
        }
    }
}

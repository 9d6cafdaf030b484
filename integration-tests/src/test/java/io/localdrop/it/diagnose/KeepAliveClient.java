package io.localdrop.it.diagnose;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client side of the server fixtures, and the oracle: one {@link HttpClient} (HTTP/1.1, which keeps its
 * connection alive between requests) signs in as a new user, then asks anonymously who it is, {@code rounds}
 * times, one request after the other. Every anonymous answer that names a user is a bleeding read; their number
 * is printed for the test to compare with the agent's finding, which knows nothing of this count.
 */
final class KeepAliveClient {
    private KeepAliveClient() {
    }

    static void drive(int port, int rounds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        int bleeding = 0;
        for (int round = 0; round < rounds; round++) {
            String user = "user" + round;
            String signedIn = get(client, port, "/login?user=" + user);
            if (!signedIn.equals(user)) {
                throw new IllegalStateException("sign-in as " + user + " answered " + signedIn);
            }
            if (!get(client, port, "/whoami").equals(SignedInUser.ANONYMOUS)) {
                bleeding++;
            }
        }
        System.out.println("bleeding reads: " + bleeding);
    }

    /**
     * The same rounds, each request on a connection of its own ({@code Connection: close}, read to the end), one
     * after the other: what a browser's or a proxy's short connections do to a server's event loop.
     */
    static void driveClosing(int port, int rounds) throws Exception {
        int bleeding = 0;
        for (int round = 0; round < rounds; round++) {
            String user = "user" + round;
            String signedIn = getClosing(port, "/login?user=" + user);
            if (!signedIn.equals(user)) {
                throw new IllegalStateException("sign-in as " + user + " answered " + signedIn);
            }
            if (!getClosing(port, "/whoami").equals(SignedInUser.ANONYMOUS)) {
                bleeding++;
            }
        }
        System.out.println("bleeding reads: " + bleeding);
    }

    private static String getClosing(int port, String path) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException(path + " answered " + response);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private static String get(HttpClient client, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}

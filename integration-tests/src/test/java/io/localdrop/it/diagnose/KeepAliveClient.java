package io.localdrop.it.diagnose;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

package io.localdrop.it.diagnose;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;

import java.net.InetSocketAddress;

/**
 * A real Undertow 2.3 server whose handler runs on its worker pool ({@code workers}: JBoss
 * {@code EnhancedQueueExecutor} threads, as in Quarkus and WildFly, a pool the agent knows by no name) or on its
 * I/O thread ({@code io-thread}), serving {@link SignedInUser} {@code leaky} or {@code correct}, driven by
 * {@link KeepAliveClient}. Args: api(unused) pool variant rounds.
 */
public final class UndertowRequestsFixture {
    private UndertowRequestsFixture() {
    }

    public static void main(String[] args) throws Exception {
        boolean leaky = args[2].equals("leaky");
        int rounds = Integer.parseInt(args[3]);
        HttpHandler users = new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                String text = SignedInUser.answer(exchange.getRequestPath(), exchange.getQueryString(), leaky);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                exchange.getResponseSender().send(text);
            }
        };
        // workers: dispatched to the worker pool (BlockingHandler); io-thread: run on the I/O thread itself
        HttpHandler root = args[1].equals("io-thread") ? users : new BlockingHandler(users);
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(4)
                .setHandler(root).build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            KeepAliveClient.drive(port, rounds);
        } finally {
            server.stop();
        }
        System.out.println("served by undertow");
    }
}
